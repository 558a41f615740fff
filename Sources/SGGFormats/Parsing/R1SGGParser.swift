import SGGCore

/// R1-SGG's answer extraction and failure rule (`src/sgg_gather_preds.py`, eval-protocols §2.2),
/// reproduced exactly:
///
/// ```
/// text = text.replace("```", " ").replace("json", " ").strip()   # every "json" substring
/// re.search(r"<answer>(.*?)</answer>", text, re.S) → group(1).strip()
/// else re.search(r"<answer>(.*)", text, re.S)      → rest.strip()
/// else the whole text
/// json.loads(remainder)                             # no brace scanning
/// ```
///
/// The answer is a failure when anything the anchor does raises: `json.loads`, a non-dict
/// root, a missing `objects`/`relationships` key, an object whose `bbox` is not a 4-element list
/// of numbers (`bool` passes because Python multiplies it; strings fail) or whose `id` is not a
/// string, a relation without a string `subject`/`predicate`/`object`. Containers are iterated
/// as Python iterates them: a dict iterates its keys (strings, which then fail), a string its
/// characters, so an empty string or empty dict in place of a list is NOT a failure. Empty
/// object lists are not failures either (the protocol decides what zero objects means).
///
/// Kinds: empty remainder → `noAnswer`; JSON that ends early → `truncated`; other JSON errors →
/// `malformed`; absent keys → `missingField`; wrong types → `badField`; bbox shape/type →
/// `badBox`.
///
/// The graph: object `id` refined (`LabelNormalizer.refine`), label =
/// `LabelNormalizer.r1sggCategory(ofID:)`; relation endpoints and predicate refined; boxes as
/// written (booleans as 0/1), in the model's own box space. Dangling relation ids, duplicate
/// ids and non-finite coordinates (Python accepts `NaN`) are warnings: the anchor drops or
/// keeps them later, in the gather step.
public struct R1SGGParser: GraphTextParser {
  public init() {}

  public func parse(_ text: String) -> ParseResult {
    let remainder = Self.extractAnswerBytes(text)
    if remainder.isEmpty {
      return ParseResult(failure: ParseFailure(.noAnswer, "nothing left after answer extraction"))
    }
    // Python's json.loads on a str rejects a leading BOM before parsing.
    if remainder.starts(with: [0xEF, 0xBB, 0xBF]) {
      return ParseResult(failure: ParseFailure(.malformed, "JSON: unexpected UTF-8 BOM"))
    }
    let root: JSONValue
    do throws(JSONParseError) {
      root = try JSONValue.parse(remainder)
    } catch {
      return ParseResult(
        failure: ParseFailure(error.isUnexpectedEnd ? .truncated : .malformed, "JSON: \(error)"))
    }
    var warnings: [ParseWarning] = []
    switch Self.graph(from: root, warnings: &warnings) {
    case .success(let graph):
      return ParseResult(graph: graph, warnings: warnings + GraphChecks.warnings(for: graph))
    case .failure(let failure):
      return ParseResult(failure: failure, warnings: warnings)
    }
  }

  /// The text R1-SGG hands to `json.loads`.
  public static func extractAnswer(_ text: String) -> String {
    String(decoding: extractAnswerBytes(text), as: UTF8.self)
  }

  /// ``extractAnswer(_:)`` as UTF-8 bytes. Every pattern is ASCII and an ASCII byte never occurs
  /// inside a multi-byte UTF-8 sequence, so replacing and searching bytes equals doing it on
  /// code points; only `strip` can meet non-ASCII whitespace, and then the code-point version
  /// runs instead.
  static func extractAnswerBytes(_ text: String) -> [UInt8] {
    var bytes = Array(text.utf8)
    bytes = ByteSearch.replace(bytes, Array("```".utf8), with: 0x20)
    bytes = ByteSearch.replace(bytes, Array("json".utf8), with: 0x20)
    guard let stripped = ByteSearch.asciiStrip(bytes[...]) else {
      return Array(scalarExtractAnswer(text).utf8)
    }
    let open = Array("<answer>".utf8)
    let close = Array("</answer>".utf8)
    guard let o = ByteSearch.find(stripped, open) else { return Array(stripped) }
    let innerStart = o + open.count
    let inner: ArraySlice<UInt8>
    if let c = ByteSearch.find(stripped, close, from: innerStart) {
      inner = stripped[innerStart..<c]
    } else {
      inner = stripped[innerStart...]
    }
    guard let result = ByteSearch.asciiStrip(inner) else {
      return Array(scalarExtractAnswer(text).utf8)
    }
    return Array(result)
  }

  /// The code-point implementation (exact for any whitespace Python's `strip` removes).
  static func scalarExtractAnswer(_ text: String) -> String {
    var s = Array(text.unicodeScalars)
    s = PythonText.replace(s, "```", " ")
    s = PythonText.replace(s, "json", " ")
    let stripped = PythonText.strip(s[...])
    let open = Array("<answer>".unicodeScalars)
    let close = Array("</answer>".unicodeScalars)
    guard let o = PythonText.find(stripped, open) else { return stripped.string }
    let innerStart = o + open.count
    if let c = PythonText.find(stripped, close, from: innerStart) {
      return PythonText.strip(stripped[innerStart..<c]).string
    }
    return PythonText.strip(stripped[innerStart...]).string
  }

  /// Python iteration of a value used as a list (`for x in value`): nil where Python raises
  /// `TypeError` (not iterable), otherwise the items (a dict yields its keys as strings, a
  /// string its characters).
  static func pythonIterate(_ v: JSONValue) -> [JSONValue]? {
    switch v {
    case .array(let items): return items
    case .object:
      var seen = Set<String>()
      var keys: [JSONValue] = []
      if case .object(let members) = v {
        for m in members where seen.insert(m.key).inserted { keys.append(.string(m.key)) }
      }
      return keys
    case .string(let s): return s.unicodeScalars.map { .string(String($0)) }
    default: return nil
    }
  }

  static func graph(from root: JSONValue, warnings: inout [ParseWarning]) -> Result<
    PredictedGraph, ParseFailure
  > {
    guard case .object = root else {
      return .failure(ParseFailure(.badField, "the JSON root is \(root.kind), expected an object"))
    }
    for k in root.duplicateKeys {
      warnings.append(
        ParseWarning(.duplicateKey, "key `\(k)` appears more than once; the last one is used"))
    }
    guard let objectsValue = root["objects"] else {
      return .failure(ParseFailure(.missingField, "`objects` is missing"))
    }
    guard let relationsValue = root["relationships"] else {
      return .failure(ParseFailure(.missingField, "`relationships` is missing"))
    }
    guard let objectItems = pythonIterate(objectsValue) else {
      return .failure(
        ParseFailure(.badField, "`objects` is \(objectsValue.kind), expected an array"))
    }
    var objects: [PredictedObject] = []
    objects.reserveCapacity(objectItems.count)
    for (i, item) in objectItems.enumerated() {
      let n = i + 1
      guard case .object = item else {
        return .failure(ParseFailure(.badField, "object \(n) is \(item.kind), expected an object"))
      }
      guard let bbox = item["bbox"] else {
        return .failure(ParseFailure(.missingField, "object \(n): `bbox` is missing"))
      }
      guard case .array(let coords) = bbox else {
        return .failure(
          ParseFailure(
            .badBox, "object \(n): `bbox` is \(bbox.kind), expected an array of 4 numbers"))
      }
      guard coords.count == 4 else {
        return .failure(
          ParseFailure(.badBox, "object \(n): `bbox` has \(coords.count) numbers, expected 4"))
      }
      var xyxy: [Double] = []
      for (j, c) in coords.enumerated() {
        switch c {
        case .number(let d, _): xyxy.append(d)
        case .bool(let b): xyxy.append(b ? 1 : 0)  // Python: True * scale works
        default:
          return .failure(
            ParseFailure(.badBox, "object \(n): `bbox[\(j)]` is \(c.kind), expected a number"))
        }
      }
      guard let idValue = item["id"] else {
        return .failure(ParseFailure(.missingField, "object \(n): `id` is missing"))
      }
      guard case .string(let rawID) = idValue else {
        return .failure(
          ParseFailure(.badField, "object \(n): `id` is \(idValue.kind), expected a string"))
      }
      let id = LabelNormalizer.refine(rawID)
      let label = LabelNormalizer.r1sggCategory(ofID: rawID)
      // What the model wrote before the clean-up, for the `cleaned` mapping statistic: it can
      // differ from the category only if the clean-up changed the id.
      let written =
        rawID == id
        ? nil : rawID.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)[0]
      objects.append(
        PredictedObject(
          id: id, label: label, box: Box(x1: xyxy[0], y1: xyxy[1], x2: xyxy[2], y2: xyxy[3]),
          writtenLabel: written.flatMap { $0 == label ? nil : String($0) }))
    }
    guard let relationItems = pythonIterate(relationsValue) else {
      return .failure(
        ParseFailure(.badField, "`relationships` is \(relationsValue.kind), expected an array"))
    }
    var relations: [PredictedRelation] = []
    relations.reserveCapacity(relationItems.count)
    for (i, item) in relationItems.enumerated() {
      let n = i + 1
      guard case .object = item else {
        return .failure(
          ParseFailure(.badField, "relationship \(n) is \(item.kind), expected an object"))
      }
      var parts: [String] = []
      var writtenPredicate: String?
      for field in ["subject", "predicate", "object"] {
        guard let v = item[field] else {
          return .failure(ParseFailure(.missingField, "relationship \(n): `\(field)` is missing"))
        }
        guard case .string(let s) = v else {
          return .failure(
            ParseFailure(.badField, "relationship \(n): `\(field)` is \(v.kind), expected a string")
          )
        }
        parts.append(LabelNormalizer.refine(s))
        if field == "predicate" && parts[1] != s { writtenPredicate = s }
      }
      relations.append(
        PredictedRelation(
          subject: parts[0], predicate: parts[1], object: parts[2],
          writtenPredicate: writtenPredicate))
    }
    return .success(PredictedGraph(objects: objects, relations: relations))
  }
}

/// Byte-level helpers for ASCII patterns in UTF-8 text.
enum ByteSearch {
  /// Python's `str.replace(pattern, " ")` for an ASCII pattern and replacement byte.
  static func replace(_ bytes: [UInt8], _ pattern: [UInt8], with replacement: UInt8) -> [UInt8] {
    guard bytes.count >= pattern.count, let first = pattern.first else { return bytes }
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var i = 0
    let n = bytes.count
    let m = pattern.count
    while i < n {
      if bytes[i] == first && i + m <= n && bytes[i..<(i + m)].elementsEqual(pattern) {
        out.append(replacement)
        i += m
      } else {
        out.append(bytes[i])
        i += 1
      }
    }
    return out
  }

  /// The first index of `pattern` at or after `start`.
  static func find(_ bytes: ArraySlice<UInt8>, _ pattern: [UInt8], from start: Int? = nil) -> Int? {
    let m = pattern.count
    var i = start ?? bytes.startIndex
    guard let first = pattern.first else { return i }
    while i + m <= bytes.endIndex {
      if bytes[i] == first && bytes[i..<(i + m)].elementsEqual(pattern) { return i }
      i += 1
    }
    return nil
  }

  /// Python's `strip()` when both ends are ASCII: strips `\t\n\v\f\r`, `\x1c`–`\x1f` and space.
  /// Nil when the first or last kept byte is non-ASCII (it might be Unicode whitespace).
  static func asciiStrip(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8>? {
    func isSpace(_ b: UInt8) -> Bool { (0x09...0x0D).contains(b) || (0x1C...0x20).contains(b) }
    guard let start = bytes.firstIndex(where: { !isSpace($0) }) else {
      return bytes[bytes.endIndex...]
    }
    let end = bytes.lastIndex(where: { !isSpace($0) })!
    if bytes[start] >= 0x80 || bytes[end] >= 0x80 { return nil }
    return bytes[start...end]
  }
}
