internal import GRDB

/// The store's schema as named, ordered migrations. docs/store.md documents the result.
///
/// A migration that has shipped is never edited: a schema change is a new migration appended here
/// (and a docs/store.md update). ``StoreMigrator`` applies them under one write lock and records
/// them in `grdb_migrations`.
enum StoreSchema {
  static let migrator: StoreMigrator = {
    var migrator = StoreMigrator()

    migrator.registerMigration("v1-runs") { db in
      try db.create(table: "runs") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("created_at", .text).notNull()
        t.column("finished_at", .text)
        t.column("name", .text)
        t.column("command", .text).notNull()
        t.column("protocol", .text).notNull()
        t.column("protocol_options_json", .text).notNull().defaults(to: "{}")
        t.column("predictions_path", .text)
        t.column("predictions_sha256", .text)
        t.column("gt_source", .text).notNull().check { ["file", "dataset"].contains($0) }
        t.column("gt_path", .text).notNull()
        t.column("gt_sha256", .text)
        t.column("vocab_path", .text)
        t.column("vocab_sha256", .text)
        t.column("dataset", .text)
        t.column("split", .text)
        t.column("sample_count", .integer).notNull().defaults(to: 0)
        t.column("skipped_lines", .integer).notNull().defaults(to: 0)
        t.column("tool_version", .text).notNull()
        t.column("status", .text).notNull().check { ["running", "complete"].contains($0) }
        t.column("metrics_json", .text).notNull().defaults(to: "{}")
        t.column("failures_json", .text).notNull().defaults(to: "{}")
        t.column("usage_json", .text)
      }
      try db.create(index: "runs_on_dataset_split", on: "runs", columns: ["dataset", "split"])

      try db.create(table: "run_tags") { t in
        t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
        t.column("tag", .text).notNull()
        t.primaryKey(["run_id", "tag"])
      }
      try db.create(index: "run_tags_on_tag", on: "run_tags", columns: ["tag"])

      try db.create(table: "run_metrics") { t in
        t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
        t.column("key", .text).notNull()
        // NULL stands for a non-finite value (SQLite stores a NaN as NULL anyway).
        t.column("value", .double)
        t.primaryKey(["run_id", "key"])
      }
      // Leaderboards sort one metric across runs.
      try db.create(
        index: "run_metrics_on_key_value", on: "run_metrics", columns: ["key", "value"])
    }

    migrator.registerMigration("v1-sample-results") { db in
      try db.create(table: "sample_results") { t in
        t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
        t.column("sample_id", .text).notNull()
        t.column("line", .integer)
        t.column("failure_kind", .text)
        for name in ["obj_tp", "obj_pred", "obj_gt", "rel_tp", "rel_pred", "rel_gt"] {
          t.column(name, .integer).notNull()
        }
        for name in [
          "obj_p", "obj_r", "obj_f1", "rel_p", "rel_r", "rel_f1", "sgg_score", "recall_at_20",
          "recall_at_50", "recall_at_100",
        ] {
          t.column(name, .double)
        }
        t.column("extra", .text)
        t.primaryKey(["run_id", "sample_id"])
      }
    }

    migrator.registerMigration("v1-breakdowns") { db in
      try db.create(table: "predicate_breakdown") { t in
        t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
        t.column("predicate", .text).notNull()
        for name in ["gt_count", "hits_at_20", "hits_at_50", "hits_at_100", "pred_count"] {
          t.column(name, .integer).notNull()
        }
        t.primaryKey(["run_id", "predicate"])
      }
      try db.create(table: "class_breakdown") { t in
        t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
        t.column("label", .text).notNull()
        for name in ["gt_count", "tp", "pred_count"] {
          t.column(name, .integer).notNull()
        }
        t.primaryKey(["run_id", "label"])
      }
    }

    migrator.registerMigration("v1-input-issues") { db in
      try db.create(table: "input_issues") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("run_id", .integer).notNull().indexed().references("runs", onDelete: .cascade)
        t.column("file", .text).notNull()
        t.column("line", .integer)
        t.column("field", .text)
        t.column("message", .text).notNull()
        t.column("kind", .text).notNull()
      }
    }

    migrator.registerMigration("v1-judge-verdicts") { db in
      // A cache shared by all runs, so no run_id.
      try db.create(table: "judge_verdicts") { t in
        t.column("model", .text).notNull()
        t.column("prompt_hash", .text).notNull()
        t.column("question_hash", .text).notNull()
        t.column("question", .text).notNull()
        t.column("verdict", .integer).check { $0 == nil || [0, 1].contains($0) }
        t.column("raw_answer", .text)
        t.column("created_at", .text).notNull()
        t.primaryKey(["model", "prompt_hash", "question_hash"])
      }
    }

    migrator.registerMigration("v1-predictions") { db in
      try db.create(table: "predictions") { t in
        t.autoIncrementedPrimaryKey("id")
        t.column("run_id", .integer).notNull().references("runs", onDelete: .cascade)
        t.column("sample_id", .text).notNull()
        t.column("response", .text).notNull()
        t.column("latency_s", .double)
        t.column("prompt_tokens", .integer)
        t.column("completion_tokens", .integer)
        t.column("finish_reason", .text)
        t.column("endpoint", .text)
        t.column("created_at", .text).notNull()
        t.uniqueKey(["run_id", "sample_id"])
      }
    }

    // Open-vocabulary mapping statistics of a score run (docs/store.md).
    migrator.registerMigration("v2-run-mapping") { db in
      try db.alter(table: "runs") { t in t.add(column: "mapping_json", .text) }
    }

    return migrator
  }()
}
