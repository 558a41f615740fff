import Foundation
import Testing

/// sgg-eval against the independent Python evaluator in Tests/Reference (written from the specs
/// without reading the Swift code): every metric must agree on randomized splits built to sit on
/// the edges (IoU ≈ 0.5, duplicate ids, ties, truncated and garbage outputs, box spaces).
@Suite struct ReferenceCrossCheckTests {
  static let reference = CLIRunner.packageRoot.appendingPathComponent("Tests/Reference")

  struct Case: CustomTestStringConvertible, Sendable {
    var seed: Int
    var mode: String
    var testDescription: String { "seed \(seed), \(mode) mode" }
  }

  static let cases = [1, 2].flatMap { seed in
    ["graph", "response"].map { Case(seed: seed, mode: $0) }
  }

  static func python(_ arguments: [String]) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3"] + arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    let errors = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CocoaError(
        .executableLoad,
        userInfo: [
          NSLocalizedDescriptionKey:
            "python3 \(arguments.joined(separator: " ")) failed: \(String(decoding: errors, as: UTF8.self))"
        ])
    }
    return String(decoding: data, as: UTF8.self)
  }

  /// Scores one split with both tools under `preset` and expects every reference metric (and,
  /// when `compareSamples`, the sample count) to agree to 1e-9. `extra` goes to both tools
  /// (e.g. `--zeroshot FILE`). When both outputs carry a `mapping` object (open-vocab=r1sgg), its
  /// `objects` and `relations` counts must agree key by key, and so must `zero_shot_samples`.
  static func expectAgreement(
    gt: String, preds: String, vocab: String, preset: String, compareSamples: Bool = true,
    extra: [String] = []
  ) throws {
    let expected = try python(
      [
        reference.appendingPathComponent("sgg_reference.py").path, "--gt", gt, "--preds", preds,
        "--vocab",
        vocab, "--protocol", preset,
      ] + extra)
    let referenceOutput = try #require(
      try JSONSerialization.jsonObject(with: Data(expected.utf8)) as? [String: Any])
    let result = try CLIRunner.run(
      [
        "score", preds, "--gt", gt, "--vocab", vocab, "--protocol", preset, "--json", "--no-db",
      ] + extra)
    #expect(result.status == 0, "\(result.stderr)")
    let ours = try result.json()
    if compareSamples {
      #expect(ours["samples"] as? Int == referenceOutput["samples"] as? Int, "\(preset): samples")
    }
    let a = try #require(referenceOutput["metrics"] as? [String: Double])
    let b = try #require(ours["metrics"] as? [String: Any])
    for (key, value) in a {
      let mine = (b[key] as? Double) ?? (b[key] as? Int).map(Double.init)
      #expect(
        mine.map { abs($0 - value) <= 1e-9 } == true,
        "\(preset) \(key): reference \(value), sgg-eval \(String(describing: mine))")
    }
    // zR@K / ng-zR@K are absent on both sides when no image has a zero-shot GT relation.
    for key in b.keys where key.hasPrefix("zR@") || key.hasPrefix("ng-zR@") {
      #expect(a[key] != nil, "\(preset) \(key): sgg-eval has it, the reference does not")
    }
    if let expectedCount = referenceOutput["zero_shot_samples"] as? Int,
      let mine = (ours["zero_shot_samples"] as? Int) ?? (b["zero_shot_samples"] as? Int)
    {
      #expect(mine == expectedCount, "\(preset) zero_shot_samples")
    }
    if let expectedMapping = referenceOutput["mapping"] as? [String: Any],
      let mapping = ours["mapping"] as? [String: Any]
    {
      for part in ["objects", "relations"] {
        let want = try #require(
          expectedMapping[part] as? [String: Int], "reference mapping.\(part)")
        let got = try #require(mapping[part] as? [String: Any], "sgg-eval mapping.\(part)")
        for (key, value) in want.sorted(by: { $0.key < $1.key }) {
          #expect(
            got[key] as? Int == value,
            "\(preset) mapping.\(part).\(key): reference \(value), sgg-eval \(String(describing: got[key]))"
          )
        }
      }
    }
  }

  @Test(arguments: cases)
  func everyMetricAgreesWithTheReference(_ c: Case) throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try Self.python([
      Self.reference.appendingPathComponent("make_split.py").path, "--samples", "200", "--seed",
      "\(c.seed)",
      "--out", dir.path, "--mode", c.mode,
    ])
    let gt = dir.appendingPathComponent("gt.jsonl").path
    let preds = dir.appendingPathComponent("preds.jsonl").path
    let vocab = dir.appendingPathComponent("vocab.json").path
    for preset in ["default", "r1sgg", "scenegraphvlm"] {
      try Self.expectAgreement(gt: gt, preds: preds, vocab: vocab, preset: preset)
    }
  }

  /// R1-SGG open-vocabulary answers (make_split.py --mode openvocab): the gather step's mapping
  /// (tables, passive swap, WordNet), its per-path counts and zero-shot recall must agree with
  /// the reference; `default` and `scenegraphvlm` (which map nothing) must agree on the same split.
  @Test(arguments: [1, 2])
  func openVocabularyAgreesWithTheReference(_ seed: Int) throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try Self.python([
      Self.reference.appendingPathComponent("make_split.py").path, "--samples", "200", "--seed",
      "\(seed)", "--out", dir.path, "--mode", "openvocab",
    ])
    let gt = dir.appendingPathComponent("gt.jsonl").path
    let preds = dir.appendingPathComponent("preds.jsonl").path
    let vocab = dir.appendingPathComponent("vocab.json").path
    let zeroshot = dir.appendingPathComponent("zeroshot.json").path
    try Self.expectAgreement(
      gt: gt, preds: preds, vocab: vocab, preset: "r1sgg", extra: ["--zeroshot", zeroshot])
    for preset in ["default", "scenegraphvlm"] {
      try Self.expectAgreement(gt: gt, preds: preds, vocab: vocab, preset: preset)
    }
  }

  @Test func bundledFixturesAgreeWithTheReference() throws {
    let preds = CLIRunner.fixture("score/preds.jsonl")
    let gt = CLIRunner.fixture("score/gt.jsonl")
    let vocab = CLIRunner.fixture("score/vocab.json")
    for preset in ["default", "r1sgg", "scenegraphvlm"] {
      try Self.expectAgreement(gt: gt, preds: preds, vocab: vocab, preset: preset)
    }
  }
}
