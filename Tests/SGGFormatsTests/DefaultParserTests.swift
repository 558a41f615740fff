import SGGCore
import Testing

@testable import SGGFormats

@Suite struct DefaultParserTests {
  let parser = DefaultParser()

  let json =
    #"{"objects": [{"id": "Person.1", "bbox": [1, 2, 3, 4.5]}, {"id": "bike.2", "bbox": [5, 6, 7, 8]}], "relationships": [{"subject": "person.1", "predicate": "riding", "object": "bike.2"}]}"#

  var expectedGraph: PredictedGraph {
    PredictedGraph(
      objects: [
        PredictedObject(id: "person.1", label: "person", box: Box(x1: 1, y1: 2, x2: 3, y2: 4.5)),
        PredictedObject(id: "bike.2", label: "bike", box: Box(x1: 5, y1: 6, x2: 7, y2: 8)),
      ],
      relations: [PredictedRelation(subject: "person.1", predicate: "riding", object: "bike.2")])
  }

  @Test func jsonInEveryWrapping() {
    for text in [
      json, "<answer>\(json)</answer>",
      "<think>hmm {not json}</think>\n<answer>\n```json\n\(json)\n```\n</answer>",
      "Sure! Here is the graph:\n\(json)\nHope it helps.", "```\n\(json)\n```",
      "<think>x</think>\(json)",
    ] {
      let r = parser.parse(text)
      #expect(r.graph == expectedGraph, "\(text)")
    }
    #expect(parser.parse("prose \(json) more").warningCounts[.textOutsideGraph] == 2)
  }

  @Test func lastCompleteAnswerBlockWins() {
    let r = parser.parse("<answer>{\"objects\": []}</answer> retry: <answer>\(json)</answer>")
    #expect(r.graph == expectedGraph)
  }

  @Test func loneAnswerMarksPossibleTruncation() {
    let cut = "<answer>{\"objects\": [{\"id\": \"a.1\", \"bbox\": [1, 2"
    #expect(
      parser.parse(cut).failure
        == ParseFailure(.truncated, "the JSON object is not closed before the end of the output"))
    let complete = parser.parse("<answer>\(json)")
    #expect(complete.graph == expectedGraph)
    #expect(complete.warningCounts[.unclosedAnswer] == 1)
    #expect(parser.parse("<answer>   ").outcome == .failed(.truncated))
  }

  @Test func thinkingRules() {
    #expect(parser.parse("<think>still thinking about the").failure?.kind == .truncated)
    #expect(parser.parse("<think>done</think>   ").failure?.kind == .noAnswer)
    #expect(parser.parse("").failure?.kind == .noAnswer)
    #expect(parser.parse("<answer></answer>").failure?.kind == .noAnswer)
    // Chat templates that put <think> in the prompt: the output starts mid-thought.
    #expect(parser.parse("reasoning…</think>\(json)").graph == expectedGraph)
  }

  @Test func jsonFailuresArePrecise() {
    func f(_ s: String) -> ParseFailure? { DefaultParser(format: .json).parse(s).failure }
    #expect(f("no braces here") == ParseFailure(.malformed, "no JSON object (`{`) in the answer"))
    #expect(f(#"{"objects": [{"id" "a.1"}]}"#)?.kind == .malformed)
    #expect(f(#"{"relationships": []}"#) == ParseFailure(.missingField, "`objects` is missing"))
    #expect(f(#"{"objects": []}"#) == ParseFailure(.missingField, "`relationships` is missing"))
    #expect(
      f(#"{"objects": {}, "relationships": []}"#)
        == ParseFailure(.badField, "`objects` is an object, expected an array"))
    #expect(
      f(
        #"{"objects": [{"id": "a.1", "bbox": [1, 2, 3, 4]}, {"id": "b.2", "bbox": [1, 2, 3, 4]}, {"id": "c.3", "bbox": [1, 2, 3]}], "relationships": []}"#
      )
        == ParseFailure(.badBox, "object 3: `bbox` has 3 numbers, expected 4"))
    #expect(
      f(#"{"objects": [{"id": "a.1", "bbox": [1, true, 3, 4]}], "relationships": []}"#)
        == ParseFailure(.badBox, "object 1: `bbox[1]` is a boolean, expected a number"))
    #expect(
      f(#"{"objects": [{"id": "a.1", "bbox": [1, NaN, 3, 4]}], "relationships": []}"#)
        == ParseFailure(.badBox, "object 1: `bbox[1]` is nan, expected a finite number"))
    #expect(
      f(#"{"objects": [{"id": "a.1", "bbox": [1, 2, 3, 4, 5]}], "relationships": []}"#)?.message
        == "object 1: `bbox` has 5 numbers, expected 4")
    #expect(
      f(#"{"objects": [{"bbox": [1, 2, 3, 4]}], "relationships": []}"#)
        == ParseFailure(.missingField, "object 1: `id` is missing"))
    #expect(
      f(#"{"objects": [{"id": ["a"], "bbox": [1, 2, 3, 4]}], "relationships": []}"#)
        == ParseFailure(.badField, "object 1: `id` is an array, expected a string"))
    #expect(
      f(#"{"objects": [], "relationships": [{"subject": "a", "predicate": "on"}]}"#)
        == ParseFailure(.missingField, "relationship 1: `object` is missing"))
    #expect(
      f(#"{"objects": [], "relationships": [{"subject": 1, "predicate": "on", "object": "b"}]}"#)
        == ParseFailure(.badField, "relationship 1: `subject` is a number, expected a string"))
    #expect(
      f(#"{"objects": [], "relationships": ["a"]}"#)
        == ParseFailure(.badField, "relationship 1 is a string, expected an object"))
    #expect(
      f(
        #"{"objects": [{"id": "a.1", "bbox": [1, 2, 3, 4]}], "relationships": [{"subject": "a.1", "predicate": "on", "object": "a.1"}"#
      )?.kind == .truncated)
    #expect(f(#"```json\n{"objects": [{"id": "a.1", "bbox": [1, 2"#)?.kind == .truncated)
  }

  @Test func jsonWarnings() {
    let r = DefaultParser(format: .json).parse(
      #"{"objects": [{"id": "a.1", "bbox": [1, 2, 3, 4], "score": 0.9}, {"id": "A.1", "bbox": [1, 2, 3, 4]}], "relationships": [{"subject": "a.1", "predicate": "on", "object": "zz"}], "note": 1, "objects": []}"#
    )
    #expect(
      r.graph
        == PredictedGraph(
          objects: [], relations: [PredictedRelation(subject: "a.1", predicate: "on", object: "zz")]
        ))
    #expect(r.warningCounts == [.unknownField: 1, .duplicateKey: 1, .danglingRelationID: 2])
  }

  let toon = """
    obj[2]{id,name,x1,y1,x2,y2}:
      1,person,10.5,20,30,40
      2,Traffic_Light,1,2,3,4
    rel[1]{subj,pred,obj}:
      1,standing-near,2
    """

  @Test func toonLenientRowsWithFloats() throws {
    let r = parser.parse("<answer>\n\(toon)\n</answer>")
    let g = try #require(r.graph)
    #expect(
      g.objects == [
        PredictedObject(id: "1", label: "person", box: Box(x1: 10.5, y1: 20, x2: 30, y2: 40)),
        PredictedObject(id: "2", label: "traffic light", box: Box(x1: 1, y1: 2, x2: 3, y2: 4)),
      ])
    #expect(
      g.relations == [PredictedRelation(subject: "1", predicate: "standing near", object: "2")])
    #expect(r.warnings.isEmpty)
    // Flush-left rows (the anchor's cleaned files) and a ```toon fence read the same.
    let flush = toon.split(separator: "\n").map { $0.trimmingPrefixSpaces() }.joined(
      separator: "\n")
    #expect(parser.parse("```toon\n\(flush)\n```").graph == g)
    // Integer rows without a rel block: no anchor quirk here, just a warning.
    let noRel = parser.parse("obj[1]{id,name,x1,y1,x2,y2}:\n1,cat,1,2,3,4")
    #expect(noRel.graph?.objects.count == 1)
    #expect(noRel.warningCounts[.missingRelations] == 1)
  }

  @Test func toonTruncationFromDeclaredCounts() {
    // Fewer rows than declared at the end of the output: truncated.
    #expect(
      parser.parse("obj[3]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\n2,b,1,2,3,4").failure?.kind
        == .truncated)
    // The last row cut mid-way: truncated too.
    #expect(
      parser.parse("obj[2]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\n2,b,1,2").failure
        == ParseFailure(.truncated, "obj[2] declares 2 rows; the output ends after 1 complete rows")
    )
    #expect(
      parser.parse("obj[1]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\nrel[2]{subj,pred,obj}:\n1,on,1")
        .failure?.kind == .truncated)
    // Same short block inside a closed answer: only a count warning.
    let closed = parser.parse(
      "<answer>obj[3]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\nrel[0]{subj,pred,obj}:</answer>")
    #expect(closed.graph?.objects.count == 1)
    #expect(closed.warningCounts[.rowCountMismatch] == 1)
    // A short block followed by the next header: warning, not truncation.
    let moved = parser.parse("obj[3]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\nrel[0]{subj,pred,obj}:")
    #expect(moved.graph != nil && moved.warningCounts[.rowCountMismatch] == 1)
    // Prose after complete blocks is not a cut row.
    let prose = parser.parse("\(toon)\nThat is all.")
    #expect(prose.graph?.relations.count == 1)
    #expect(prose.warningCounts[.textOutsideGraph] == 1)
  }

  @Test func toonFailuresAndSkips() {
    let ag =
      "obj[2]{id,name,x1,y1,x2,y2}:\n  1,person,24,71,259,268\n  2,cup,1,2,3,4\nrel_pairs[1]{subj,attention,spatial,contacting,obj}:\n  1,[unsure],[in_front_of],[not_contacting],2"
    let r = parser.parse(ag)
    #expect(r.failure?.kind == .malformed)
    #expect(r.failure?.message.contains("rel_pairs") == true)
    #expect(
      DefaultParser(format: .toon).parse("just words").failure
        == ParseFailure(.malformed, "no `obj[N]{id,name,x1,y1,x2,y2}:` header found"))
    let skipped = parser.parse(
      "obj[2]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\nx,b,1,2,3,4\nrel[0]{subj,pred,obj}:")
    #expect(skipped.graph?.objects.count == 1)
    #expect(skipped.warningCounts[.skippedRow] == 1)
    // Pipe delimiter declared in the brackets.
    let pipe = parser.parse(
      "obj[1|]{id|name|x1|y1|x2|y2}:\n  1|dining, table|1|2|3|4\nrel[0|]{subj|pred|obj}:")
    #expect(pipe.graph?.objects.first?.label == "dining, table")
  }

  @Test func formatSelection() {
    // A JSON-looking answer forced to TOON fails as TOON, and vice versa.
    #expect(DefaultParser(format: .toon).parse(json).failure?.kind == .malformed)
    #expect(DefaultParser(format: .json).parse(toon).failure?.kind == .malformed)
    // Auto: prose first, then a TOON header → TOON; prose then JSON → JSON.
    #expect(parser.parse("Here you go:\n\(toon)").graph?.objects.count == 2)
    #expect(parser.parse("Here you go: \(json)").graph == expectedGraph)
  }
}

extension Substring {
  fileprivate func trimmingPrefixSpaces() -> String { String(drop(while: { $0 == " " })) }
}
