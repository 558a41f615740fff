import Foundation
import SGGStore
import Testing

/// `sgg-eval score PREDS --dataset D --root DIR --split S`: ground truth straight from the
/// original files.
@Suite struct ScoreDatasetTests {
  private func close(_ a: Any?, _ b: Double) -> Bool {
    guard let a = a as? Double ?? (a as? Int).map(Double.init) else { return false }
    return abs(a - b) < 1e-12
  }

  /// An R1-SGG JSON answer that restates `s` exactly (labels are unique per fixture image, so
  /// `label.1` names each object), in pixel coordinates.
  static func response(for s: DatasetFixtures.Sample) -> String {
    func id(_ i: Int) -> String { "\(s.objects[i].label).1" }
    let objects = s.objects.indices.map { i in
      ["id": id(i), "bbox": s.objects[i].box] as [String: Any]
    }
    let relations = s.relations.map {
      ["subject": id($0.subject), "predicate": $0.predicate, "object": id($0.object)]
    }
    let answer = try? JSONSerialization.data(
      withJSONObject: ["objects": objects, "relationships": relations], options: [.sortedKeys])
    return String(decoding: answer ?? Data(), as: UTF8.self)
  }

  static func writePredictions(_ samples: [DatasetFixtures.Sample], to url: URL) throws {
    let lines = try samples.map { s -> String in
      let row = try JSONSerialization.data(
        withJSONObject: ["id": s.id, "response": "<answer>\(response(for: s))</answer>"],
        options: [.sortedKeys])
      return String(decoding: row, as: UTF8.self)
    }
    try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
  }

  // PVSG val (4 frames, every (subject, object) pair has one predicate): predictions equal to
  // the GT match every object and relation ⇒ obj/rel P = R = F1 = 1 and R@K = 1 on every frame.
  // mR@K averages per-predicate recall over the vocabulary: the dataset's 4 predicates
  // (beside, holding, looking at, on) with "holding" absent ⇒ (1 + 0 + 1 + 1) / 4 = 0.75;
  // with a --vocab of the 3 present predicates ⇒ 3 / 3 = 1.
  @Test func predictionsEqualToGroundTruthScorePerfectly() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let preds = dir.appendingPathComponent("preds.jsonl")
    try Self.writePredictions(try DatasetFixtures.expected("pvsg", "val"), to: preds)
    let args = [
      "score", preds.path, "--dataset", "pvsg", "--root", DatasetFixtures.root("pvsg"),
      "--split", "val", "--json", "--no-db",
    ]
    let result = try CLIRunner.run(args)
    #expect(result.status == 0, "\(result.stderr)")
    let json = try result.json()
    #expect(json["samples"] as? Int == 4)
    let m = try #require(json["metrics"] as? [String: Any])
    for key in ["obj_p", "obj_r", "obj_f1", "rel_p", "rel_r", "rel_f1", "R@20", "R@50", "R@100"] {
      #expect(close(m[key], 1), "\(key) = \(String(describing: m[key]))")
    }
    #expect(close(m["failure_rate"], 0))
    #expect(close(m["mR@50"], 0.75))

    let vocab = dir.appendingPathComponent("vocab.json")
    try """
    {"objects": ["adult", "cake", "table", "wall"], "predicates": ["beside", "looking at", "on"]}
    """.write(to: vocab, atomically: true, encoding: .utf8)
    let withVocab = try CLIRunner.run(args + ["--vocab", vocab.path])
    #expect(withVocab.status == 0, "\(withVocab.stderr)")
    let m2 = try #require(try withVocab.json()["metrics"] as? [String: Any])
    #expect(close(m2["mR@50"], 1))
  }

  // VG150 test has 2 images (line 1: 2343728, line 2: 2417985). Only 2417985 is predicted, and
  // exactly: obj_f1 = (0 + 1) / 2, R@50 = (0 + 1) / 2 (both images have GT relations), one
  // failure (missing_prediction) of 2. The issue names the source "vg150:test" and line 1.
  // The store records the dataset source.
  @Test func missingPredictionIsNamedAndTheRunRecordsTheDataset() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let preds = dir.appendingPathComponent("preds.jsonl")
    let gt = try DatasetFixtures.expected("vg150", "test")
    try Self.writePredictions(gt.filter { $0.id == "2417985" }, to: preds)
    let db = dir.appendingPathComponent("runs.sqlite").path
    let root = DatasetFixtures.root("vg150")
    let result = try CLIRunner.run([
      "score", preds.path, "--dataset", "vg150", "--root", root, "--split", "test", "--json",
      "--db", db,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try result.json()
    let m = try #require(json["metrics"] as? [String: Any])
    #expect(close(m["obj_f1"], 0.5))
    #expect(close(m["R@50"], 0.5))
    #expect(close(m["failure_rate"], 0.5))
    #expect(json["failures"] as? [String: Int] == ["missing_prediction": 1])
    let issues = try #require(json["issues"] as? [[String: Any]])
    #expect(
      issues.contains {
        $0["file"] as? String == "vg150:test" && $0["line"] as? Int == 1
          && $0["kind"] as? String == "missing_prediction"
      }, "\(issues)")

    let store = try ResultsStore(path: db)
    let runID = try #require(json["run_id"] as? Int)
    let run = try #require(try store.run(id: Int64(runID)))
    #expect(run.dataset == "vg150")
    #expect(run.split == "test")
    #expect(run.groundTruth == .dataset(root: URL(fileURLWithPath: root).standardized.path))
    #expect(run.vocab == nil)
  }

  @Test func groundTruthSourceMustBeExactlyOne() throws {
    let preds = CLIRunner.fixture("score/preds.jsonl")
    let neither = try CLIRunner.run(["score", preds, "--no-db"])
    #expect(neither.status == 64)
    #expect(neither.stderr.contains("--gt FILE or --dataset"), "\(neither.stderr)")
    let both = try CLIRunner.run([
      "score", preds, "--gt", CLIRunner.fixture("score/gt.jsonl"), "--dataset", "psg", "--root",
      DatasetFixtures.root("psg"), "--split", "test", "--no-db",
    ])
    #expect(both.status == 64)
    #expect(both.stderr.contains("exclude each other"), "\(both.stderr)")
    let noSplit = try CLIRunner.run([
      "score", preds, "--dataset", "psg", "--root", DatasetFixtures.root("psg"), "--no-db",
    ])
    #expect(noSplit.status == 64)
    #expect(noSplit.stderr.contains("--split is required (psg: train, test)"), "\(noSplit.stderr)")
  }

  @Test func truncatedDatasetFileFailsTheScore() throws {
    let root = try DatasetFixtures.scratchCopy("psg")
    defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
    let file = root.appendingPathComponent("psg.json")
    let bytes = try Data(contentsOf: file)
    try bytes.prefix(bytes.count - 10).write(to: file)
    let result = try CLIRunner.run([
      "score", CLIRunner.fixture("score/preds.jsonl"), "--dataset", "psg", "--root", root.path,
      "--split", "test", "--no-db",
    ])
    #expect(result.status == 66)
    #expect(result.stderr.contains("error: \(file.path): line "), "\(result.stderr)")
  }
}
