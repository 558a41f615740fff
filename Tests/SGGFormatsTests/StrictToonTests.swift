import SGGCore
import Testing

@testable import SGGFormats

@Suite struct ToonDecoderTests {
  func decode(_ s: String) throws(ToonDecodeError) -> JSONValue { try ToonDecoder().decode(s) }

  func error(_ s: String) -> ToonDecodeError? {
    do throws(ToonDecodeError) {
      _ = try decode(s)
      return nil
    } catch {
      return error
    }
  }

  @Test func objectsFieldsAndPrimitives() throws {
    let v = try decode(
      "a: 1\nb: -0.5\nc: true\nd: null\ne: hello world\nf: \"quoted: \\\"x\\\"\\n\"\ng: 05\nh:\n  i: 1e3\nj: \"\"\nk: []"
    )
    #expect(
      v
        == .object([
          ("a", .number(1, isInteger: true)), ("b", .number(-0.5, isInteger: false)),
          ("c", .bool(true)), ("d", .null),
          ("e", .string("hello world")), ("f", .string("quoted: \"x\"\n")), ("g", .string("05")),
          ("h", .object([("i", .number(1000, isInteger: false))])), ("j", .string("")),
          ("k", .array([])),
        ]))
  }

  @Test func tabularInlineAndListArrays() throws {
    let v = try decode(
      "t[2]{id,name}:\n  1,a b\n  2,\"c,d\"\nn[3]: 1,x,true\np[2|]: a,b|c\nl[3]:\n  - 1\n  - [2]: x,y\n  - k: v\n    m: 2\ne[0]:"
    )
    #expect(
      v
        == .object([
          (
            "t",
            .array([
              .object([("id", .number(1, isInteger: true)), ("name", .string("a b"))]),
              .object([("id", .number(2, isInteger: true)), ("name", .string("c,d"))]),
            ])
          ),
          ("n", .array([.number(1, isInteger: true), .string("x"), .bool(true)])),
          ("p", .array([.string("a,b"), .string("c")])),
          (
            "l",
            .array([
              .number(1, isInteger: true), .array([.string("x"), .string("y")]),
              .object([("k", .string("v")), ("m", .number(2, isInteger: true))]),
            ])
          ),
          ("e", .array([])),
        ]))
    #expect(
      try decode("[2]: 1,2") == .array([.number(1, isInteger: true), .number(2, isInteger: true)]))
    #expect(try decode("42") == .number(42, isInteger: true))
    #expect(
      try decode("# comment\n\na: 1\n  # indented comment\n")
        == .object([("a", .number(1, isInteger: true))]))
  }

  @Test func strictModeErrors() {
    #expect(error("t[3]{a,b}:\n  1,2\n  3,4")?.isTruncation == true)
    #expect(error("t[3]{a,b}:\n  1,2\n  3,4\nx: 1")?.isTruncation == false)
    #expect(error("t[2]{a,b}:\n  1,2\n  3")?.isTruncation == true)  // cut last row
    #expect(
      error("t[2]{a,b}:\n  1,2\n  3\n  4,5")?.message
        == "`t`: row 2 has 1 values, the header declares 2 fields")
    #expect(error("t[1]{a,b}:\n  1,2\n  3,4")?.message == "`t`: more rows than the declared 1")
    #expect(
      error("t[2]{a,b}:\n  1,2\n\n  3,4")?.message == "`t`: blank line inside the array's rows")
    #expect(error("t[03]{a}:\n  1")?.message.contains("leading zero") == true)
    #expect(error("t[]: 1")?.message.contains("invalid array length") == true)
    #expect(error("t[-1]: 1")?.message.contains("invalid array length") == true)
    #expect(error("t[#2]: 1,2")?.message.contains("v2.0") == true)
    #expect(error("t[2]{a|b}:\n  1,2\n  3,4")?.message.contains("delimiter") == true)
    #expect(error("t[2:]{a}:\n  x: 1")?.message.contains("keyed tabular") == true)
    #expect(error("t[1]{a,b{c}}:\n  1,2")?.message.contains("nested field groups") == true)
    #expect(error("a: 1\na: 2")?.message == "duplicate key `a`")
    #expect(error("a:\n   b: 1")?.message.contains("multiple of 2") == true)
    #expect(error("a:\n\tb: 1")?.message == "tab in indentation")
    #expect(error("a: 1\n    b: 2")?.message.contains("unexpected indentation") == true)
    #expect(error("n[3]: 1,2")?.message == "`n`: declares 3 values, found 2")
    #expect(error("[1]: 1\nx: 2") != nil)
    #expect(error("a: \"unterminated") != nil)
    #expect(error("a: \"bad \\q escape\"") != nil)
    // Flush-left rows after a tabular header: named precisely.
    #expect(error("t[1]{a,b}:\n1,2")?.message.contains("indented one level") == true)
  }

  @Test func rowVersusKeyValueDisambiguation() throws {
    // A colon inside a row's quoted cell stays a row; `k: v` at row depth ends the rows and is
    // then a depth error (it would belong to the array, which is not an object).
    #expect(
      try decode("t[1]{a,b}:\n  \"x:y\",2")
        == .object([
          ("t", .array([.object([("a", .string("x:y")), ("b", .number(2, isInteger: true))])]))
        ]))
    #expect(error("t[1]{a,b}:\n  1,2\n  k: v") != nil)
    // Delimiter before colon ⇒ row.
    #expect(
      try decode("t[1]{a,b}:\n  x,y:z")
        == .object([("t", .array([.object([("a", .string("x")), ("b", .string("y:z"))])]))]))
  }
}

@Suite struct StrictToonParserTests {
  let parser = StrictToonParser()
  let doc =
    "obj[2]{id,name,x1,y1,x2,y2}:\n  1,person,281,272,524.5,438\n  2,window-other,0,0,640,440\nrel[1]{subj,pred,obj}:\n  1,in-front-of,2"

  @Test func validDocument() throws {
    let r = parser.parse("<answer>\n\(doc)\n</answer>")
    let g = try #require(r.graph)
    #expect(
      g
        == PredictedGraph(
          objects: [
            PredictedObject(
              id: "1", label: "person", box: Box(x1: 281, y1: 272, x2: 524.5, y2: 438)),
            PredictedObject(
              id: "2", label: "window other", box: Box(x1: 0, y1: 0, x2: 640, y2: 440)),
          ],
          relations: [PredictedRelation(subject: "1", predicate: "in front of", object: "2")]))
    #expect(r.warnings.isEmpty)
    #expect(parser.parse("obj[0]{id,name,x1,y1,x2,y2}:\nrel: []").graph == PredictedGraph())
  }

  @Test func failureKinds() {
    func f(_ s: String) -> ParseFailure? { parser.parse(s).failure }
    // Fewer rows than declared at the end of an open-ended output: truncated …
    #expect(f("obj[3]{id,name,x1,y1,x2,y2}:\n  1,a,1,2,3,4")?.kind == .truncated)
    #expect(
      f("obj[1]{id,name,x1,y1,x2,y2}:\n  1,a,1,2,3,4\nrel[1]{subj,pred,obj}:\n  1,on")?.kind
        == .truncated)
    // … but inside a closed answer the same document is just malformed.
    #expect(f("<answer>obj[3]{id,name,x1,y1,x2,y2}:\n  1,a,1,2,3,4</answer>")?.kind == .malformed)
    #expect(f("obj[1]{id,name,x1,y1,x2,y2}:\n  1,a,1,2,3\nrel: []")?.kind == .malformed)
    // The anchor's flush-left rows are a spec error.
    #expect(f("obj[1]{id,name,x1,y1,x2,y2}:\n1,a,1,2,3,4\nrel: []")?.kind == .malformed)
    #expect(
      f("obj[1]{id,name,x1,y1,x2,y2}:\n  1,a,1,2,3,4")
        == ParseFailure(.missingField, "`rel` is missing"))
    #expect(f("rel: []") == ParseFailure(.missingField, "`obj` is missing"))
    #expect(
      f(
        "obj[1]{id,name,x1,y1,x2,y2}:\n  1,a,1,2,3,4\nrel_pairs[1]{subj,attention,spatial,contacting,obj}:\n  1,x,y,z,1"
      )
        == ParseFailure(.malformed, "unknown key `rel_pairs` (a scene graph has `obj` and `rel`)"))
    #expect(
      f("obj[1]{id,name,x1,y1,x2}:\n  1,a,1,2,3\nrel: []")
        == ParseFailure(.missingField, "obj row 1: field `y2` is missing"))
    #expect(
      f("obj[1]{id,name,x1,y1,x2,y2}:\n  1,a,1,2,three,4\nrel: []")
        == ParseFailure(.badBox, "obj row 1: `x2` is a string, expected a number"))
    #expect(f("obj[1]{id,name,x1,y1,x2,y2}:\n  1.5,a,1,2,3,4\nrel: []")?.kind == .badField)
    #expect(f("obj[1]{id,name,x1,y1,x2,y2}:\n  1,\"7\",1,2,3,4\nrel: []") == nil)
    #expect(
      f("obj[1]{id,name,x1,y1,x2,y2}:\n  1,7,1,2,3,4\nrel: []")
        == ParseFailure(.badField, "obj row 1: `name` is a number, expected a string"))
    #expect(f("obj[2]: 1,2\nrel: []")?.kind == .badField)
    #expect(f("just text")?.kind == .badField)
    #expect(f("")?.kind == .noAnswer)
  }
}
