import Foundation
import SGGCore
import Testing

@testable import SGGFormats

@Suite struct PredictionsReaderTests {
  @Test func readsRecordsAndReportsBadLinesWithLineNumbers() throws {
    let text = """
      {"id": "img1", "response": "<answer>{}</answer>", "box_space": "norm1000", "gen_time_s": 1.25, "usage": {"prompt_tokens": 812, "completion_tokens": 301, "total": 1}, "finish_reason": "stop", "extra": [1, {"x": null}]}

      {"id": "img2", "graph": {"objects": [{"id": 1, "label": "Traffic_Light", "box": [1, 2, 3, 4]}, {"id": "b", "label": "car", "box": [5, 6, 7, 8]}], "relations": [{"subject": 1, "predicate": "Next-To", "object": "b"}]}, "box_space": "resized:640x480"}
      {"id": "img3", "response": "x", "box_space": "weird"}
      not json
      {"id": 4, "response": "x"}
      {"response": "x"}
      {"id": "img7"}
      {"id": "img8", "graph": {"objects": [{"id": "1", "label": "a", "box": [1, 2, 3]}]}}
      {"id": "img9", "response": "ok", "finish_reason": null, "usage": null, "box_space": null}\r
      {"id": "img10", "response": "x"} trailing
      {"id": "img11", "response": "cut
      [1, 2]
      {"id": "img13", "response": "a", "response": "b", "gen_time_s": NaN}
      {"id": "img14", "response": "\\u00e9\\n"}
      """
    let file = PredictionsReader.read(bytes: Array(text.utf8), fileName: "preds.jsonl")
    #expect(file.records.map(\.id) == ["img1", "img2", "img9", "img14"])
    #expect(file.records.map(\.line) == [1, 3, 10, 15])
    let r1 = file.records[0]
    #expect(
      r1.response == "<answer>{}</answer>" && r1.boxSpace == .norm1000
        && r1.generationSeconds == 1.25)
    #expect(
      r1.usage == TokenUsage(promptTokens: 812, completionTokens: 301) && r1.finishReason == "stop")
    let g = try #require(file.records[1].graph)
    #expect(
      g.objects.map(\.id) == ["1", "b"] && g.objects.map(\.label) == ["traffic light", "car"])
    // The written spelling is kept for the `cleaned` mapping statistic.
    #expect(
      g.relations == [
        PredictedRelation(
          subject: "1", predicate: "next to", object: "b", writtenPredicate: "Next-To")
      ])
    #expect(file.records[1].boxSpace == .resized(width: 640, height: 480))
    #expect(file.records[2].boxSpace == .pixel && file.records[2].finishReason == nil)
    #expect(file.records[3].response == "é\n")
    let issues = file.issues.map(\.description)
    #expect(
      issues == [
        "preds.jsonl:4: box_space: unknown box space `weird` (expected pixel, norm1000, norm1 or resized:WxH)",
        "preds.jsonl:5: a line must be a JSON object",
        "preds.jsonl:6: id: is a number, expected a string",
        "preds.jsonl:7: id: is missing",
        "preds.jsonl:8: neither `response` nor `graph` is present",
        "preds.jsonl:9: graph.objects[0].box: has 3 numbers, expected 4",
        "preds.jsonl:11: invalid JSON at column 34: extra data after the JSON value",
        "preds.jsonl:12: truncated JSON at column 33: unexpected end of input: unterminated string",
        "preds.jsonl:13: a line must be a JSON object",
        "preds.jsonl:14: gen_time_s: is nan, expected a finite number",
      ])
  }

  // An explicit null keeps the line (the model produced nothing, scored as a failure); a line
  // with neither key is unreadable.
  @Test func explicitNullContentIsARecord() {
    let text = """
      {"id": "a", "graph": null}
      {"id": "b", "response": null}
      {"id": "c"}
      """
    let file = PredictionsReader.read(bytes: Array(text.utf8), fileName: "p.jsonl")
    #expect(file.records.map(\.id) == ["a", "b"])
    #expect(file.records.allSatisfy { $0.response == nil && $0.graph == nil })
    #expect(file.issues.map(\.line) == [3])
  }

  @Test func readsAFileFromDisk() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sggformats-\(UUID().uuidString).jsonl")
    try Data(#"{"id": "a", "response": "r"}"#.utf8).write(to: url)
    defer { try? FileManager.default.removeItem(at: url) }
    let file = try PredictionsReader.read(contentsOf: url)
    #expect(file.records.map(\.id) == ["a"])
    #expect(file.fileName == url.lastPathComponent)
    #expect(throws: InputFileError.self) {
      try PredictionsReader.read(contentsOf: url.appendingPathExtension("missing"))
    }
  }
}

@Suite struct GroundTruthReaderTests {
  let good =
    #"{"id": "img1", "width": 640, "height": 480, "objects": [{"label": "person", "box": [1, 2, 3.5, 4]}, {"label": "bike", "box": [5, 6, 7, 8]}], "relations": [{"subject": 0, "predicate": "on", "object": 1}], "video": "v1", "frame": 3}"#

  @Test func readsSamples() throws {
    let file = GroundTruthReader.read(
      bytes: Array(
        (good + "\n" + #"{"id": "img2", "width": 1, "height": 2.5, "objects": []}"#).utf8),
      fileName: "gt.jsonl")
    #expect(file.issues.isEmpty)
    #expect(file.records.map(\.line) == [1, 2])
    #expect(
      file.samples[0]
        == Sample(
          id: "img1", width: 640, height: 480,
          graph: SceneGraph(
            objects: [
              Object(label: "person", box: Box(x1: 1, y1: 2, x2: 3.5, y2: 4)),
              Object(label: "bike", box: Box(x1: 5, y1: 6, x2: 7, y2: 8)),
            ],
            relations: [Relation(subject: 0, predicate: "on", object: 1)]), video: "v1", frame: 3))
    #expect(file.samples[1] == Sample(id: "img2", width: 1, height: 2.5, graph: SceneGraph()))
  }

  @Test func errorsNameFileLineAndField() {
    let lines = [
      good,
      #"{"width": 1, "height": 1, "objects": []}"#,
      #"{"id": "b", "width": 1, "height": 1, "objects": [{"label": "x", "box": [1, 2, 3]}]}"#,
      #"{"id": "c", "width": 1, "height": 1, "objects": [{"label": "x", "box": [1, NaN, 3, 4]}]}"#,
      #"{"id": "d", "width": 1, "height": 1, "objects": [{"label": "x", "box": [1, 2, 3, 4]}], "relations": [{"subject": 0, "predicate": "on", "object": 1}]}"#,
      #"{"id": "e", "width": 1, "height": 1, "objects": [{"label": "x", "box": [1, 2, 3, 4]}], "relations": [{"subject": 0.5, "predicate": "on", "object": 0}]}"#,
      #"{"id": "f", "width": 0, "height": 1, "objects": []}"#,
      #"{"id": "g", "width": 1, "height": 1}"#,
      #"{"id": "h", "width": 1, "height": 1, "objects": [{"box": [1, 2, 3, 4]}]}"#,
      #"{"id": "i", "width": 1, "height": 1, "objects": [], "frame": 1.5}"#,
      #"{"id": "j", "width": "1", "height": 1, "objects": []}"#,
      #"{"id": "k", "width": 1, "height": 1, "objects": [{"label": "x", "box": [1, 2, 3, 4]}], "relations": [{"subject": -1, "predicate": "on", "object": 0}]}"#,
      #"{"id": "l", "width": 1, "height": 1, "objects": [], "relations": [{"subject": 0, "object": 0}]}"#,
      #"{"id": "m", "width": 1, "height": 1, "objects": [{"label": "x", "box": [1, 2, 3, 4]}], "relations": [{"subject": 0, "predicate": "on", "object": 0}]}"#,
    ]
    let file = GroundTruthReader.read(
      bytes: Array(lines.joined(separator: "\n").utf8), fileName: "gt.jsonl")
    #expect(file.samples.map(\.id) == ["img1", "m"])
    #expect(file.skipped == 12)
    #expect(
      file.issues.map(\.description) == [
        "gt.jsonl:2: id: is missing",
        "gt.jsonl:3: objects[0].box: has 3 numbers, expected 4",
        "gt.jsonl:4: objects[0].box: element 1 is nan, expected a finite number",
        "gt.jsonl:5: relations[0].object: index 1 is out of range (1 objects)",
        "gt.jsonl:6: relations[0].subject: is 0.5, expected an integer",
        "gt.jsonl:7: width: is 0, expected a positive number",
        "gt.jsonl:8: objects: is missing",
        "gt.jsonl:9: objects[0].label: is missing",
        "gt.jsonl:10: frame: is 1.5, expected an integer",
        "gt.jsonl:11: width: is a string, expected a number",
        "gt.jsonl:12: relations[0].subject: index -1 is out of range (1 objects)",
        "gt.jsonl:13: relations[0].predicate: is missing",
      ])
  }

  @Test func writerRoundTrips() throws {
    let samples = [
      Sample(
        id: "a\"b", width: 640, height: 480.5,
        graph: SceneGraph(
          objects: [
            Object(label: "traffic light", box: Box(x1: 0.1, y1: 1e-7, x2: 123456.789, y2: 4)),
            Object(label: "é", box: Box(x1: -0.0, y1: 2, x2: 3, y2: 1e20)),
          ],
          relations: [Relation(subject: 1, predicate: "on\ttop", object: 0)]), video: "v", frame: 12
      ),
      Sample(id: "plain", width: 1, height: 1, graph: SceneGraph()),
    ]
    let text = GroundTruthWriter.write(samples)
    #expect(
      text.split(separator: "\n")[1]
        == #"{"id":"plain","width":1,"height":1,"objects":[],"relations":[]}"#)
    #expect(text.contains(#""box":[0.1,1e-07,123456.789,4]"#))
    let back = GroundTruthReader.read(bytes: Array(text.utf8), fileName: "gt.jsonl")
    #expect(back.issues.isEmpty)
    #expect(back.samples == samples)
    // Python reads the same values.
    let py = try PythonReference.run(
      "import json, sys\nfor l in sys.stdin: d = json.loads(l); print(d['id'], repr(d['objects'][0]['box']) if d['objects'] else '-', type(d['width']).__name__)",
      input: text)
    #expect(py == "a\"b [0.1, 1e-07, 123456.789, 4] int\nplain - int\n")
  }
}

@Suite struct VocabularyReaderTests {
  @Test func readsAndRejects() throws {
    let v = try VocabularyReader.read(
      data: Data(#"{"objects": ["person", "bike"], "predicates": ["on"]}"#.utf8),
      fileName: "vocab.json")
    #expect(v == Vocabulary(objects: ["person", "bike"], predicates: ["on"]))
    #expect(throws: VocabularyError(file: "vocab.json", message: "predicates: is missing")) {
      try VocabularyReader.read(data: Data(#"{"objects": []}"#.utf8), fileName: "vocab.json")
    }
    #expect(throws: VocabularyError(file: "vocab.json", message: "objects: `a` is listed twice")) {
      try VocabularyReader.read(
        data: Data(#"{"objects": ["a", "a"], "predicates": []}"#.utf8), fileName: "vocab.json")
    }
    #expect(throws: VocabularyError.self) {
      try VocabularyReader.read(data: Data("[1]".utf8), fileName: "vocab.json")
    }
  }
}

@Suite struct FastLabelTests {
  @Test func matchesLabelNormalizer() {
    let samples = [
      "Traffic_Light.2", " -person- ", "A_B-C", "\t\n", "", "x.y.z", "ÉCOLE_1", "café-bar",
      "UPPER lower", "a\u{0B}b", "_", "Dog.", ".5",
    ]
    for s in samples {
      let fast = Array(s.utf8).withUnsafeBytes { FastLabel.refine($0) }
      #expect(fast == LabelNormalizer.refine(s), "\(s.debugDescription)")
      #expect(FastLabel.category(ofRefined: fast) == LabelNormalizer.r1sggCategory(ofID: s))
    }
  }
}
