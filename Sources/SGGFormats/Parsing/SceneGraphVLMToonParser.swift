import SGGCore

/// SceneGraphVLM's lenient PSG/PVSG TOON parser (`eval_sgg_metrics_with_qwen.py`:
/// `_normalize_toon_text`, `_parse_toon`, `parse_toon_scene`; eval-protocols §3.2), reproduced
/// on Unicode scalars with Python `str` semantics (`strip`, `splitlines`, `isdigit`, regex `\s`,
/// `\d`, `float()`, `csv.reader(skipinitialspace=True)`).
///
/// Quirks kept on purpose (parity):
/// * declared counts `obj[N]` / `rel[M]` are ignored;
/// * with no `obj[...]` header the first line with ≥5 commas that starts with `\d+,` is the
///   header line;
/// * with no `rel[...]` header, the first line after the object header with ≥2 commas, a
///   leading integer and an all-digit third field becomes the relation header. An ordinary
///   object row with an integer `x1` qualifies, so output that lacks `rel[...]` (typically
///   cut by the token limit) yields ZERO objects and is invalid; float coordinates do not
///   trigger this;
/// * text after the first `:` of a header line is read as a row;
/// * object rows need ≥6 csv fields, field 0 all digits, 4 `float()` coordinates in fields 2–5;
///   bad rows are skipped silently; a line starting with `rel[` stops the object rows;
/// * relation rows need ≥3 fields with fields 0 and 2 all digits; dangling ids, self loops and
///   duplicates are kept; a "digit" that `int()` rejects (a superscript) aborts the whole
///   parse, as the uncaught `ValueError` does in the anchor;
/// * reversed corners are swapped (Python `sorted((x1, x2))`, which leaves a NaN pair in input
///   order).
///
/// Valid ⇔ at least one object. Ids are the TOON integers as text (`int()` then `str()`, so
/// `007` → `7`); names and predicates are `refine`d.
///
/// Failure kinds: nothing left after thinking/answer stripping → `noAnswer`; the `int()`
/// abort → `malformed`; every other invalid output → `noObjects` (the anchor's only notion),
/// with a message saying why.
public struct SceneGraphVLMToonParser: GraphTextParser {
  public init() {}

  public func parse(_ text: String) -> ParseResult {
    let normalized = Self.normalize(text)
    if normalized.isEmpty {
      return ParseResult(failure: ParseFailure(.noAnswer, "empty prediction"))
    }
    switch Self.parseToon(normalized) {
    case .failure(let f): return ParseResult(failure: f)
    case .success(let (objects, relations, quirk)):
      if objects.isEmpty {
        let why =
          quirk
          ? "no objects parsed (no `rel[...]` header: an object row was taken as the relation header)"
          : "no objects parsed"
        return ParseResult(failure: ParseFailure(.noObjects, why))
      }
      var warnings: [ParseWarning] = []
      var out: [PredictedObject] = []
      for (i, o) in objects.enumerated() {
        let (x1, x2) = Self.pythonSorted(o.box.x1, o.box.x2)
        let (y1, y2) = Self.pythonSorted(o.box.y1, o.box.y2)
        let box = Box(x1: x1, y1: y1, x2: x2, y2: y2)
        if box != o.box && !(o.box.x1.isNaN || o.box.x2.isNaN || o.box.y1.isNaN || o.box.y2.isNaN) {
          warnings.append(
            ParseWarning(.swappedCorners, "object \(i + 1): reversed corners swapped"))
        }
        out.append(PredictedObject(id: o.id, label: o.label, box: box))
      }
      let graph = PredictedGraph(objects: out, relations: relations)
      return ParseResult(graph: graph, warnings: warnings + GraphChecks.warnings(for: graph))
    }
  }

  /// Python `sorted((a, b))` for two floats: swaps only when `b < a`.
  static func pythonSorted(_ a: Double, _ b: Double) -> (Double, Double) { b < a ? (b, a) : (a, b) }

  // MARK: _normalize_toon_text

  /// `_strip_thinking_qwen35` then `_unwrap_answer_tags`, then `strip()`.
  public static func normalize(_ text: String) -> String {
    let t = stripThinking(Array(text.unicodeScalars))
    let u = unwrapAnswerTags(t)
    return PythonText.strip(u[...]).string
  }

  static let thinkEnd = Array("</think>".unicodeScalars)

  /// `_strip_thinking_qwen35`.
  static func stripThinking(_ text: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var s = Array(PythonText.strip(text[...]))
    while let idx = PythonText.find(s[...], thinkEnd) {
      let prefix = Array(s[..<idx])
      let suffix = Array(PythonText.lstrip(s[(idx + thinkEnd.count)...]))
      if hasHeaderLine(prefix) {
        if suffix.isEmpty { return Array(PythonText.strip(prefix[...])) }
        return Array(PythonText.strip((prefix + ["\n"] + suffix)[...]))
      }
      if suffix.isEmpty { return Array(PythonText.strip(prefix[...])) }
      s = suffix
    }
    return s
  }

  /// `^\s*obj\[\d+\]\{id,name` or `^\s*rel\[\d+\]\{subj,pred,obj\}` with `re.MULTILINE`
  /// (`^` after every `\n`; `\s*` may itself run across lines).
  static func hasHeaderLine(_ s: [Unicode.Scalar]) -> Bool {
    let obj = Array("obj[".unicodeScalars)
    let objTail = Array("]{id,name".unicodeScalars)
    let rel = Array("rel[".unicodeScalars)
    let relTail = Array("]{subj,pred,obj}".unicodeScalars)
    var lineStarts = [0]
    for (i, u) in s.enumerated() where u == "\n" { lineStarts.append(i + 1) }
    func matches(at start: Int, _ head: [Unicode.Scalar], _ tail: [Unicode.Scalar]) -> Bool {
      var i = start
      while i < s.count && PythonText.isSpace(s[i]) { i += 1 }
      guard i + head.count <= s.count, s[i..<(i + head.count)].elementsEqual(head) else {
        return false
      }
      i += head.count
      let digitsStart = i
      while i < s.count && PythonText.isDecimal(s[i]) { i += 1 }
      guard i > digitsStart, i + tail.count <= s.count else { return false }
      return s[i..<(i + tail.count)].elementsEqual(tail)
    }
    return lineStarts.contains { matches(at: $0, obj, objTail) || matches(at: $0, rel, relTail) }
  }

  /// Matches `<answer\s*>` (open) or `</answer\s*>` (close) at `i`, case-insensitively;
  /// returns the index after the tag.
  static func answerTag(_ s: [Unicode.Scalar], at i: Int, closing: Bool) -> Int? {
    var j = i
    guard j < s.count, s[j] == "<" else { return nil }
    j += 1
    if closing {
      guard j < s.count, s[j] == "/" else { return nil }
      j += 1
    }
    for c in "answer".utf8 {
      guard j < s.count, PythonText.equalsIgnoringCase(s[j], c) else { return nil }
      j += 1
    }
    while j < s.count && PythonText.isSpace(s[j]) { j += 1 }
    guard j < s.count, s[j] == ">" else { return nil }
    return j + 1
  }

  /// `_unwrap_answer_tags`.
  static func unwrapAnswerTags(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    guard !s.isEmpty else { return s }
    // re.finditer(r"<answer\s*>([\s\S]*?)</answer\s*>", IGNORECASE): non-overlapping, lazy.
    var blocks: [Range<Int>] = []
    var i = 0
    while i < s.count {
      guard let innerStart = answerTag(s, at: i, closing: false) else {
        i += 1
        continue
      }
      var j = innerStart
      var found: (Int, Int)? = nil
      while j < s.count {
        if let after = answerTag(s, at: j, closing: true) {
          found = (j, after)
          break
        }
        j += 1
      }
      guard let (closeStart, after) = found else { break }  // no later match can close either
      blocks.append(innerStart..<closeStart)
      i = after
    }
    if !blocks.isEmpty {
      for b in blocks.reversed() {
        let inner = PythonText.strip(s[b])
        if !inner.isEmpty && containsObjBracket(inner) { return Array(inner) }
      }
      let last = PythonText.strip(s[blocks[blocks.count - 1]])
      if !last.isEmpty { return Array(last) }
    }
    return removingAnswerTags(s)
  }

  /// `re.sub(r"<\/?answer\s*>", " ", text, flags=re.IGNORECASE)`.
  static func removingAnswerTags(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
      if let after = answerTag(s, at: i, closing: false) ?? answerTag(s, at: i, closing: true) {
        out.append(" ")
        i = after
      } else {
        out.append(s[i])
        i += 1
      }
    }
    return out
  }

  /// `re.search(r"obj\s*\[\s*\d+\s*\]", inner, IGNORECASE)`.
  static func containsObjBracket(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
    var i = s.startIndex
    while i < s.endIndex {
      if matchKeyBracket(s, at: i, key: "obj") != nil { return true }
      i += 1
    }
    return false
  }

  /// Matches `key\s*\[\s*\d+\s*\]` at `i` (case-insensitive key); returns the index after `]`.
  static func matchKeyBracket(_ s: ArraySlice<Unicode.Scalar>, at start: Int, key: String) -> Int? {
    var i = start
    for c in key.utf8 {
      guard i < s.endIndex, PythonText.equalsIgnoringCase(s[i], c) else { return nil }
      i += 1
    }
    while i < s.endIndex && PythonText.isSpace(s[i]) { i += 1 }
    guard i < s.endIndex, s[i] == "[" else { return nil }
    i += 1
    while i < s.endIndex && PythonText.isSpace(s[i]) { i += 1 }
    let d = i
    while i < s.endIndex && PythonText.isDecimal(s[i]) { i += 1 }
    guard i > d else { return nil }
    while i < s.endIndex && PythonText.isSpace(s[i]) { i += 1 }
    guard i < s.endIndex, s[i] == "]" else { return nil }
    return i + 1
  }

  /// `TOON_OBJ_HEADER` / `TOON_REL_HEADER`: `key\s*\[\s*\d+\s*\]\s*\{.*?\}\s*:` searched anywhere
  /// in the line (`.` excludes only `\n`, which a split line cannot contain).
  static func hasHeader(_ line: ArraySlice<Unicode.Scalar>, key: String) -> Bool {
    var i = line.startIndex
    while i < line.endIndex {
      if var j = matchKeyBracket(line, at: i, key: key) {
        while j < line.endIndex && PythonText.isSpace(line[j]) { j += 1 }
        if j < line.endIndex && line[j] == "{" {
          // Lazy `.*?\}` followed by `\s*:`: any `}` whose next non-space is `:`.
          var k = j + 1
          while k < line.endIndex {
            if line[k] == "}" {
              var m = k + 1
              while m < line.endIndex && PythonText.isSpace(line[m]) { m += 1 }
              if m < line.endIndex && line[m] == ":" { return true }
            }
            k += 1
          }
        }
      }
      i += 1
    }
    return false
  }

  /// `re.match(r"\s*\d+\s*,", ln)`.
  static func startsWithIntComma(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
    var i = line.startIndex
    while i < line.endIndex && PythonText.isSpace(line[i]) { i += 1 }
    let d = i
    while i < line.endIndex && PythonText.isDecimal(line[i]) { i += 1 }
    guard i > d else { return false }
    while i < line.endIndex && PythonText.isSpace(line[i]) { i += 1 }
    return i < line.endIndex && line[i] == ","
  }

  static func commaCount(_ line: ArraySlice<Unicode.Scalar>) -> Int {
    line.reduce(0) { $0 + ($1 == "," ? 1 : 0) }
  }

  /// `ln.split(":", 1)[1].strip()` if the line has a `:`.
  static func headerTail(_ line: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar>? {
    guard let c = line.firstIndex(of: ":") else { return nil }
    let tail = PythonText.strip(line[(c + 1)...])
    return tail.isEmpty ? nil : tail
  }

  static func csvRow(_ line: ArraySlice<Unicode.Scalar>) -> [ArraySlice<Unicode.Scalar>] {
    pythonCSVFields(line, comma: ",", quote: "\"", space: " ").map { $0[...] }
  }

  // MARK: _parse_toon

  /// `_parse_toon` on normalized text: objects (unsorted corners), relations, and whether the
  /// missing-`rel` fallback chose a relation header.
  static func parseToon(_ text: String) -> Result<
    ([PredictedObject], [PredictedRelation], Bool), ParseFailure
  > {
    var cleaned = PythonText.replace(Array(text.unicodeScalars), "```", " ")
    cleaned = removingAnswerTags(cleaned)
    let lines = PythonText.splitlines(cleaned).filter { !PythonText.strip($0).isEmpty }.map {
      PythonText.rstrip($0)
    }
    var objStart: Int? = nil
    var relStart: Int? = nil
    for (i, ln) in lines.enumerated() {
      if objStart == nil && hasHeader(ln, key: "obj") { objStart = i }
      if relStart == nil && hasHeader(ln, key: "rel") { relStart = i }
    }
    if objStart == nil {
      objStart = lines.firstIndex { commaCount($0) >= 5 && startsWithIntComma($0) }
    }
    guard let objStart else {
      return .failure(ParseFailure(.noObjects, "cannot locate the obj block"))
    }
    var fallbackUsed = false
    if relStart == nil {
      for i in (objStart + 1)..<max(objStart + 1, lines.count) {
        let ln = lines[i]
        if commaCount(ln) >= 2 && startsWithIntComma(ln) {
          let parts = ln.split(separator: ",", omittingEmptySubsequences: false).map {
            PythonText.strip($0)
          }
          if parts.count >= 3 && PythonText.isDigits(parts[0]) && PythonText.isDigits(parts[2]) {
            relStart = i
            fallbackUsed = true
            break
          }
        }
      }
    }
    var objLines: [ArraySlice<Unicode.Scalar>] = []
    var relLines: [ArraySlice<Unicode.Scalar>] = []
    for absI in objStart..<lines.count {
      let ln = lines[absI]
      if absI == objStart {
        if let tail = headerTail(ln) { objLines.append(tail) }
        continue
      }
      if let relStart, absI >= relStart { break }
      objLines.append(ln)
    }
    if let relStart {
      for i in relStart..<lines.count {
        if i == relStart {
          if let tail = headerTail(lines[i]) { relLines.append(tail) }
          continue
        }
        relLines.append(lines[i])
      }
    }
    var objects: [PredictedObject] = []
    let relPrefix = Array("rel[".unicodeScalars)
    for ln in objLines {
      // `ln.lower().startswith("rel[")`
      if ln.count >= 4
        && zip(ln.prefix(4), relPrefix).allSatisfy({ a, b in
          a == b || (b != "[" && PythonText.equalsIgnoringCase(a, UInt8(b.value)))
        })
      {
        break
      }
      // A repeated header (prefill "obj[") has 6 csv fields but no integer id.
      if hasHeader(ln, key: "obj") && !startsWithIntComma(ln) { continue }
      if commaCount(ln) < 5 { continue }
      let row = csvRow(ln)
      guard row.count >= 6, PythonText.isDigits(PythonText.strip(row[0])) else { continue }
      guard let id = PythonText.intText(PythonText.strip(row[0])) else { continue }
      let name = LabelNormalizer.refine(row[1].string)
      guard let x1 = PythonText.float(row[2]), let y1 = PythonText.float(row[3]),
        let x2 = PythonText.float(row[4]), let y2 = PythonText.float(row[5])
      else { continue }
      objects.append(PredictedObject(id: id, label: name, box: Box(x1: x1, y1: y1, x2: x2, y2: y2)))
    }
    var relations: [PredictedRelation] = []
    for ln in relLines {
      if commaCount(ln) < 2 { continue }
      let row = csvRow(ln)
      guard row.count >= 3 else { continue }
      let s = PythonText.strip(row[0])
      let o = PythonText.strip(row[2])
      guard PythonText.isDigits(s), PythonText.isDigits(o) else { continue }
      // Not inside a try in the anchor: a ValueError here aborts the whole parse.
      guard let sid = PythonText.intText(s), let oid = PythonText.intText(o) else {
        return .failure(
          ParseFailure(
            .malformed, "relation id `\(s.string)`/`\(o.string)` is not a decimal integer"))
      }
      relations.append(
        PredictedRelation(
          subject: sid, predicate: LabelNormalizer.refine(row[1].string), object: oid))
    }
    return .success((objects, relations, fallbackUsed && objects.isEmpty))
  }
}
