import Foundation
import GRDB
import SGGStore
import Testing

/// `--db-timeout` / `$SGG_EVAL_DB_TIMEOUT`, and a run that can't be stored: its scores are still
/// printed, the error follows, and the exit status is the store's (74).
@Suite struct StoreTimeoutCommandTests {
  let preds = CLIRunner.fixture("score/preds.jsonl")
  let gt = CLIRunner.fixture("score/gt.jsonl")
  let vocab = CLIRunner.fixture("score/vocab.json")

  /// Runs `body` while another connection holds `path`'s write lock, as a second process would.
  func whileLocked<T>(_ path: String, _ body: () throws -> T) throws -> T {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    var result: T?
    try queue.inTransaction(.immediate) { db in
      try db.execute(sql: "UPDATE runs SET name = name")
      result = try body()
      return .rollback
    }
    return try #require(result)
  }

  @Test func aRunThatCannotBeStoredIsStillPrinted() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let db = dir.appendingPathComponent("locked.sqlite").path
    _ = try ResultsStore(path: db)
    let arguments = ["score", preds, "--gt", gt, "--vocab", vocab, "--db", db]

    let table = try whileLocked(db) {
      try CLIRunner.run(arguments + ["--db-timeout", "0.2"])
    }
    #expect(table.status == 74)
    #expect(table.stdout.contains("R@K"), "the score table is printed")
    #expect(!table.stdout.contains("stored as run"))
    #expect(
      table.stderr.contains("\(db): another process kept the database locked for more than 0.2 s"))
    #expect(table.stderr.contains("were not stored"))

    let json = try whileLocked(db) {
      try CLIRunner.run(arguments + ["--json"], environment: ["SGG_EVAL_DB_TIMEOUT": "0.2"])
    }
    #expect(json.status == 74)
    let object = try json.json()
    #expect(object["metrics"] != nil)
    #expect(object["run_id"] == nil)
    #expect(object["db"] == nil)

    // Nothing half-written was left behind, and the next attempt stores the run.
    #expect(try ResultsStore(path: db).runs().isEmpty)
    let stored = try CLIRunner.run(arguments + ["--db-timeout", "5"])
    #expect(stored.status == 0, "\(stored.stderr)")
    #expect(try ResultsStore(path: db).runs().count == 1)
  }

  @Test func timeoutMustBeSeconds() throws {
    let base = ["score", preds, "--gt", gt, "--no-db"]
    let negative = try CLIRunner.run(base + ["--db-timeout=-1"])
    #expect(negative.status == 64)
    #expect(negative.stderr.contains("--db-timeout must be a number of seconds"))
    let word = try CLIRunner.run(base, environment: ["SGG_EVAL_DB_TIMEOUT": "soon"])
    #expect(word.status == 64)
    #expect(word.stderr.contains("SGG_EVAL_DB_TIMEOUT must be a number of seconds"))
    let zero = try CLIRunner.run(base + ["--db-timeout", "0"])
    #expect(zero.status == 0, "\(zero.stderr)")
  }
}
