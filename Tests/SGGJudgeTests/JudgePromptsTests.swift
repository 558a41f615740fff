import SGGCore
import SGGMetrics
import SGGTestSupport
import Testing

@testable import SGGJudge

@Suite struct JudgePromptsTests {
  static let gtScene = "Objects: 1:man; 2:table. Relations: (man, on, table)"
  static let predScene = "Objects: 1:person; 2:table. Relations: (person, sitting on, table)"

  @Test func objectPromptWithScenes() {
    let q = EquivalenceQuestion(
      kind: .object, groundTruth: ["man"], prediction: ["person"],
      groundTruthScene: Self.gtScene, predictionScene: Self.predScene)
    let r = JudgePrompts.scenegraphvlm.render(q)
    #expect(
      r.system
        == "You are a judge for scene graph evaluation. \nYou must answer with a single digit: 1 "
        + "if the two given terms are synonymous in the given context, 0 otherwise. \n"
        + "No explanation, only 1 or 0.")
    #expect(
      r.user
        == "You are given the full ground-truth and predicted scene graphs for one image. Based on "
        + "this full context, decide if the two object/category labels below refer to the same "
        + "entity.\n\nFull GT scene graph: Objects: 1:man; 2:table. Relations: (man, on, table)"
        + "\n\nFull predicted scene graph: Objects: 1:person; 2:table. Relations: (person, "
        + "sitting on, table)\n\nDo the two labels 'man' (from GT) and 'person' (from "
        + "prediction) refer to the same entity in this scene? Answer only 1 or 0.")
    #expect(r.maxTokens == 8)
    #expect(r.temperature == 0)
  }

  @Test func relationPromptWithScenes() {
    let q = EquivalenceQuestion(
      kind: .relation, groundTruth: ["man", "on", "table"],
      prediction: ["man", "sitting on", "table"], groundTruthScene: Self.gtScene,
      predictionScene: Self.predScene)
    let r = JudgePrompts.scenegraphvlm.render(q)
    #expect(
      r.system
        == "You are a judge for scene graph evaluation. \nYou must answer with a single digit: 1 "
        + "if the two given relationship triplets (subject, predicate, object) \nare "
        + "semantically equivalent in the scene context, 0 otherwise. No explanation, only 1 or 0.")
    #expect(
      r.user.hasSuffix(
        "Now consider this specific relation pair (same entities, matched by bounding box):\n"
          + "GT relation: subject='man', predicate='on', object='table'.\n"
          + "Pred relation: subject='man', predicate='sitting on', object='table'.\n"
          + "Are these two relations semantically equivalent in the context of the scene above? "
          + "Answer only 1 or 0."))
    #expect(r.maxTokens == 16)
  }

  @Test func contextFreeIgnoresScenes() {
    let q = EquivalenceQuestion(
      kind: .object, groundTruth: ["man"], prediction: ["person"],
      groundTruthScene: Self.gtScene, predictionScene: Self.predScene)
    let r = JudgePrompts.contextFree.render(q)
    #expect(
      r.user
        == "Are \"man\" and \"person\" synonymous in the context of object/category labels in a "
        + "scene graph (e.g. person, car, tree). Answer with only 1 or 0.")
    // The scenegraphvlm preset falls back to the same prompt when a scene is missing.
    var noScene = q
    noScene.predictionScene = nil
    #expect(JudgePrompts.scenegraphvlm.render(noScene).user == r.user)
    let rel = EquivalenceQuestion(
      kind: .relation, groundTruth: ["man", "on", "table"], prediction: ["man", "at", "table"])
    #expect(
      JudgePrompts.contextFree.render(rel).user
        == "Subject and object in both triplets refer to the same entities (already matched). "
        + "Judge only whether the predicates are semantically equivalent in the scene graph "
        + "context.\nTriplet 1: subject='man', predicate='on', object='table'.\n"
        + "Triplet 2: subject='man', predicate='at', object='table'.\nAnswer only 1 or 0.")
  }

  /// The same templates as Python f-strings with `!r`, on labels whose repr is not trivial.
  @Test func reprQuotingMatchesPythonFStrings() throws {
    let labels = ["it's", "say \"x\"", "a\\b", "café"]
    let script = #"""
      import json, sys
      out = []
      for a in json.load(sys.stdin):
          out.append(f"Do the two labels {a!r} (from GT) and {'man'!r} (from prediction) refer")
          out.append(f"GT relation: subject={a!r}, predicate={'on'!r}, object={a!r}.\n")
      print(json.dumps(out))
      """#
    let expected = try PythonReference.run(script, input: labels, as: [String].self)
    var got: [String] = []
    for a in labels {
      let o = JudgePrompts.scenegraphvlm.render(
        EquivalenceQuestion(
          kind: .object, groundTruth: [a], prediction: ["man"], groundTruthScene: "g",
          predictionScene: "p")
      ).user
      let start = try #require(o.range(of: "Do the two labels "))
      let end = try #require(o.range(of: " (from prediction) refer"))
      got.append(String(o[start.lowerBound..<end.upperBound]))
      let r = JudgePrompts.scenegraphvlm.render(
        EquivalenceQuestion(
          kind: .relation, groundTruth: [a, "on", a], prediction: [a, "at", a],
          groundTruthScene: "g", predictionScene: "p")
      ).user
      let line = try #require(r.split(separator: "\n").first { $0.hasPrefix("GT relation: ") })
      got.append(String(line) + "\n")
    }
    #expect(got == expected)
  }

  @Test func promptHashSeparatesPresets() {
    #expect(JudgePrompts.scenegraphvlm.promptHash != JudgePrompts.contextFree.promptHash)
    #expect(JudgePrompts.scenegraphvlm.promptHash.count == 64)
    #expect(
      JudgePrompts.scenegraphvlm.promptHash == JudgePrompts(preset: .scenegraphvlm).promptHash)
  }

  @Test func malformedTripletIsPaddedNotFatal() {
    let q = EquivalenceQuestion(kind: .relation, groundTruth: ["a"], prediction: [])
    #expect(
      JudgePrompts.contextFree.render(q).user.contains("subject='a', predicate='', object=''"))
  }
}

@Suite struct SceneSummaryTests {
  /// Worked by hand from `format_scene_summary`: `"; "`-joined `id:name`, then relations as
  /// `(s, p, o)` by name.
  @Test func groundTruthGraph() {
    let box = Box(x1: 0, y1: 0, x2: 1, y2: 1)
    let graph = SceneGraph(
      objects: [Object(label: "Person", box: box), Object(label: "tree-merged", box: box)],
      relations: [
        Relation(subject: 0, predicate: "in_front_of", object: 1),
        Relation(subject: 0, predicate: "on", object: 7),
      ])
    #expect(
      SceneSummary.sceneGraphVLM(graph)
        == "Objects: 1:person; 2:tree merged. Relations: (person, in front of, tree merged); "
        + "(person, on, )")
  }

  @Test func duplicateIDsShowTheLastName() {
    let s = SceneSummary.sceneGraphVLM(
      objects: [.init(id: "1", name: "cup"), .init(id: "01", name: "mug")],
      relations: [.init(subject: "1", predicate: "near", object: "9")])
    #expect(s == "Objects: 1:mug; 1:mug. Relations: (mug, near, )")
    #expect(SceneSummary.sceneGraphVLM(objects: [], relations: []) == "Objects: . Relations: ")
  }
}
