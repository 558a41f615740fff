import Foundation
import GRDB
import Testing

@testable import SGGStore

@Suite struct OpeningTests {
  static let migrations = [
    "v1-runs", "v1-sample-results", "v1-breakdowns", "v1-input-issues", "v1-judge-verdicts",
    "v1-predictions", "v2-run-mapping",
  ]

  @Test func freshFileGetsEveryMigrationAndReopens() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("new.sqlite").path
    let id: Int64
    do {
      let store = try ResultsStore(path: path)
      #expect(try store.appliedMigrations() == Self.migrations)
      id = try store.beginRun(sampleScoreRun())
      try store.finishRun(id: id, metrics: ["R@50": 0.25], failures: ["malformed": 1])
    }
    #expect(FileManager.default.fileExists(atPath: path))
    let reopened = try ResultsStore(path: path)
    #expect(try reopened.appliedMigrations() == Self.migrations)
    let run = try #require(try reopened.run(id: id))
    #expect(run.metrics == ["R@50": 0.25])
    #expect(run.status == .complete)
  }

  @Test func connectionSettings() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try ResultsStore(path: dir.appendingPathComponent("s.sqlite").path)
    let (journal, foreignKeys, timeout) = try store.queue.read { db in
      (
        try String.fetchOne(db, sql: "PRAGMA journal_mode"),
        try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
        try Int.fetchOne(db, sql: "PRAGMA busy_timeout")
      )
    }
    #expect(journal == "wal")
    #expect(foreignKeys == 1)
    #expect(timeout == 10_000)
  }

  @Test func textFileIsNotADatabase() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("preds.jsonl").path
    try Data(String(repeating: #"{"id":"1","response":"{}"}"# + "\n", count: 200).utf8)
      .write(to: URL(fileURLWithPath: path))
    #expect(throws: StoreError.notADatabase(path: path)) { try ResultsStore(path: path) }
    #expect(StoreError.notADatabase(path: path).description.hasPrefix(path + ": not an SQLite"))
  }

  @Test func unopenablePathsNameThePath() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    #expect(throws: StoreError.cannotOpen(path: dir.path, reason: "it is a directory")) {
      try ResultsStore(path: dir.path)
    }
    let missing = dir.appendingPathComponent("no/such/dir/r.sqlite").path
    #expect {
      try ResultsStore(path: missing)
    } throws: { error in
      guard case .cannotOpen(let path, let reason) = error as? StoreError else { return false }
      return path == missing && reason.contains("does not exist")
        && (error as? StoreError)?.description.hasPrefix(missing) == true
    }
  }

  @Test func databaseFromANewerVersionIsRefused() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("future.sqlite").path
    do { _ = try ResultsStore(path: path) }
    // What a later sgg-eval would leave behind: one more applied migration.
    let raw = try DatabaseQueue(path: path)
    try raw.write { db in
      try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-future')")
    }
    try raw.close()
    #expect(throws: StoreError.newerSchema(path: path, unknownMigrations: ["v9-future"])) {
      try ResultsStore(path: path)
    }
  }

  @Test func defaultPathPrefersTheEnvironment() {
    #expect(
      ResultsStore.defaultPath(
        environment: ["SGG_EVAL_DB": "/tmp/x.sqlite"], currentDirectory: "/w")
        == "/tmp/x.sqlite")
    #expect(
      ResultsStore.defaultPath(environment: ["SGG_EVAL_DB": ""], currentDirectory: "/w")
        == "/w/sgg-eval.sqlite")
    #expect(
      ResultsStore.defaultPath(environment: [:], currentDirectory: "/w/") == "/w/sgg-eval.sqlite")
  }
}
