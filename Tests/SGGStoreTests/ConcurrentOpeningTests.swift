import Dispatch
import Foundation
import GRDB
import Testing

@testable import SGGStore

/// Issue 17: many connections creating or upgrading one file at the same moment. Each
/// `ResultsStore` has its own SQLite connection, and SQLite locks the file between connections of
/// one process as it does between processes, so threads stand in for processes here (the CLI
/// tests start real processes).
@Suite struct ConcurrentOpeningTests {
  static let connections = 16
  static let rounds = 6

  /// Opens `path` from `connections` threads released together; returns each thread's outcome.
  static func openTogether(_ path: String) -> [Result<[String], any Error>] {
    let outcomes = Outcomes(count: connections)
    let start = DispatchSemaphore(value: 0)
    let group = DispatchGroup()
    for index in 0..<connections {
      group.enter()
      Thread.detachNewThread {
        start.wait()
        let outcome = Result { () throws -> [String] in
          let store = try ResultsStore(path: path)
          // A write right after opening: the schema must be complete and usable.
          var run = sampleScoreRun(name: "writer \(index)")
          run.createdAt = date(1_740_000_000 + index)
          _ = try store.beginRun(run)
          return try store.appliedMigrations()
        }
        outcomes.set(index, outcome)
        group.leave()
      }
    }
    for _ in 0..<connections { start.signal() }
    group.wait()
    return outcomes.all
  }

  @Test func manyConnectionsCreateOneNewFileTogether() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for round in 0..<Self.rounds {
      let path = dir.appendingPathComponent("new-\(round).sqlite").path
      let outcomes = Self.openTogether(path)
      for outcome in outcomes {
        switch outcome {
        case .success(let applied): #expect(applied == OpeningTests.migrations)
        case .failure(let error): Issue.record("round \(round): \(error)")
        }
      }
      let store = try ResultsStore(path: path)
      #expect(try store.appliedMigrations() == OpeningTests.migrations)
      #expect(try store.runs().count == Self.connections)
    }
  }

  /// A file made by an older version (only the first migrations applied) is upgraded once, by one
  /// of the connections that open it together.
  @Test func manyConnectionsUpgradeOneOldFileTogether() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    for round in 0..<Self.rounds {
      let path = dir.appendingPathComponent("old-\(round).sqlite").path
      try Self.makeOldFile(path, keeping: 2)
      let outcomes = Self.openTogether(path)
      for outcome in outcomes {
        switch outcome {
        case .success(let applied): #expect(applied == OpeningTests.migrations)
        case .failure(let error): Issue.record("round \(round): \(error)")
        }
      }
      let store = try ResultsStore(path: path)
      #expect(try store.runs().count == Self.connections + 1)
    }
  }

  /// A store as an sgg-eval with only the first `keeping` migrations left it, holding one run.
  static func makeOldFile(_ path: String, keeping: Int) throws {
    do {
      let store = try ResultsStore(path: path)
      _ = try store.beginRun(sampleScoreRun(name: "old"))
    }
    let later = Array(OpeningTests.migrations.dropFirst(keeping))
    let tables = [
      "v1-breakdowns": ["predicate_breakdown", "class_breakdown"],
      "v1-input-issues": ["input_issues"], "v1-judge-verdicts": ["judge_verdicts"],
      "v1-predictions": ["predictions"],
    ]
    let columns = ["v2-run-mapping": ("runs", "mapping_json")]
    let raw = try DatabaseQueue(path: path)
    try raw.write { db in
      for migration in later {
        if let (table, column) = columns[migration] {
          try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN \(column)")
        } else {
          for table in try #require(tables[migration]) { try db.drop(table: table) }
        }
        try db.execute(
          sql: "DELETE FROM grdb_migrations WHERE identifier = ?", arguments: [migration])
      }
    }
    try raw.close()
  }
}

/// Results written by several threads, each to its own slot.
private final class Outcomes: @unchecked Sendable {
  // @unchecked: every access holds `lock`.
  private let lock = NSLock()
  private var values: [Result<[String], any Error>?]

  init(count: Int) { values = Array(repeating: nil, count: count) }

  func set(_ index: Int, _ value: Result<[String], any Error>) {
    lock.withLock { values[index] = value }
  }

  var all: [Result<[String], any Error>] {
    lock.withLock { values.map { $0 ?? .failure(CancellationError()) } }
  }
}
