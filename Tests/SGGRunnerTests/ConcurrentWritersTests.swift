import Foundation
import SGGStore
import Testing

/// Issue 17 with different writers: `sgg-eval run` processes (one fake VLM server for all, some
/// scoring at the end) and `sgg-eval score` processes, all started together on one existing store:
/// first a current one, then one an older sgg-eval left (every process wants to upgrade it).
/// Every process must succeed and every run must be stored once, whole.
@Suite struct ConcurrentWritersTests {
  static let runners = 4
  static let scorers = 8
  static let rounds = 2

  /// A started process whose output goes to files in `dir` (read when it exits).
  struct Started {
    var label: String
    var process: Process
    var stderr: URL

    static func start(_ label: String, _ arguments: [String], in dir: URL) throws -> Started {
      let process = Process()
      process.executableURL = cliBinary
      process.arguments = arguments
      let stderr = dir.appendingPathComponent("\(label).err")
      _ = FileManager.default.createFile(atPath: stderr.path, contents: nil)
      process.standardOutput = FileHandle.nullDevice
      process.standardError = try FileHandle(forWritingTo: stderr)
      try process.run()
      return Started(label: label, process: process, stderr: stderr)
    }

    /// Waits for the exit; returns the status and what the process wrote on standard error.
    func wait() -> (Int32, String) {
      process.waitUntilExit()
      return (
        process.terminationStatus, (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
      )
    }
  }

  static let migrationCount = 7

  /// Makes `path` look as if an sgg-eval with only the first two migrations wrote it: the later
  /// migrations' tables and history rows are removed (with Python's sqlite3, as a user could).
  static func rollBackSchema(_ path: String) throws {
    let script = """
      import sqlite3, sys
      db = sqlite3.connect(sys.argv[1])
      for table in ["predicate_breakdown", "class_breakdown", "input_issues", "judge_verdicts",
                    "predictions"]:
          db.execute("DROP TABLE " + table)
      db.execute("ALTER TABLE runs DROP COLUMN mapping_json")
      db.execute("DELETE FROM grdb_migrations WHERE identifier NOT IN ('v1-runs', 'v1-sample-results')")
      db.commit()
      print(db.execute("SELECT COUNT(*) FROM grdb_migrations").fetchone()[0])
      """
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["python3", "-c", script, path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    #expect(String(decoding: data, as: UTF8.self) == "2\n", "the store was rolled back")
  }

  @Test func runAndScoreProcessesShareOneExistingStore() throws {
    let fixture = try RunFixture(count: 4)
    defer { fixture.remove() }
    let server = try FakeServer(gt: fixture.gt)
    defer { server.stop() }
    let root = RunFixture.packageRoot.appendingPathComponent("Fixtures/score")
    let (preds, gt, vocab) = (
      root.appendingPathComponent("preds.jsonl").path, root.appendingPathComponent("gt.jsonl").path,
      root.appendingPathComponent("vocab.json").path
    )
    let gtSamples = try String(contentsOfFile: gt, encoding: .utf8).split(separator: "\n").count

    for round in 1...Self.rounds {
      // An existing store with one run in it.
      let db = fixture.dir.appendingPathComponent("round-\(round).sqlite").path
      let seeded = try ResultsStore(path: db).beginRun(
        RunRecord(
          name: "seed", command: .score, protocolName: "default", predictions: nil,
          groundTruth: .file(FileReference(path: gt, sha256: String(repeating: "0", count: 64))),
          toolVersion: "test"))
      if round == 2 { try Self.rollBackSchema(db) }
      let logs = fixture.dir.appendingPathComponent("logs-\(round)")
      try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)

      var started: [Started] = []
      for index in 1...Self.runners {
        var arguments = [
          "run", "--gt", fixture.gt.path, "--images", fixture.images.path, "--endpoint",
          server.url, "--model", "test-vlm", "--prompt", "r1sgg-open", "--concurrency", "2", "-o",
          fixture.dir.appendingPathComponent("preds-\(round)-\(index).jsonl").path, "--db", db,
          "--quiet", "--vocab", vocab, "--name", "r\(index)",
        ]
        // Half of them also score their output, a third kind of write.
        if index.isMultiple(of: 2) { arguments.append("--score") }
        started.append(try .start("r\(index)", arguments, in: logs))
      }
      for index in 1...Self.scorers {
        started.append(
          try .start(
            "s\(index)",
            ["score", preds, "--gt", gt, "--vocab", vocab, "--db", db, "--name", "s\(index)"],
            in: logs))
      }
      for process in started {
        let (status, stderr) = process.wait()
        #expect(status == 0, "round \(round) \(process.label): \(stderr)")
      }

      let store = try ResultsStore(path: db)
      #expect(try store.appliedMigrations().count == Self.migrationCount)
      let runs = try store.runs()
      #expect(runs.contains { $0.id == seeded })
      for index in 1...Self.runners {
        let made = runs.filter { $0.command == .run && $0.name == "r\(index)" }
        #expect(made.count == 1, "round \(round): r\(index) stored \(made.count) times")
        guard let run = made.first, let id = run.id else { continue }
        #expect(run.status == .complete)
        #expect(try store.predictions(runID: id).count == 4, "round \(round) r\(index)")
        let scored = runs.filter { $0.command == .score && $0.tags.contains("run-\(id)") }
        #expect(scored.count == (index.isMultiple(of: 2) ? 1 : 0), "round \(round) r\(index)")
        for score in scored {
          #expect(try store.sampleResults(runID: try #require(score.id)).count == 4)
        }
      }
      for index in 1...Self.scorers {
        let made = runs.filter { $0.command == .score && $0.name == "s\(index)" }
        #expect(made.count == 1, "round \(round): s\(index) stored \(made.count) times")
        guard let run = made.first, let id = run.id else { continue }
        #expect(run.status == .complete)
        #expect(try store.sampleResults(runID: id).count == gtSamples, "round \(round) s\(index)")
      }
      #expect(runs.count == 1 + Self.runners + Self.runners / 2 + Self.scorers)
    }
  }
}
