import SGGCore

/// Our clean parsing protocol: tolerant of how models wrap answers, strict and precise about
/// the graph itself.
///
/// **Locating the answer**: see ``ExtractedAnswer`` (strip a leading `<think>…</think>`, the
/// last `<answer>…</answer>` block or the text after a lone `<answer>`, a ```` ```json ````
/// / ```` ```toon ```` fence).
///
/// **Format**: ``GraphFormat/json`` or ``GraphFormat/toon`` when forced. With
/// ``GraphFormat/auto``: JSON when the answer's first non-space character is `{`; else the
/// fence's info string; else TOON when a line contains an `obj[` header; else JSON when the
/// text contains `{`; else TOON.
///
/// **JSON**: the first top-level `{…}` is parsed, from the first `{` to where that object
/// ends (prose before or after it is ignored with a `text_outside_graph` warning). An object
/// that never closes is `truncated`; a syntax error inside it is `malformed`.
/// Schema: R1-SGG's (`objects` with string `id` and 4-number `bbox`, `relationships` with
/// string `subject`/`predicate`/`object`), but every violation is reported with its position:
/// unlike the anchor, booleans and non-finite numbers are NOT coordinates (`badBox`). Other
/// members (`label`, `score`, …) are ignored. A repeated key keeps the last value (Python
/// semantics) with a `duplicate_key` warning. Ids are refined and the label is the id's
/// category (`person.1` → `person`), as in R1-SGG, so relations can name `Person.1`.
///
/// **TOON**: blocks start at header lines `obj[N]{…}:` and `rel[M]{…}:` (key ASCII
/// case-insensitive, spaces allowed inside the brackets, a `|` or tab delimiter declared in the
/// brackets is honoured); rows are read leniently by position like SceneGraphVLM (object rows
/// `id,name,x1,y1,x2,y2` with integer ids and integer OR float coordinates; relation rows
/// `subj,pred,obj`; csv quoting; indentation ignored; unreadable rows skipped with a
/// `skipped_row` warning). Unlike the anchor the declared counts are checked: a block with
/// fewer rows than declared (or whose last row is cut) at the end of an open-ended answer is
/// `truncated`; elsewhere a count difference is a `row_count_mismatch` warning. Any other
/// header key (e.g. the Action Genome `rel_pairs[N]{…}:`) is `malformed`. No `rel` block is a
/// `missing_relations` warning. Corners are kept as written (no swapping).
///
/// A graph with zero objects is returned as a graph; whether that counts as `noObjects` is
/// the scoring protocol's decision.
public struct DefaultParser: GraphTextParser {
  public var format: GraphFormat

  public init(format: GraphFormat = .auto) {
    self.format = format
  }

  public func parse(_ text: String) -> ParseResult {
    var copy = text
    return copy.withUTF8 { parse(utf8: $0) }
  }

  /// Parses UTF-8 bytes (no copy on the JSONL hot path).
  public func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> ParseResult {
    let answer: ExtractedAnswer
    switch AnswerExtractor.extract(b) {
    case .failure(let f): return ParseResult(failure: f)
    case .success(let a): answer = a
    }
    var resolved = format
    if resolved == .auto {
      if b[answer.range.lowerBound] == UInt8(ascii: "{") {
        resolved = .json
      } else if answer.hint != .auto {
        resolved = answer.hint
      } else if ByteText.findCI(b, "obj", in: answer.range).map({ _ in
        Self.containsToonHeader(b, answer.range)
      }) ?? false {
        resolved = .toon
      } else if ByteText.index(of: UInt8(ascii: "{"), in: b, answer.range) != nil {
        resolved = .json
      } else {
        resolved = .toon
      }
    }
    var result =
      resolved == .json ? DefaultJSONGraph.parse(b, answer) : DefaultToonGraph.parse(b, answer)
    result.warnings.insert(contentsOf: answer.warnings, at: 0)
    return result
  }

  static func containsToonHeader(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    var lo = range.lowerBound
    while lo < range.upperBound {
      let nl = ByteText.index(of: 0x0A, in: b, lo..<range.upperBound) ?? range.upperBound
      if let h = ToonHeaderLine.parse(b, lo..<nl), h.key.lowercased() == "obj" { return true }
      lo = nl + 1
    }
    return false
  }
}

/// The JSON half of ``DefaultParser`` (pull reader, no tree).
enum DefaultJSONGraph {
  static func parse(_ b: UnsafeBufferPointer<UInt8>, _ answer: ExtractedAnswer) -> ParseResult {
    var warnings: [ParseWarning] = []
    guard let start = ByteText.index(of: UInt8(ascii: "{"), in: b, answer.range) else {
      return ParseResult(failure: ParseFailure(.malformed, "no JSON object (`{`) in the answer"))
    }
    if !ByteText.isBlank(b, answer.range.lowerBound..<start) {
      warnings.append(ParseWarning(.textOutsideGraph, "text before the JSON object was ignored"))
    }
    // The pull reader stops at the end of the first object, so the object is "the first
    // balanced `{…}`" without a separate scanning pass; running out of input inside it is
    // truncation.
    let raw = UnsafeRawBufferPointer(
      UnsafeBufferPointer(rebasing: b[start..<answer.range.upperBound]))
    var r = JSONReader(bytes: raw)
    do {
      let graph = try readGraph(&r, &warnings)
      if !ByteText.isBlank(b, (start + r.offset)..<answer.range.upperBound) {
        warnings.append(ParseWarning(.textOutsideGraph, "text after the JSON object was ignored"))
      }
      return ParseResult(
        graph: graph, warnings: warnings + GraphChecks.warnings(for: graph, checkFinite: false))
    } catch let f as ParseFailure {
      return ParseResult(failure: f, warnings: warnings)
    } catch let e as JSONParseError {
      if e.isUnexpectedEnd {
        let whereEnds = answer.isOpenEnded ? "the output" : "the answer"
        return ParseResult(
          failure: ParseFailure(
            .truncated, "the JSON object is not closed before the end of \(whereEnds)"),
          warnings: warnings)
      }
      return ParseResult(
        failure: ParseFailure(.malformed, "JSON at byte \(e.offset) of the object: \(e.message)"),
        warnings: warnings)
    } catch {
      return ParseResult(failure: ParseFailure(.malformed, "JSON: \(error)"), warnings: warnings)
    }
  }

  static func refined(_ key: JSONKey) -> String {
    key.hasEscapes ? LabelNormalizer.refine(key.string) : FastLabel.refine(key.raw)
  }

  static func readGraph(_ r: inout JSONReader, _ warnings: inout [ParseWarning]) throws
    -> PredictedGraph
  {
    try r.beginObject()
    var objects: [PredictedObject]? = nil
    var relations: [PredictedRelation]? = nil
    while let key = try r.nextKey() {
      if key.matches("objects") {
        if objects != nil {
          warnings.append(
            ParseWarning(.duplicateKey, "`objects` appears more than once; the last one is used"))
        }
        objects = try readObjects(&r)
      } else if key.matches("relationships") {
        if relations != nil {
          warnings.append(
            ParseWarning(
              .duplicateKey, "`relationships` appears more than once; the last one is used"))
        }
        relations = try readRelations(&r)
      } else {
        warnings.append(ParseWarning(.unknownField, "member `\(key.string)` was ignored"))
        try r.skipValue()
      }
    }
    guard let objects else { throw ParseFailure(.missingField, "`objects` is missing") }
    guard let relations else { throw ParseFailure(.missingField, "`relationships` is missing") }
    return PredictedGraph(objects: objects, relations: relations)
  }

  static func readObjects(_ r: inout JSONReader) throws -> [PredictedObject] {
    let kind = try r.peekKind()
    guard kind == .array else {
      throw ParseFailure(.badField, "`objects` is \(kind), expected an array")
    }
    try r.beginArray()
    var out: [PredictedObject] = []
    var n = 0
    while try r.nextElement() {
      n += 1
      let k = try r.peekKind()
      guard k == .object else {
        throw ParseFailure(.badField, "object \(n) is \(k), expected an object")
      }
      try r.beginObject()
      var id: String? = nil
      var box: Box? = nil
      while let key = try r.nextKey() {
        if key.matches("id") {
          let vk = try r.peekKind()
          guard vk == .string else {
            throw ParseFailure(.badField, "object \(n): `id` is \(vk), expected a string")
          }
          id = refined(try r.readRawString())
        } else if key.matches("bbox") {
          box = try readBox(&r, n)
        } else {
          try r.skipValue()
        }
      }
      guard let id else { throw ParseFailure(.missingField, "object \(n): `id` is missing") }
      guard let box else { throw ParseFailure(.missingField, "object \(n): `bbox` is missing") }
      out.append(PredictedObject(id: id, label: FastLabel.category(ofRefined: id), box: box))
    }
    return out
  }

  static func readBox(_ r: inout JSONReader, _ n: Int) throws -> Box {
    let kind = try r.peekKind()
    guard kind == .array else {
      throw ParseFailure(.badBox, "object \(n): `bbox` is \(kind), expected an array of 4 numbers")
    }
    try r.beginArray()
    var c = (0.0, 0.0, 0.0, 0.0)
    var count = 0
    while try r.nextElement() {
      let k = try r.peekKind()
      guard k == .number else {
        throw ParseFailure(.badBox, "object \(n): `bbox[\(count)]` is \(k), expected a number")
      }
      let v = try r.readDouble()
      guard v.isFinite else {
        throw ParseFailure(
          .badBox, "object \(n): `bbox[\(count)]` is \(v), expected a finite number")
      }
      switch count {
      case 0: c.0 = v
      case 1: c.1 = v
      case 2: c.2 = v
      case 3: c.3 = v
      default: break
      }
      count += 1
    }
    guard count == 4 else {
      throw ParseFailure(.badBox, "object \(n): `bbox` has \(count) numbers, expected 4")
    }
    return Box(x1: c.0, y1: c.1, x2: c.2, y2: c.3)
  }

  static func readRelations(_ r: inout JSONReader) throws -> [PredictedRelation] {
    let kind = try r.peekKind()
    guard kind == .array else {
      throw ParseFailure(.badField, "`relationships` is \(kind), expected an array")
    }
    try r.beginArray()
    var out: [PredictedRelation] = []
    var n = 0
    while try r.nextElement() {
      n += 1
      let k = try r.peekKind()
      guard k == .object else {
        throw ParseFailure(.badField, "relationship \(n) is \(k), expected an object")
      }
      try r.beginObject()
      var s: String? = nil
      var p: String? = nil
      var o: String? = nil
      while let key = try r.nextKey() {
        let field: StaticString
        if key.matches("subject") {
          field = "subject"
        } else if key.matches("predicate") {
          field = "predicate"
        } else if key.matches("object") {
          field = "object"
        } else {
          try r.skipValue()
          continue
        }
        let vk = try r.peekKind()
        guard vk == .string else {
          throw ParseFailure(.badField, "relationship \(n): `\(field)` is \(vk), expected a string")
        }
        let v = refined(try r.readRawString())
        switch field.utf8Start[0] {
        case UInt8(ascii: "s"): s = v
        case UInt8(ascii: "p"): p = v
        default: o = v
        }
      }
      guard let s else {
        throw ParseFailure(.missingField, "relationship \(n): `subject` is missing")
      }
      guard let p else {
        throw ParseFailure(.missingField, "relationship \(n): `predicate` is missing")
      }
      guard let o else {
        throw ParseFailure(.missingField, "relationship \(n): `object` is missing")
      }
      out.append(PredictedRelation(subject: s, predicate: p, object: o))
    }
    return out
  }
}
