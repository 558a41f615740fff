import Foundation
import SGGCore
import Testing

@testable import SGGFormats

@Suite struct WriterTests {
  let graph = SceneGraph(
    objects: [
      Object(label: "person", box: Box(x1: 281, y1: 272, x2: 524.5, y2: 438)),
      Object(label: "traffic light", box: Box(x1: -0.0, y1: 1e6, x2: 1.50, y2: 0.1)),
      Object(label: "true", box: Box(x1: 1, y1: 2, x2: 3, y2: 4)),
      Object(label: "dining, table", box: Box(x1: 1.5e-7, y1: 2, x2: 3, y2: 4)),
      Object(label: "-x:", box: Box(x1: 1, y1: 2, x2: 3, y2: 4)),
    ],
    relations: [
      Relation(subject: 0, predicate: "in-front-of", object: 1),
      Relation(subject: 3, predicate: "on", object: 0),
    ])

  @Test func canonicalNumbers() {
    #expect(CanonicalNumber.toon(1.50) == "1.5")
    #expect(CanonicalNumber.toon(-0.0) == "0")
    #expect(CanonicalNumber.toon(1e6) == "1000000")
    #expect(CanonicalNumber.toon(1e16) == "10000000000000000")
    #expect(CanonicalNumber.toon(1.5e-7) == "0.00000015")
    #expect(CanonicalNumber.toon(-123.25) == "-123.25")
    #expect(CanonicalNumber.toon(1.2345678901234567e20) == "123456789012345670000")
    #expect(CanonicalNumber.toon(.nan) == "null")
    #expect(CanonicalNumber.json(640) == "640")
    #expect(CanonicalNumber.json(0.1) == "0.1")
    #expect(CanonicalNumber.json(1e-7) == "1e-07")
    #expect(CanonicalNumber.json(-0.0) == "0")
    // Every canonical TOON number parses back to the same double.
    for d in [0.1, 1.0 / 3, 123456.789, 5e-324, 1.7976931348623157e308, 2.5e-10, 98765.4321e12] {
      #expect(Double(CanonicalNumber.toon(d)) == d)
      #expect(Double(CanonicalNumber.json(d)) == d)
    }
  }

  @Test func toonQuoting() {
    #expect(CanonicalNumber.toonString("traffic light") == "traffic light")
    #expect(CanonicalNumber.toonString("in-front-of") == "in-front-of")
    #expect(CanonicalNumber.toonString("closet/cabinet") == "closet/cabinet")
    for s in [
      "", " a", "a ", "true", "null", "12", "-3.5", "1e5", "05", "a:b", "a,b", "[x]", "{", "-x",
      "#x", "q\"", "back\\",
    ] {
      #expect(CanonicalNumber.toonString(s).hasPrefix("\""), "\(s.debugDescription) must be quoted")
    }
    #expect(CanonicalNumber.toonString("a|b") == "a|b")
    #expect(CanonicalNumber.toonString("a|b", delimiter: "|") == "\"a|b\"")
    #expect(CanonicalNumber.toonString("line\nbreak") == "\"line\\nbreak\"")
  }

  @Test func toonLayout() {
    let small = SceneGraph(
      objects: [Object(label: "person", box: Box(x1: 1, y1: 2.5, x2: 3, y2: 4))], relations: [])
    #expect(
      ToonGraphWriter().write(small)
        == "obj[1]{id,name,x1,y1,x2,y2}:\n  1,person,1,2.5,3,4\nrel[0]{subj,pred,obj}:")
    #expect(
      ToonGraphWriter(rowIndent: "", emptyRelations: .emptyList).write(small)
        == "obj[1]{id,name,x1,y1,x2,y2}:\n1,person,1,2.5,3,4\nrel: []")
  }

  @Test func toonRoundTripThroughStrictAndLenientParsers() throws {
    let spec = ToonGraphWriter().write(graph)
    let strict = try #require(StrictToonParser().parse(spec).graph, "\(spec)")
    let lenient = try #require(
      SceneGraphVLMToonParser().parse(ToonGraphWriter(rowIndent: "").write(graph)).graph)
    let byDefault = try #require(DefaultParser().parse(spec).graph)
    for g in [strict, byDefault] {
      #expect(g.objects.map(\.label) == graph.objects.map { LabelNormalizer.refine($0.label) })
      #expect(g.objects.map(\.box) == graph.objects.map(\.box))
      #expect(g.objects.map(\.id) == ["1", "2", "3", "4", "5"])
      #expect(
        g.relations == [
          PredictedRelation(subject: "1", predicate: "in front of", object: "2"),
          PredictedRelation(subject: "4", predicate: "on", object: "1"),
        ])
    }
    // The lenient anchor parser swaps the reversed y of object 2 (1e6 > 0.1) and reads csv
    // quoting (not TOON escapes): same labels for these names.
    #expect(lenient.objects.map(\.label) == strict.objects.map(\.label))
    #expect(lenient.objects[1].box == Box(x1: 0, y1: 0.1, x2: 1.5, y2: 1e6))
    #expect(lenient.relations == strict.relations)
    // Empty relations: the header form keeps the anchor parser from eating an object row.
    let noRels = SceneGraph(objects: [Object(label: "cat", box: Box(x1: 1, y1: 2, x2: 3, y2: 4))])
    #expect(
      SceneGraphVLMToonParser().parse(ToonGraphWriter(rowIndent: "").write(noRels)).graph?.objects
        .count == 1)
    #expect(
      StrictToonParser().parse(ToonGraphWriter(emptyRelations: .emptyList).write(noRels)).graph?
        .objects.count == 1)
  }

  @Test func predictedGraphToonRenumbersIDs() throws {
    let p = PredictedGraph(
      objects: [
        PredictedObject(id: "person.1", label: "person", box: Box(x1: 1, y1: 2, x2: 3, y2: 4)),
        PredictedObject(id: "bike.7", label: "bike", box: Box(x1: 5, y1: 6, x2: 7, y2: 8)),
      ],
      relations: [
        PredictedRelation(subject: "person.1", predicate: "riding", object: "bike.7"),
        PredictedRelation(subject: "x", predicate: "on", object: "bike.7"),
      ])
    #expect(
      ToonGraphWriter().write(p)
        == "obj[2]{id,name,x1,y1,x2,y2}:\n  1,person,1,2,3,4\n  2,bike,5,6,7,8\nrel[1]{subj,pred,obj}:\n  1,riding,2"
    )
  }

  @Test func jsonRoundTripThroughR1SGGAndDefaultParsers() throws {
    let text = JSONGraphWriter().write(graph)
    #expect(
      text.hasPrefix(
        #"{"objects":[{"id":"person.1","bbox":[281,272,524.5,438]},{"id":"traffic_light.2","bbox":[0,1000000,1.5,0.1]}"#
      ))
    for parsed in [R1SGGParser().parse(text), DefaultParser().parse(text)] {
      let g = try #require(parsed.graph, "\(String(describing: parsed.failure))")
      #expect(
        g.objects.map(\.label) == [
          "person", "traffic light", "true", "dining, table",
          " x:".trimmingCharacters(in: .whitespaces),
        ])
      #expect(g.objects.map(\.box) == graph.objects.map(\.box))
      #expect(g.relations.map(\.predicate) == ["in front of", "on"])
      #expect(g.relations.map(\.subject) == ["person.1", "dining, table.4"])
    }
    // A predicted graph keeps its ids.
    let p = try #require(DefaultParser().parse(text).graph)
    #expect(JSONGraphWriter().write(p).contains(#""id":"traffic light.2""#))
  }
}
