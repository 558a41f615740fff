import Foundation
import SGGCore
import Testing

@testable import SGGRunner

@Suite struct PromptTests {
  @Test func pythonJSONListMatchesPython() throws {
    let items = [
      "person", "traffic light", "quote\"back\\slash", "café", "tab\there", "😀", "\u{7F}",
    ]
    // Python's json.dumps, with and without ensure_ascii, is the reference.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("list-\(UUID()).json")
    defer { try? FileManager.default.removeItem(at: file) }
    try JSONSerialization.data(withJSONObject: items).write(to: file)
    let load = "import json; x = json.load(open('\(file.path)', encoding='utf-8'));"
    #expect(PythonJSONList.dumps(items) == (try python(load + " print(json.dumps(x), end='')")))
    #expect(
      PythonJSONList.dumps(items, ensureASCII: false)
        == (try python(
          load
            + " import sys; sys.stdout.reconfigure(encoding='utf-8'); print(json.dumps(x, ensure_ascii=False), end='')"
        )))
  }

  @Test func r1sggClosedPromptFillsListsAndFencesAnswerTags() throws {
    let sample = Sample(id: "a", width: 10, height: 10, graph: SceneGraph())
    let prompt = try PromptPreset.r1sggClosed.prompt(
      for: sample, previous: .none,
      vocabulary: Vocabulary(
        objects: ["person", "traffic light"], predicates: ["on", "in front of"]),
      imageSize: (10, 10))
    #expect(prompt.system == "You are a helpful and multimodal AI assistant.")
    #expect(
      prompt.user.contains(
        "The **object_name** must belong to the predefined object set: `[\"person\", \"traffic light\"]`."
      ))
    #expect(
      prompt.user.contains(
        "The **predicate** must belong to the predefined relationship set: `[\"on\", \"in front of\"]`."
      ))
    // replace_answer_format: no answer tags left, two fenced blocks (format + example).
    #expect(!prompt.user.contains("<answer>") && !prompt.user.contains("</answer>"))
    #expect(prompt.user.components(separatedBy: "```json").count - 1 == 2)
    #expect(
      prompt.user.hasSuffix("Now, generate the complete scene graph for the provided image:\n"))
    #expect(prompt.responsePrefix == nil && prompt.stop.isEmpty)
    #expect(throws: PromptError.self) {
      try PromptPreset.r1sggClosed.prompt(
        for: sample, previous: .none, vocabulary: nil, imageSize: (1, 1))
    }
  }

  @Test func r1sggOpenUsesThinkSystemPromptOnRequest() throws {
    let sample = Sample(id: "a", width: 10, height: 10, graph: SceneGraph())
    let p = try PromptPreset.r1sggOpen.prompt(
      for: sample, previous: .none, vocabulary: nil, imageSize: (10, 10), thinkSystemPrompt: true)
    #expect(
      p.system?.hasSuffix("<think> reasoning process here </think><answer> answer here </answer>")
        == true)
    #expect(p.user == R1SGGPrompts.open)
    #expect(
      p.user.hasPrefix(
        "Generate a structured scene graph for an image using the following format:\n\n```json\n{"))
  }

  @Test func sceneGraphVLMPromptsAreStrippedWithPrefixAndStop() throws {
    let sample = Sample(id: "a", width: 10, height: 10, graph: SceneGraph())
    let p = try PromptPreset.sceneGraphVLMPSG.prompt(
      for: sample, previous: .none, vocabulary: nil, imageSize: (640, 480))
    #expect(p.system == nil)
    #expect(p.responsePrefix == "<answer>\n" && p.stop == ["</answer>"])
    #expect(
      p.user.hasPrefix(
        "Generate a structured scene graph for an image of size (640 x 480) using the specified object and relationship categories.\n\nOutput Format:\n\n<answer>\nobj[N]{id,name,x1,y1,x2,y2}:\n"
      ))
    #expect(p.user.hasSuffix("Write your response only between <answer> and </answer> tags."))
    #expect(p.user.contains("predefined object set: [\"person\", \"bicycle\", "))
    #expect(p.user.contains("\"wall-other-merged\", \"rug-merged\"]."))
    #expect(SceneGraphVLMPrompts.psgObjects.count == 133)
    #expect(SceneGraphVLMPrompts.psgPredicates.count == 56)
  }

  @Test func pvsgPreviousFrameFromGroundTruthAndFromModel() throws {
    // A 1280×960 frame: boxes halve to the 640×480 prompt frame; 10.5*0.5 = 5.25 → 5,
    // 5*0.5=2.5 → 2 (round half to even), 101*0.5 = 50.5 → 50.
    let prev = Sample(
      id: "v_0000", width: 1280, height: 960,
      graph: SceneGraph(
        objects: [
          Object(label: "adult", box: Box(x1: 10.5, y1: 5, x2: 101, y2: 203)),
          Object(label: "ball", box: Box(x1: 0, y1: 0, x2: 1280, y2: 960)),
        ],
        relations: [Relation(subject: 0, predicate: "playing  with", object: 1)]),
      video: "v", frame: 0)
    let cur = Sample(
      id: "v_0001", width: 1280, height: 960, graph: SceneGraph(), video: "v", frame: 1)
    let gt = try PromptPreset.sceneGraphVLMPVSG.prompt(
      for: cur, previous: .groundTruth(prev), vocabulary: nil, imageSize: (640, 480))
    let block =
      "Previous frame scene graph (TOON):\n\nobj[2]{id,name,x1,y1,x2,y2}:\n  1,adult,5,2,50,102\n  2,ball,0,0,640,480\nrel[1]{subj,pred,obj}:\n  1,playing-with,2\n\nNow, generate the complete scene graph for the provided image. Write your response only between <answer> and </answer> tags."
    #expect(gt.user.hasSuffix(block))
    let first = try PromptPreset.sceneGraphVLMPVSG.prompt(
      for: prev, previous: .none, vocabulary: nil, imageSize: (640, 480))
    #expect(!first.user.contains("Previous frame"))
    let gen = try PromptPreset.sceneGraphVLMPVSG.prompt(
      for: cur,
      previous: .generated("obj[1]{id,name,x1,y1,x2,y2}:\n1,adult,1,2,3,4\nrel[0]{subj,pred,obj}:"),
      vocabulary: nil, imageSize: (640, 480))
    #expect(
      gen.user.contains(
        "Previous frame scene graph (TOON):\nobj[1]{id,name,x1,y1,x2,y2}:\n1,adult,1,2,3,4\nrel[0]{subj,pred,obj}:\n\nNow, generate"
      ))
  }

  @Test func agPreviousFrameRowsAndWrapping() throws {
    let prev = Sample(
      id: "c/1", width: 640, height: 480,
      graph: SceneGraph(
        objects: [
          Object(label: "person", box: Box(x1: 1, y1: 2, x2: 3, y2: 4)),
          Object(label: "table", box: Box(x1: 5, y1: 6, x2: 7, y2: 8)),
        ],
        relations: [
          Relation(subject: 0, predicate: "looking_at", object: 1),
          Relation(subject: 0, predicate: "in_front_of", object: 1),
          Relation(subject: 0, predicate: "touching", object: 1),
          Relation(subject: 0, predicate: "behind", object: 1),
        ]), video: "c", frame: 0)
    #expect(
      PreviousFrameText.agGroundTruth(prev)
        == "      obj[2]{id,name,x1,y1,x2,y2}:\n        1,person,1,2,3,4\n        2,table,5,6,7,8\n      rel_pairs[1]{subj,attention,spatial,contacting,obj}:\n        1,[looking_at],[in_front_of,behind],[touching],2"
    )
    let cur = Sample(id: "c/2", width: 640, height: 480, graph: SceneGraph(), video: "c", frame: 1)
    let p = try PromptPreset.sceneGraphVLMAG.prompt(
      for: cur, previous: .groundTruth(prev), vocabulary: nil, imageSize: (640, 480))
    #expect(p.user.contains("for reference:\n<answer>\n      obj[2]{id,name"))
    #expect(
      p.user.hasSuffix(
        "2\n</answer>\n\n\nNow, generate the complete scene graph for the provided image. Wrap your scene graph in <answer>...</answer> tags."
      ))
    #expect(
      SceneGraphVLMPrompts.agGeneratedBlock("  obj[0]{id,name,x1,y1,x2,y2}:\n")
        == "<answer>\nobj[0]{id,name,x1,y1,x2,y2}:\n</answer>")
    #expect(
      SceneGraphVLMPrompts.agGeneratedBlock("<answer>\nx\n</answer>") == "<answer>\nx\n</answer>")
    #expect(SceneGraphVLMPrompts.agGeneratedBlock("  ") == "")
  }

  @Test func finalizeKeepsFirstAnswerBlockAndStripsThinking() {
    #expect(
      PreviousFrameText.finalize("<think>hmm</think>\n<answer>\nA\n</answer> tail</answer>")
        == "<answer>\nA\n</answer>")
    #expect(
      PreviousFrameText.finalize("<answer>\nobj[1]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4  ")
        == "<answer>\nobj[1]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\n</answer>\n")
    // A graph before </think> is kept (the Qwen3.5 quirk): Python's
    // (prefix + "\n" + suffix).strip() with prefix ending in "\n" leaves an empty line.
    #expect(
      PreviousFrameText.finalize("obj[1]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\n</think>\nmore")
        == "obj[1]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\n\nmore")
    #expect(PreviousFrameText.finalize("plain ") == "plain")
  }

  @Test func templateFileHeaderAndPlaceholders() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("tpl-\(UUID()).txt")
    defer { try? FileManager.default.removeItem(at: path) }
    try
      "system: \"Be brief.\"\nresponse_prefix: \"<answer>\\n\"\nstop: \"</answer>\"\n---\nImage {ID} is {WIDTH}x{HEIGHT}. Classes {OBJ_CLS}; predicates {REL_CLS}.\nPrev:<<PREV_TOON>>"
      .write(to: path, atomically: true, encoding: .utf8)
    let preset = try PromptPreset(name: path.path)
    #expect(preset.usesPreviousFrame)
    let s = Sample(id: "x1", width: 1, height: 1, graph: SceneGraph())
    let p = try preset.prompt(
      for: s, previous: .generated(" G "),
      vocabulary: Vocabulary(objects: ["a"], predicates: ["b c"]), imageSize: (640, 480))
    #expect(p.system == "Be brief.")
    #expect(p.responsePrefix == "<answer>\n" && p.stop == ["</answer>"])
    #expect(p.user == "Image x1 is 640x480. Classes [\"a\"]; predicates [\"b c\"].\nPrev:G")
    #expect(throws: PromptError.self) { try PromptPreset(name: "/no/such/template") }
  }
}
