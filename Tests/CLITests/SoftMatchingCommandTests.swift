import Foundation
import Testing

/// `sgg-eval score --aliases`: soft metrics beside the strict ones (docs/judge.md).
@Suite struct SoftMatchingCommandTests {
  let preds = CLIRunner.fixture("score/preds.jsonl")
  let gt = CLIRunner.fixture("score/gt.jsonl")
  let vocab = CLIRunner.fixture("score/vocab.json")

  private func close(_ a: Any?, _ b: Double) -> Bool {
    guard let a = a as? Double ?? (a as? Int).map(Double.init) else { return false }
    return abs(a - b) < 1e-12
  }

  // With "on" ≈ "holding", img3's second relation (person on bike) matches the GT's person
  // holding bike: img3 relations 2 of 2 (strict 1 of 2), nothing else changes.
  @Test func aliasTableAddsSoftMetrics() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let aliases = dir.appendingPathComponent("aliases.json")
    try #"{"objects": [["dog", "puppy"]], "predicates": [["on", "holding"]]}"#.write(
      to: aliases, atomically: true, encoding: .utf8)
    let result = try CLIRunner.run([
      "score", preds, "--gt", gt, "--vocab", vocab, "--aliases", aliases.path, "--json", "--no-db",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try result.json()
    let m = try #require(json["metrics"] as? [String: Any])
    #expect(close(m["rel_f1"], (2.0 / 3.0 + 1 + 0.5) / 12))
    #expect(close(m["soft_rel_f1"], (2.0 / 3.0 + 1 + 1) / 12))
    #expect(close(m["soft_rel_p"], (2.0 / 3.0 + 1 + 1) / 12))
    #expect(close(m["soft_obj_f1"], (6.0 / 7.0 + 1 + 1) / 12))
    #expect(close(m["soft_sgg_score"], ((6.0 / 7.0 + 2.0 / 3.0) / 2 + 1 + 1) / 12))
    let soft = try #require(json["soft_matching"] as? [String: Any])
    #expect(soft["unanswered_relations"] as? Int == 0)
    // The gate accepts soft keys.
    let gate = try CLIRunner.run([
      "score", preds, "--gt", gt, "--vocab", vocab, "--aliases", aliases.path, "--no-db", "--min",
      "soft_rel_f1=0.3",
    ])
    #expect(gate.status == 1)
  }

  @Test func badSoftMatchingInputsAreReported() throws {
    let missing = try CLIRunner.run([
      "score", preds, "--gt", gt, "--aliases", "/nonexistent/a.json", "--no-db",
    ])
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("/nonexistent/a.json"))
    let halfJudge = try CLIRunner.run([
      "score", preds, "--gt", gt, "--judge-url", "http://127.0.0.1:9/v1", "--no-db",
    ])
    #expect(halfJudge.status == 64)
    let badMode = try CLIRunner.run([
      "score", preds, "--gt", gt, "--judge-url", "http://127.0.0.1:9/v1", "--judge-model", "m",
      "--judge-mode", "x",
      "--no-db",
    ])
    #expect(badMode.status == 64)
  }
}
