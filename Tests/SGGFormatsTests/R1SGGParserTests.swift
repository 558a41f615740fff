import SGGCore
import Testing

@testable import SGGFormats

@Suite struct R1SGGParserTests {
  let parser = R1SGGParser()

  func failure(_ text: String) -> ParseFailure? { parser.parse(text).failure }

  @Test func validAnswerInThinkAndFence() throws {
    let text = """
      <think>a man rides a bike</think><answer>```json
      {"objects": [{"id": "Man.1", "bbox": [10, 20, 110, 220]}, {"id": "traffic_light.2", "bbox": [0.5, 1, 2, 3]}],
       "relationships": [{"subject": "man.1", "predicate": "Standing_on", "object": "traffic_light.2"}]}
      ```</answer>
      """
    let r = parser.parse(text)
    let g = try #require(r.graph)
    #expect(
      g.objects == [
        PredictedObject(
          id: "man.1", label: "man", box: Box(x1: 10, y1: 20, x2: 110, y2: 220),
          writtenLabel: "Man"),
        PredictedObject(
          id: "traffic light.2", label: "traffic light", box: Box(x1: 0.5, y1: 1, x2: 2, y2: 3),
          writtenLabel: "traffic_light"),
      ])
    // The written spellings are kept for the `cleaned` mapping statistic; clean ones are nil.
    #expect(
      g.relations == [
        PredictedRelation(
          subject: "man.1", predicate: "standing on", object: "traffic light.2",
          writtenPredicate: "Standing_on")
      ])
    #expect(r.warnings.isEmpty)
  }

  @Test func everyJsonSubstringIsRemoved() throws {
    // "jsonbox.1" loses its "json" before parsing (spec §2.2): the id becomes " box.1" → "box.1".
    let g = try #require(
      parser.parse(
        #"{"objects": [{"id": "jsonbox.1", "bbox": [1, 2, 3, 4]}], "relationships": []}"#
      ).graph)
    #expect(g.objects.map(\.id) == ["box.1"])
    // … which can also break a valid answer: the key "jsonid" becomes " id" (a different key).
    #expect(
      failure(#"{"objects": [{"jsonid": "a.1", "bbox": [1, 2, 3, 4]}], "relationships": []}"#)?.kind
        == .missingField)
  }

  @Test func answerTagRules() throws {
    // Lone <answer>: everything after it.
    #expect(
      parser.parse(#"<answer> {"objects": [], "relationships": []}"#).graph == PredictedGraph())
    // First block wins (re.search), text outside the block is ignored.
    #expect(
      parser.parse(
        #"x <answer>{"objects": [], "relationships": []}</answer> <answer>junk</answer>"#
      ).graph == PredictedGraph())
    // No tags and prose around JSON: json.loads fails.
    #expect(failure(#"Here it is: {"objects": [], "relationships": []}"#)?.kind == .malformed)
    // A <think> block without answer tags is part of the text handed to json.loads.
    #expect(failure(#"<think>hm</think>{"objects": [], "relationships": []}"#)?.kind == .malformed)
  }

  @Test func failureKinds() {
    #expect(failure("")?.kind == .noAnswer)
    #expect(failure("  ```json ``` ")?.kind == .noAnswer)
    #expect(failure("<answer>  </answer>")?.kind == .noAnswer)
    #expect(failure(#"{"objects": [{"id": "a.1", "bbox": [1, 2"#)?.kind == .truncated)
    #expect(failure(#"{"objects": [}"#)?.kind == .malformed)
    #expect(
      failure("[1, 2]") == ParseFailure(.badField, "the JSON root is an array, expected an object"))
    #expect(
      failure(#"{"relationships": []}"#) == ParseFailure(.missingField, "`objects` is missing"))
    #expect(
      failure(#"{"objects": []}"#) == ParseFailure(.missingField, "`relationships` is missing"))
    #expect(failure(#"{"objects": null, "relationships": []}"#)?.kind == .badField)
    #expect(
      failure(#"{"objects": [5], "relationships": []}"#)
        == ParseFailure(.badField, "object 1 is a number, expected an object"))
    #expect(
      failure(#"{"objects": [{"id": "a.1", "bbox": [1, 2, 3]}], "relationships": []}"#)
        == ParseFailure(.badBox, "object 1: `bbox` has 3 numbers, expected 4"))
    #expect(
      failure(#"{"objects": [{"id": "a.1", "bbox": "1,2,3,4"}], "relationships": []}"#)?.kind
        == .badBox)
    #expect(
      failure(#"{"objects": [{"id": "a.1", "bbox": [1, "2", 3, 4]}], "relationships": []}"#)
        == ParseFailure(.badBox, "object 1: `bbox[1]` is a string, expected a number"))
    #expect(
      failure(#"{"objects": [{"id": "a.1", "bbox": [1, null, 3, 4]}], "relationships": []}"#)?.kind
        == .badBox)
    #expect(
      failure(#"{"objects": [{"id": "a.1"}], "relationships": []}"#)
        == ParseFailure(.missingField, "object 1: `bbox` is missing"))
    #expect(
      failure(#"{"objects": [{"bbox": [1, 2, 3, 4]}], "relationships": []}"#)
        == ParseFailure(.missingField, "object 1: `id` is missing"))
    #expect(
      failure(#"{"objects": [{"id": 7, "bbox": [1, 2, 3, 4]}], "relationships": []}"#)
        == ParseFailure(.badField, "object 1: `id` is a number, expected a string"))
    #expect(
      failure(#"{"objects": [], "relationships": [{"subject": "a", "object": "b"}]}"#)
        == ParseFailure(.missingField, "relationship 1: `predicate` is missing"))
    #expect(
      failure(
        #"{"objects": [], "relationships": [{"subject": "a", "predicate": 3, "object": "b"}]}"#)
        == ParseFailure(.badField, "relationship 1: `predicate` is a number, expected a string"))
    // A relation written as a string is indexed like a dict in Python → TypeError → failure.
    #expect(failure(#"{"objects": [], "relationships": ["a -> on -> b"]}"#)?.kind == .badField)
  }

  @Test func pythonIterationQuirks() throws {
    // Empty string / empty dict iterate zero times: not failures.
    #expect(parser.parse(#"{"objects": "", "relationships": {}}"#).graph == PredictedGraph())
    // A non-empty dict iterates its keys (strings) → obj['bbox'] on a str raises.
    #expect(
      failure(#"{"objects": {"a": 1}, "relationships": []}"#)
        == ParseFailure(.badField, "object 1 is a string, expected an object"))
  }

  @Test func booleansPassAsCoordinatesAndNaNIsAWarning() throws {
    let r = parser.parse(
      #"{"objects": [{"id": "a.1", "bbox": [true, false, NaN, 4]}], "relationships": []}"#)
    let g = try #require(r.graph)
    #expect(g.objects[0].box.x1 == 1 && g.objects[0].box.y1 == 0 && g.objects[0].box.x2.isNaN)
    #expect(r.warnings.map(\.kind) == [.nonFiniteCoordinate])
  }

  @Test func emptyObjectListIsNotAFailure() throws {
    let r = parser.parse(#"{"objects": [], "relationships": []}"#)
    #expect(r.graph == PredictedGraph())
    #expect(r.failure == nil)
  }

  @Test func warningsForDanglingAndDuplicateIDs() throws {
    let text = #"""
      {"objects": [{"id": "a.1", "bbox": [1, 2, 3, 4]}, {"id": "A.1", "bbox": [1, 2, 3, 4]}],
       "relationships": [{"subject": "a.1", "predicate": "on", "object": "b.9"}], "objects": [{"id": "a.1", "bbox": [1, 2, 3, 4]}, {"id": "A.1", "bbox": [1, 2, 3, 4]}]}
      """#
    let r = parser.parse(text)
    #expect(r.graph?.objects.count == 2)
    #expect(r.warningCounts == [.duplicateKey: 1, .duplicateObjectID: 1, .danglingRelationID: 1])
  }
}
