import Foundation
import Testing

@Suite struct ScoreVideoCommandTests {
  static let gtTOON =
    "<answer>\nobj[2]{id,name,x1,y1,x2,y2}:\n  1,person,10,10,100,200\n  2,cup/glass/bottle,120,50,160,100\nrel_pairs[1]{subj,attention,spatial,contacting,obj}:\n  1,[looking_at],[in_front_of],[holding],2\n</answer>"

  func line(_ object: [String: Any]) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
  }

  func metrics(_ args: [String]) throws -> [String: Double] {
    let r = try CLIRunner.run(args)
    #expect(r.status == 0, "\(r.stderr)")
    return (try r.json()["metrics"] as? [String: Double]) ?? [:]
  }

  /// The spec's AG vector (eval-protocols §8) through SceneGraphVLM's own JSONL shape.
  @Test func specVectorFromEmbeddedGroundTruth() throws {
    let dir = try CLIRunner.temporaryDirectory()
    let pred = Self.gtTOON.replacingOccurrences(of: "[looking_at]", with: "[]")
    let file = dir.appendingPathComponent("sgvlm.jsonl")
    let lines = [
      try line(["content": Self.gtTOON, "predict": pred]),
      // Unparsable prediction: skipped by scenegraphvlm-ag, zero under sttran.
      try line(["content": Self.gtTOON, "predict": "<answer>nothing</answer>"]),
    ]
    try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
    let with = try metrics(["score-video", file.path, "--protocol", "scenegraphvlm-ag", "--json"])
    for k in [10, 20, 50, 100] {
      #expect(with["R@\(k)"] == 1 && with["P@\(k)"] == 1)
    }
    let no = try metrics([
      "score-video", file.path, "--protocol", "scenegraphvlm-ag", "--constraint", "no", "--json",
    ])
    #expect(no["R@100"] == 1)
    #expect(abs((no["P@100"] ?? 0) - 3.0 / 78.0) < 1e-12)
    // sttran: the unparsable frame counts as 0 → R@50 = (1 + 0) / 2.
    let st = try metrics(["score-video", file.path, "--protocol", "sttran", "--json"])
    #expect(st["R@50"] == 0.5)
  }

  /// Normalized ground truth in original pixels (480×270), predictions in the 640×480 model
  /// frame: `resized:640x480` maps them back (×0.75, ×0.5625).
  @Test func normalizedGroundTruthWithResizedBoxes() throws {
    let dir = try CLIRunner.temporaryDirectory()
    let gt = dir.appendingPathComponent("gt.jsonl")
    // Person [30, 50, 240, 200] ↔ model [40, 89, 320, 356]: 40·0.75 = 30, 88.89·0.5625 = 50
    // (we use 89 → 50.06), 320·0.75 = 240, 356·0.5625 = 200.25. Cup [90, 30, 120, 60] ↔
    // [120, 53, 160, 107]. Spatial is stored cup → person (STTran orientation).
    let gtLine = try line([
      "id": "V.mp4/000010.png", "width": 480, "height": 270, "video": "V.mp4", "frame": 10,
      "objects": [
        ["label": "person", "box": [30, 50, 240, 200]],
        ["label": "cup/glass/bottle", "box": [90, 30, 120, 60]],
      ],
      "relations": [
        ["subject": 0, "predicate": "looking_at", "object": 1],
        ["subject": 1, "predicate": "behind", "object": 0],
      ],
    ])
    try (gtLine + "\n").write(to: gt, atomically: true, encoding: .utf8)
    let preds = dir.appendingPathComponent("preds.jsonl")
    let response =
      "<answer>\n1,person,40,89,320,356\n2,cup,120,53,160,107\n1,[looking_at],[behind],[],2\n</answer>"
    let predLine = try line([
      "id": "V.mp4/000010.png", "response": response, "box_space": "resized:640x480",
    ])
    try (predLine + "\n").write(to: preds, atomically: true, encoding: .utf8)
    let m = try metrics([
      "score-video", preds.path, "--gt", gt.path, "--protocol", "oed", "--json",
    ])
    // with: looking_at hit, behind (reversed pair) hit, empty contacting row → zero-score
    // looking_at on (person, cup) hits GT0 again: R = 1, TP = 2 of 3 rows → P = 2/3.
    #expect(m["R@10"] == 1)
    #expect(abs((m["P@10"] ?? 0) - 2.0 / 3.0) < 1e-12)
    let semi = try CLIRunner.run([
      "score-video", preds.path, "--gt", gt.path, "--protocol", "oed", "--constraint", "semi",
    ])
    #expect(semi.status != 0 && semi.stderr.contains("no semi constraint"))
  }
}
