import SGGCore

/// Spec TOON (strict mode, ``ToonDecoder``) mapped to a scene graph: the "spec-failure" view of
/// validity (eval-protocols §4), next to the anchors' lenient readers.
///
/// The answer is located as ``DefaultParser`` does (``ExtractedAnswer``: thinking, answer tags,
/// fences), then decoded as a whole TOON document. The document must be an object with exactly
/// the keys `obj` and `rel`:
///
/// ```
/// obj[2]{id,name,x1,y1,x2,y2}:
///   1,person,281,272,524,438
///   2,tree,0,0,640,440
/// rel[1]{subj,pred,obj}:
///   1,in-front-of,2
/// ```
///
/// (`rel: []` or `rel[0]{subj,pred,obj}:` for no relations). Rows MUST be indented one level:
/// SceneGraphVLM's flush-left rows are a spec error. Any other key, e.g. Action Genome's
/// `rel_pairs`, is `malformed` with a message naming it.
///
/// Kinds: decoding errors → `malformed`, except fewer rows than declared (or a cut last row)
/// at the end of an open-ended answer (no closing tag or fence after it) → `truncated`; a
/// missing `obj`/`rel` or a missing row field → `missingField`; ids that are neither integers
/// nor strings, non-string names or predicates, a non-tabular `obj`/`rel` → `badField`;
/// non-number coordinates → `badBox`. Extra row fields are ignored with an `unknown_field`
/// warning. Ids are integer text (`1`) or the string as written; names and predicates are
/// refined.
public struct StrictToonParser: GraphTextParser {
  public init() {}

  public func parse(_ text: String) -> ParseResult {
    var copy = text
    return copy.withUTF8 { b -> ParseResult in
      switch AnswerExtractor.extract(b) {
      case .failure(let f): return ParseResult(failure: f)
      case .success(let answer):
        var result = Self.parseDocument(
          ByteText.string(b, answer.range), openEnded: answer.isOpenEnded)
        result.warnings.insert(contentsOf: answer.warnings, at: 0)
        return result
      }
    }
  }

  /// Decodes `document` (already extracted) and maps it. `openEnded`: whether the document's
  /// end is the end of the model output (then missing rows mean truncation).
  public static func parseDocument(_ document: String, openEnded: Bool = true) -> ParseResult {
    let value: JSONValue
    do throws(ToonDecodeError) {
      value = try ToonDecoder().decode(document)
    } catch {
      let kind: FailureKind = error.isTruncation && openEnded ? .truncated : .malformed
      return ParseResult(failure: ParseFailure(kind, "TOON \(error)"))
    }
    var warnings: [ParseWarning] = []
    switch graph(from: value, warnings: &warnings) {
    case .success(let g):
      return ParseResult(
        graph: g, warnings: warnings + GraphChecks.warnings(for: g, checkFinite: false))
    case .failure(let f): return ParseResult(failure: f, warnings: warnings)
    }
  }

  static let objectFields = ["id", "name", "x1", "y1", "x2", "y2"]
  static let relationFields = ["subj", "pred", "obj"]

  static func graph(from value: JSONValue, warnings: inout [ParseWarning]) -> Result<
    PredictedGraph, ParseFailure
  > {
    guard case .object(let members) = value else {
      return .failure(
        ParseFailure(
          .badField, "the TOON document is \(value.kind), expected `obj` and `rel` blocks"))
    }
    for m in members where m.key != "obj" && m.key != "rel" {
      return .failure(
        ParseFailure(.malformed, "unknown key `\(m.key)` (a scene graph has `obj` and `rel`)"))
    }
    guard let objValue = value["obj"] else {
      return .failure(ParseFailure(.missingField, "`obj` is missing"))
    }
    guard let relValue = value["rel"] else {
      return .failure(ParseFailure(.missingField, "`rel` is missing"))
    }
    let objRows: [[(key: String, value: JSONValue)]]
    switch rows(objValue, "obj", objectFields, &warnings) {
    case .success(let r): objRows = r
    case .failure(let f): return .failure(f)
    }
    let relRows: [[(key: String, value: JSONValue)]]
    switch rows(relValue, "rel", relationFields, &warnings) {
    case .success(let r): relRows = r
    case .failure(let f): return .failure(f)
    }
    var objects: [PredictedObject] = []
    for (i, row) in objRows.enumerated() {
      let n = i + 1
      func get(_ f: String) -> JSONValue? { row.first(where: { $0.key == f })?.value }
      guard let id = idText(get("id")) else {
        return .failure(
          ParseFailure(
            .badField,
            "obj row \(n): `id` is \(get("id")?.kind ?? .null), expected an integer or a string"))
      }
      guard case .string(let name)? = get("name") else {
        return .failure(
          ParseFailure(
            .badField, "obj row \(n): `name` is \(get("name")?.kind ?? .null), expected a string"))
      }
      var c: [Double] = []
      for f in ["x1", "y1", "x2", "y2"] {
        guard case .number(let v, _)? = get(f) else {
          return .failure(
            ParseFailure(
              .badBox, "obj row \(n): `\(f)` is \(get(f)?.kind ?? .null), expected a number"))
        }
        c.append(v)
      }
      objects.append(
        PredictedObject(
          id: id, label: LabelNormalizer.refine(name),
          box: Box(x1: c[0], y1: c[1], x2: c[2], y2: c[3])))
    }
    var relations: [PredictedRelation] = []
    for (i, row) in relRows.enumerated() {
      let n = i + 1
      func get(_ f: String) -> JSONValue? { row.first(where: { $0.key == f })?.value }
      guard let s = idText(get("subj")) else {
        return .failure(
          ParseFailure(
            .badField,
            "rel row \(n): `subj` is \(get("subj")?.kind ?? .null), expected an object id"))
      }
      guard let o = idText(get("obj")) else {
        return .failure(
          ParseFailure(
            .badField, "rel row \(n): `obj` is \(get("obj")?.kind ?? .null), expected an object id")
        )
      }
      guard case .string(let p)? = get("pred") else {
        return .failure(
          ParseFailure(
            .badField, "rel row \(n): `pred` is \(get("pred")?.kind ?? .null), expected a string"))
      }
      relations.append(
        PredictedRelation(subject: s, predicate: LabelNormalizer.refine(p), object: o))
    }
    return .success(PredictedGraph(objects: objects, relations: relations))
  }

  /// The rows of a tabular block, checking that every required field is present.
  static func rows(
    _ v: JSONValue, _ key: String, _ required: [String], _ warnings: inout [ParseWarning]
  ) -> Result<[[(key: String, value: JSONValue)]], ParseFailure> {
    guard case .array(let items) = v else {
      return .failure(
        ParseFailure(
          .badField,
          "`\(key)` is \(v.kind), expected a tabular array `\(key)[N]{\(required.joined(separator: ","))}:`"
        ))
    }
    var out: [[(key: String, value: JSONValue)]] = []
    var warnedExtra = false
    for (i, item) in items.enumerated() {
      guard case .object(let members) = item else {
        return .failure(
          ParseFailure(
            .badField,
            "`\(key)` item \(i + 1) is \(item.kind), expected a row of `\(key)[N]{\(required.joined(separator: ","))}:`"
          ))
      }
      for f in required where !members.contains(where: { $0.key == f }) {
        return .failure(ParseFailure(.missingField, "\(key) row \(i + 1): field `\(f)` is missing"))
      }
      if !warnedExtra, let extra = members.first(where: { !required.contains($0.key) }) {
        warnedExtra = true
        warnings.append(ParseWarning(.unknownField, "`\(key)` field `\(extra.key)` was ignored"))
      }
      out.append(members)
    }
    return .success(out)
  }

  /// An id cell: integer numbers as integer text, strings as written.
  static func idText(_ v: JSONValue?) -> String? {
    switch v {
    case .number(let d, true)? where abs(d) < 1e15: return String(Int(d))
    case .string(let s)? where !s.isEmpty: return s
    default: return nil
    }
  }
}
