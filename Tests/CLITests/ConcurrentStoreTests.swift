import Foundation
import SGGStore
import Testing

/// Issue 17: `sgg-eval score` processes started together on one store file that does not exist
/// yet. Before the fix about one in four failed with `table "runs" already exists` (exit 74) and
/// its run was missing.
@Suite struct ConcurrentStoreTests {
  let preds = CLIRunner.fixture("score/preds.jsonl")
  let gt = CLIRunner.fixture("score/gt.jsonl")
  let vocab = CLIRunner.fixture("score/vocab.json")
  static let processes = 16
  static let rounds = 4

  func scoreArguments(db: String, name: String) -> [String] {
    ["score", preds, "--gt", gt, "--vocab", vocab, "--db", db, "--name", name]
  }

  /// The ids of the ground-truth samples (one JSON object a line).
  func groundTruthCount() throws -> Int {
    try String(contentsOfFile: gt, encoding: .utf8).split(separator: "\n").count
  }

  @Test func sixteenScoreProcessesCreateOneNewStore() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let samples = try groundTruthCount()
    for round in 1...Self.rounds {
      let db = dir.appendingPathComponent("round-\(round).sqlite").path
      #expect(!FileManager.default.fileExists(atPath: db))
      let names = (1...Self.processes).map { "v\($0)" }
      let started = try names.map { try CLIRunner.start(scoreArguments(db: db, name: $0)) }
      let results = started.map { $0.wait() }
      for (name, result) in zip(names, results) {
        #expect(result.status == 0, "round \(round) \(name): \(result.stderr)")
      }
      let store = try ResultsStore(path: db)
      let runs = try store.runs()
      #expect(runs.count == Self.processes, "round \(round)")
      for name in names {
        let stored = runs.filter { $0.name == name }
        #expect(stored.count == 1, "round \(round): \(name) stored \(stored.count) times")
        guard let run = stored.first, let id = run.id else { continue }
        #expect(run.status == .complete)
        #expect(try store.sampleResults(runID: id).count == samples, "round \(round) \(name)")
      }
    }
  }
}
