import Foundation
import SGGCore
import Testing

@testable import SGGFormats

@Suite struct SceneGraphVLMToonParserTests {
  let parser = SceneGraphVLMToonParser()

  // Spec §8 vector: `obj[2]{…}:` + 2 integer rows and no `rel[` header ⇒ 0 objects (invalid):
  // the second row "2,tree,0,0,640,440" has a leading int and an all-digit 3rd field, so it
  // becomes the relation header and only row 1 is an object line… which is also the line after
  // the header: obj lines stop at the fake rel header, and the first row IS that header.
  @Test func missingRelHeaderWithIntegerRowsYieldsNoObjects() {
    let text = "obj[2]{id,name,x1,y1,x2,y2}:\n1,person,281,272,524,438\n2,tree,0,0,640,440"
    let r = parser.parse(text)
    #expect(r.outcome == .failed(.noObjects))
    #expect(r.failure?.message.contains("relation header") == true)
  }

  // Same with a float x1: "1,person,281.5,…" has no all-digit 3rd field → 2 objects, 0 relations.
  @Test func missingRelHeaderWithFloatRowsParses() throws {
    let text = "obj[2]{id,name,x1,y1,x2,y2}:\n1,person,281.5,272,524,438\n2,tree,0.5,0,640,440"
    let g = try #require(parser.parse(text).graph)
    #expect(g.objects.map(\.id) == ["1", "2"])
    #expect(g.objects[0].box == Box(x1: 281.5, y1: 272, x2: 524, y2: 438))
    #expect(g.relations.isEmpty)
  }

  @Test func quotedNameWithCommaIsOneName() throws {
    let text =
      "obj[1]{id,name,x1,y1,x2,y2}:\n1, \"dining, table\", 1, 2, 3, 4\nrel[0]{subj,pred,obj}:"
    let g = try #require(parser.parse(text).graph)
    #expect(
      g.objects == [
        PredictedObject(id: "1", label: "dining, table", box: Box(x1: 1, y1: 2, x2: 3, y2: 4))
      ])
  }

  @Test func specExampleWithAnswerTags() throws {
    let text = """
      <answer>
      obj[7]{id,name,x1,y1,x2,y2}:
      1,person,281,272,524,438
      5,tree-merged,0,0,640,440
      rel[5]{subj,pred,obj}:
      1,in-front-of,5
      </answer>
      """
    let r = parser.parse(text)
    let g = try #require(r.graph)
    #expect(g.objects.map(\.label) == ["person", "tree merged"])
    #expect(g.objects.map(\.id) == ["1", "5"])
    #expect(g.relations == [PredictedRelation(subject: "1", predicate: "in front of", object: "5")])
    #expect(r.warnings.isEmpty)  // declared counts are ignored by the anchor
  }

  @Test func thinkingIsStripped() throws {
    let text =
      "<think>obj? let me think</think>\n<answer>obj[1]{id,name,x1,y1,x2,y2}:\n  1,cat,1,2,3,4\nrel[0]{subj,pred,obj}:\n</answer>"
    #expect(try #require(parser.parse(text).graph).objects.count == 1)
    // A header line before </think> means the TOON was inside the thinking: prefix + suffix kept.
    let inside =
      "obj[1]{id,name,x1,y1,x2,y2}:\n1,cat,1,2,3,4\n</think>\nrel[1]{subj,pred,obj}:\n1,on,1"
    #expect(
      SceneGraphVLMToonParser.normalize(inside)
        == "obj[1]{id,name,x1,y1,x2,y2}:\n1,cat,1,2,3,4\n\nrel[1]{subj,pred,obj}:\n1,on,1")
    let g = try #require(parser.parse(inside).graph)
    #expect(g.relations == [PredictedRelation(subject: "1", predicate: "on", object: "1")])
    // Nothing after </think>: the anchor keeps the prefix ("<think>nothing"), which has no
    // object block; a bare "</think>" leaves an empty prediction.
    #expect(SceneGraphVLMToonParser.normalize("<think>nothing</think>") == "<think>nothing")
    #expect(parser.parse("<think>nothing</think>").outcome == .failed(.noObjects))
    #expect(parser.parse(" </think> ").outcome == .failed(.noAnswer))
    // Two think blocks: drop up to the last.
    #expect(SceneGraphVLMToonParser.normalize("<think>a</think>b</think> c") == "c")
  }

  @Test func lastAnswerBlockWithObjBracketWins() {
    let text =
      "<answer>obj[1]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\nrel[0]{subj,pred,obj}:</answer> <answer>OBJ [ 2 ]{x}:\n1,b,1,2,3,4</answer><answer>nothing</answer>"
    #expect(SceneGraphVLMToonParser.normalize(text) == "OBJ [ 2 ]{x}:\n1,b,1,2,3,4")
    // No block mentions obj[…]: the last non-empty block.
    #expect(SceneGraphVLMToonParser.normalize("<answer>x</answer><ANSWER >y</answer >") == "y")
    // Only empty blocks: tags replaced by spaces.
    #expect(SceneGraphVLMToonParser.normalize("a<answer></answer>b") == "a  b")
  }

  @Test func emptyAndHeaderlessInputs() {
    #expect(parser.parse("").outcome == .failed(.noAnswer))
    #expect(parser.parse("<answer>  </answer>").outcome == .failed(.noAnswer))
    #expect(
      parser.parse("I see a cat.").failure
        == ParseFailure(.noObjects, "cannot locate the obj block"))
  }

  @Test func headerlessRowsAreFound() throws {
    // No obj header: the first line with ≥5 commas starting with `\d+,` is the header line,
    // so its own row is lost unless… it is read as the header (text after ':' only). Here
    // the second line is the first object.
    let text = "1,cat,1,2,3,4\n2,dog,1.5,2,3,4\nrel[1]{subj,pred,obj}:\n2,near,1"
    let g = try #require(parser.parse(text).graph)
    #expect(g.objects.map(\.label) == ["dog"])
    #expect(g.relations.count == 1)
  }

  @Test func headerTailIsARow() throws {
    let g = try #require(parser.parse("obj[1]{id,name,x1,y1,x2,y2}: 1,person,1.5,2,3,4").graph)
    #expect(g.objects.count == 1)
  }

  @Test func cornersSwappedAndIdsCanonical() throws {
    let r = parser.parse(
      "obj[1]{id,name,x1,y1,x2,y2}:\n007,Cat_Big,100,50,10.5,5\nrel[1]{subj,pred,obj}:\n007,ON,7")
    let g = try #require(r.graph)
    #expect(
      g.objects == [
        PredictedObject(id: "7", label: "cat big", box: Box(x1: 10.5, y1: 5, x2: 100, y2: 50))
      ])
    #expect(g.relations == [PredictedRelation(subject: "7", predicate: "on", object: "7")])
    #expect(r.warningCounts[.swappedCorners] == 1)
  }

  @Test func nanCornersKeepInputOrderLikePythonSorted() throws {
    // sorted((nan, 5.0)): 5.0 < nan is False → (nan, 5.0); sorted((5.0, nan)) → (5.0, nan).
    let g = try #require(
      parser.parse(
        "obj[2]{id,name,x1,y1,x2,y2}:\n1,a,nan,0,5,10\n2,b,5,0,nan,10\nrel[0]{subj,pred,obj}:"
      ).graph)
    #expect(g.objects[0].box.x1.isNaN && g.objects[0].box.x2 == 5)
    #expect(g.objects[1].box.x1 == 5 && g.objects[1].box.x2.isNaN)
  }

  @Test func pythonFloatSpellingsAreAccepted() throws {
    let g = try #require(
      parser.parse("obj[1]{id,name,x1,y1,x2,y2}:\n1,a, 1_0 ,+2.,.5e1,١٢\nrel[0]{subj,pred,obj}:")
        .graph)
    // x1 = float(" 1_0 ") = 10, y1 = float("+2.") = 2, x2 = float(".5e1") = 5, y2 = float("١٢") = 12;
    // corners sorted: x (10, 5) → (5, 10).
    #expect(g.objects[0].box == Box(x1: 5, y1: 2, x2: 10, y2: 12))
  }

  @Test func badRowsAreSkippedAndRelationsKeptAsIs() throws {
    let text = """
      obj[3]{id,name,x1,y1,x2,y2}:
      1,cat,1,2,3
      x,dog,1,2,3,4
      2,dog,1,2,3,four
      3,bird,1,2,3,4,extra
      rel[3]{subj,pred,obj}:
      3,near,9
      3,near,3
      3,near,3
      a,b,c
      """
    let r = parser.parse(text)
    let g = try #require(r.graph)
    #expect(g.objects.map(\.id) == ["3"])
    #expect(g.relations.count == 3)
    #expect(r.warningCounts[.danglingRelationID] == 1)
  }

  @Test func superscriptDigitInRelationAbortsTheParse() {
    // "²".isdigit() is True but int("²") raises outside any try: the whole output is invalid.
    let r = parser.parse(
      "obj[1]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\nrel[1]{subj,pred,obj}:\n1,on,²")
    #expect(r.outcome == .failed(.malformed))
  }

  @Test func relHeaderBeforeObjHeaderReadsObjectRowsAsRelations() throws {
    let r = parser.parse(
      "rel[1]{subj,pred,obj}:\n1,on,2\nobj[2]{id,name,x1,y1,x2,y2}: 1,a,1,2,3,4\n2,b,1,2,3,4")
    // Object lines stop at once (rel_start < obj_start) except the header tail; relation lines
    // run to the end and take the object rows too (field 2 "1" is all digits).
    let g = try #require(r.graph)
    #expect(g.objects.map(\.label) == ["a"])
    #expect(g.relations.map(\.predicate) == ["on", "b"])
  }

  // MARK: Python primitives, cross-checked with python3

  @Test func csvMatchesPython() throws {
    let lines = [
      "a, \"b, c\" ,d", " \"x\"y,z", "\"abc", "\"a\"\"b\",c", "a,b,", "  ,  x", "a\"b\",c",
      "\"a\" b,c", "", ",", "\"\"",
      "1, \"dining, table\", 1, 2", "é,\"中,文\",😀", "  \"q\"  ,  r  ", "\"a,b", "x,\"\"\"\",y",
    ]
    var rnd = SystemRandomNumberGenerator()
    var all = lines
    let alphabet = Array("ab ,\"\t")
    for _ in 0..<300 {
      all.append(
        String(
          (0..<Int.random(in: 0...10, using: &rnd)).map { _ in alphabet.randomElement(using: &rnd)!
          }))
    }
    let input = try String(decoding: JSONEncoder().encode(all), as: UTF8.self)
    let out = try PythonReference.run(
      "import csv, json, sys\nrows = [next(csv.reader([l], skipinitialspace=True), []) for l in json.load(sys.stdin)]\nprint(json.dumps(rows))",
      input: input)
    let expected = try JSONDecoder().decode([[String]].self, from: Data(out.utf8))
    for (line, want) in zip(all, expected) {
      let got = pythonCSVFields(Array(line.unicodeScalars), comma: ",", quote: "\"", space: " ").map
      { $0.string }
      #expect(got == want, "\(line.debugDescription)")
    }
  }

  @Test func floatStripSplitlinesAndIsdigitMatchPython() throws {
    let samples = [
      "1", " 1.5 ", "+2.", ".5e1", "1_0", "_1", "1__0", "1_", "١٢", "inf", "-Infinity", "nAn",
      "0x10", "1e", "e5", "", " ",
      "1.5.2", "1e400", "\u{A0}3\u{2003}", "²", "1 2", "- 1", "٣.٥", "1_000.000_1", "1_e5",
    ]
    let input = try String(decoding: JSONEncoder().encode(samples), as: UTF8.self)
    let out = try PythonReference.run(
      """
      import json, sys
      res = []
      for s in json.load(sys.stdin):
          try: f = float(s); f = 'nan' if f != f else repr(f)
          except ValueError: f = None
          res.append([f, s.strip(), s.isdigit(), s.splitlines()])
      print(json.dumps(res))
      """, input: input)
    guard case .array(let rows) = try JSONValue.parse(out) else {
      Issue.record("bad python output")
      return
    }
    for (s, row) in zip(samples, rows) {
      guard case .array(let cols) = row, cols.count == 4 else { continue }
      let scalars = Array(s.unicodeScalars)
      let f = PythonText.float(scalars)
      switch cols[0] {
      case .null: #expect(f == nil, "float(\(s.debugDescription))")
      case .string(let repr):
        if repr == "nan" {
          #expect(f?.isNaN == true)
        } else {
          #expect(
            f == Double(repr) || (repr == "inf" && f == .infinity)
              || (repr == "-inf" && f == -.infinity), "float(\(s.debugDescription))")
        }
      default: Issue.record("unexpected")
      }
      #expect(cols[1] == .string(PythonText.strip(scalars[...]).string))
      #expect(cols[2] == .bool(PythonText.isDigits(scalars)), "isdigit \(s.debugDescription)")
      #expect(cols[3] == .array(PythonText.splitlines(scalars).map { .string($0.string) }))
    }
    // splitlines on every break Python knows.
    let breaks = "a\nb\rc\r\nd\u{0B}e\u{0C}f\u{1C}g\u{1D}h\u{1E}i\u{85}j\u{2028}k\u{2029}l\n"
    #expect(
      PythonText.splitlines(Array(breaks.unicodeScalars)).map(\.string)
        == "abcdefghijkl".map(String.init))
  }
}
