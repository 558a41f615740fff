import Foundation
import SGGStore
import Testing

/// End-to-end runs of `sgg-eval score` on the bundled fixtures (Fixtures/score, written by
/// make_fixtures.py, whose comments say what each line exercises).
@Suite struct ScoreCommandTests {
  let preds = CLIRunner.fixture("score/preds.jsonl")
  let gt = CLIRunner.fixture("score/gt.jsonl")
  let vocab = CLIRunner.fixture("score/vocab.json")

  private func close(_ a: Any?, _ b: Double) -> Bool {
    guard let a = a as? Double ?? (a as? Int).map(Double.init) else { return false }
    return abs(a - b) < 1e-12
  }

  // Worked by hand from the fixture (default protocol):
  // img1 objects TP 3 of 4 predicted, 3 GT (P .75, R 1, F1 6/7); relations riding + wearing hit,
  //   dog-near-horse is an FP, hat-on-person missed (P = R = F1 = 2/3).
  // img2 (640x480 → 1280x960) and img3 (0–1000 → 1000x500) recover the GT boxes exactly:
  //   objects F1 1; img2 relation F1 1; img3 "on" ≠ "holding" ⇒ relation P = R = F1 = 1/2.
  // img4–img11 fail (8 kinds), img12 has no prediction ⇒ 9 failures of 12.
  @Test func defaultProtocolOnFixtures() throws {
    let result = try CLIRunner.run([
      "score", preds, "--gt", gt, "--vocab", vocab, "--json", "--no-db",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try result.json()
    let m = try #require(json["metrics"] as? [String: Any])
    #expect(json["protocol"] as? String == "default")
    #expect(json["samples"] as? Int == 12)
    #expect(close(m["failure_rate"], 9.0 / 12.0))
    #expect(close(m["obj_p"], (0.75 + 1 + 1) / 12))
    #expect(close(m["obj_r"], 3.0 / 12))
    #expect(close(m["obj_f1"], (6.0 / 7.0 + 1 + 1) / 12))
    #expect(close(m["rel_p"], (2.0 / 3.0 + 1 + 0.5) / 12))
    #expect(close(m["rel_r"], (2.0 / 3.0 + 1 + 0.5) / 12))
    #expect(close(m["rel_f1"], (2.0 / 3.0 + 1 + 0.5) / 12))
    #expect(close(m["sgg_score"], ((6.0 / 7.0 + 2.0 / 3.0) / 2 + 1 + 0.75) / 12))
    // Recall over the 11 images with GT relations: img1 2/3, img2 1, img3 1/2 (one predicate
    // per pair keeps "riding"), the rest 0.
    for k in [20, 50, 100] {
      #expect(close(m["R@\(k)"], (2.0 / 3.0 + 1 + 0.5) / 11))
      #expect(close(m["ngR@\(k)"], (2.0 / 3.0 + 1 + 0.5) / 11))
      // Per predicate, mean per-image recall: riding 1, wearing (1 + 0)/2, near (1 + 0 + 0)/3,
      // the other four 0; divided by the vocabulary's 7 predicates.
      #expect(close(m["mR@\(k)"], (1 + 0.5 + 1.0 / 3.0) / 7))
    }
    // AP50 per class (101-point): person 23, horse 51, hat 34, dog 17 (FP in img1 ranks before
    // the TP in img2: precision 1/2 up to recall 1/3), tree 34, car 0, bike 51 ⇒ 210/707.
    #expect(close(m["AP50"], 210.0 / 707.0))
    let failures = try #require(json["failures"] as? [String: Int])
    #expect(
      failures == [
        "no_answer": 1, "malformed": 1, "truncated": 1, "missing_field": 1, "bad_box": 2,
        "bad_field": 1,
        "no_objects": 1, "missing_prediction": 1,
      ])
    let skipped = try #require(json["skipped"] as? [String: Int])
    #expect(skipped["prediction_lines"] == 2)
    #expect(skipped["duplicate_prediction_ids"] == 1)
    #expect(skipped["unknown_prediction_ids"] == 1)
    // Every input problem names its file and line.
    let issues = try #require(json["issues"] as? [[String: Any]])
    let located = issues.map {
      "\($0["file"] as? String ?? ""):\($0["line"] as? Int ?? 0):\($0["kind"] as? String ?? "")"
    }
    #expect(located.contains("preds.jsonl:4:bad_line"))
    #expect(located.contains("preds.jsonl:13:unknown_id"))
    #expect(located.contains("preds.jsonl:14:duplicate_id"))
    #expect(located.contains("preds.jsonl:11:bad_box"))
    #expect(located.contains("gt.jsonl:12:missing_prediction"))
    let latency = try #require(json["latency"] as? [String: Any])
    #expect(close(latency["mean_s"], 1.0))
    #expect(close(latency["mean_prompt_tokens"], 890.0 / 3))
  }

  @Test func tableNamesProtocolAndUnits() throws {
    let result = try CLIRunner.run([
      "score", preds, "--gt", gt, "--vocab", vocab, "--no-db", "--protocol", "r1sgg",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.contains("protocol: r1sgg"))
    #expect(result.stdout.contains(" %"))
    #expect(result.stdout.contains("preds.jsonl:2: response"))
  }

  @Test func minimumGateSetsExitStatus() throws {
    // R@50 is 13/66 ≈ 19.70 %.
    let failing = try CLIRunner.run([
      "score", preds, "--gt", gt, "--vocab", vocab, "--no-db", "--min", "R@50=0.2",
    ])
    #expect(failing.status == 1)
    #expect(failing.stderr.contains("R@50"))
    let passing = try CLIRunner.run([
      "score", preds, "--gt", gt, "--vocab", vocab, "--no-db", "--min", "R@50=19%", "--min",
      "AP50=0.29",
    ])
    #expect(passing.status == 0, "\(passing.stderr)")
    let bad = try CLIRunner.run(["score", preds, "--gt", gt, "--no-db", "--min", "R@51=0.2"])
    #expect(bad.status == 64)
  }

  @Test func protocolChangesAreReported() throws {
    let result = try CLIRunner.run([
      "score", preds, "--gt", gt, "--vocab", vocab, "--no-db", "--json", "--set",
      "iou-threshold=0.97",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try result.json()
    #expect(json["protocol_changes"] as? [String] == ["iou-threshold=0.97"])
    // At 0.97 img1's person (IoU 0.961) and horse (0.940) no longer match: objects 1 of 4.
    let m = try #require(json["metrics"] as? [String: Any])
    #expect(close(m["obj_p"], (0.25 + 1 + 1) / 12))
    let unknown = try CLIRunner.run(["score", preds, "--gt", gt, "--no-db", "--set", "nonsense=1"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("unknown protocol field"))
  }

  @Test func runIsStoredWithSamplesAndIssues() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let db = dir.appendingPathComponent("runs.sqlite").path
    let result = try CLIRunner.run([
      "score", preds, "--gt", gt, "--vocab", vocab, "--db", db, "--json", "--name", "fixture",
      "--tag", "ci",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let runID = try #require(try result.json()["run_id"] as? Int)
    let store = try ResultsStore(path: db)
    let run = try #require(try store.run(id: Int64(runID)))
    #expect(run.name == "fixture")
    #expect(run.tags == ["ci"])
    #expect(run.protocolName == "default")
    #expect(run.status == .complete)
    #expect(run.predictions?.path == preds)
    let metrics = try store.metrics(runID: Int64(runID))
    #expect(abs((metrics["AP50"] ?? 0) - 210.0 / 707.0) < 1e-12)
    let samples = try store.sampleResults(runID: Int64(runID))
    #expect(samples.count == 12)
    #expect(samples.first { $0.sampleID == "img8" }?.failure == .badBox)
    #expect(samples.first { $0.sampleID == "img9" }?.recallAt50.isNaN == true)
    let issues = try store.issues(runID: Int64(runID))
    #expect(issues.contains { $0.kind == "duplicate_id" && $0.line == 14 })
  }

  @Test func unreadableInputsExitWithAMessage() throws {
    let missing = try CLIRunner.run(["score", preds, "--gt", "/nonexistent/gt.jsonl", "--no-db"])
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("/nonexistent/gt.jsonl"))
    let protocolError = try CLIRunner.run([
      "score", preds, "--gt", gt, "--protocol", "nope", "--no-db",
    ])
    #expect(protocolError.status == 64)
  }

  // A GT line with a NaN box and one with an out-of-range relation index are reported with file
  // and line and skipped; the remaining sample is still scored.
  @Test func badGroundTruthLinesAreSkippedAndReported() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let gtFile = dir.appendingPathComponent("gt.jsonl")
    let predFile = dir.appendingPathComponent("preds.jsonl")
    try """
    {"id": "a", "width": 10, "height": 10, "objects": [{"label": "cat", "box": [0, 0, 5, 5]}], "relations": []}
    {"id": "b", "width": 10, "height": 10, "objects": [{"label": "cat", "box": [0, 0, NaN, 5]}], "relations": []}
    {"id": "c", "width": 10, "height": 10, "objects": [{"label": "cat", "box": [0, 0, 5, 5]}], "relations": [{"subject": 0, "predicate": "on", "object": 3}]}

    """.write(to: gtFile, atomically: true, encoding: .utf8)
    try """
    {"id": "a", "response": "{\\"objects\\": [{\\"id\\": \\"cat.1\\", \\"bbox\\": [0, 0, 5, 5]}], \\"relationships\\": []}"}

    """.write(to: predFile, atomically: true, encoding: .utf8)
    let result = try CLIRunner.run([
      "score", predFile.path, "--gt", gtFile.path, "--no-db", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let json = try result.json()
    #expect(json["samples"] as? Int == 1)
    let m = try #require(json["metrics"] as? [String: Any])
    #expect(close(m["obj_f1"], 1))
    let issues = try #require(json["issues"] as? [[String: Any]])
    let lines = issues.filter { $0["kind"] as? String == "bad_gt_line" }.compactMap {
      $0["line"] as? Int
    }
    #expect(lines.sorted() == [2, 3])
  }
}
