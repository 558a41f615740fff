import SGGCore

/// SceneGraphVLM's Action Genome answer parser (`parse_toon` in
/// `metrics/sgbench/eval_classical_metrics_extended.py`; eval-protocols §3.1, §3.5), reproduced
/// on Unicode scalars with Python `re` semantics (`\s`, `\d` for `str` patterns, MULTILINE `^`
/// and `$`, `finditer`):
///
/// 1. every `<think>…</think>` is removed (non-greedy, DOTALL);
/// 2. the answer is the text between the first `<answer>` and the next `</answer>`; without
///    both tags the whole output fails (no fallback, unlike the PSG/PVSG parser);
/// 3. object rows match `^\s*(\d+)\s*,\s*([^,]+?)\s*,\s*(-?\d+)\s*,…(-?\d+)\s*$` anywhere in the
///    answer (integers only: a float coordinate rejects the row; `\s` spans newlines, so a row
///    may continue on the next line exactly as the regex allows); the id is `int()`, the name
///    `strip()`ped and mapped by ``ActionGenomeClasses/classIndex(forName:)``;
/// 4. a box must satisfy `0 <= x1 < x2 <= W` and `0 <= y1 < y2 <= H` with `W×H` =
///    ``boxLimit`` (640×480 in the anchor) or the row is dropped before it can overwrite an
///    earlier row with the same id; a repeated id otherwise keeps the last row;
/// 5. pair rows match `^\s*(\d+)\s*,\s*\[([^\]]*)\]\s*,\s*\[…\]\s*,\s*\[…\]\s*,\s*(\d+)\s*$`;
///    each list is `[s.strip() for s in text.split(",") if s.strip()]` (so `[]` is empty);
/// 6. the parse fails when no object row survives.
///
/// Failure kinds: no `<answer>` → `noAnswer`; `<answer>` without `</answer>` → `truncated`;
/// no surviving object row → `noObjects`.
public struct ActionGenomeToonParser: Sendable {
  /// The box rule's `(width, height)`, or nil for no box rule.
  public var boxLimit: (width: Double, height: Double)?

  /// `boxLimit` defaults to the anchor's 640×480 model-input frame.
  public init(boxLimit: (width: Double, height: Double)? = (640, 480)) {
    self.boxLimit = boxLimit
  }

  /// Parses one model answer (or one ground-truth `content` text).
  public func parse(_ text: String) -> Result<ActionGenomeGraph, ParseFailure> {
    let s = Self.removeThink(Array(text.unicodeScalars))
    guard let open = Self.find(s, Self.answerOpen, from: 0) else {
      return .failure(ParseFailure(.noAnswer, "no <answer> tag"))
    }
    let bodyStart = open + Self.answerOpen.count
    guard let close = Self.find(s, Self.answerClose, from: bodyStart) else {
      return .failure(ParseFailure(.truncated, "<answer> is never closed"))
    }
    let body = Array(s[bodyStart..<close])
    var rows: [ActionGenomeObject] = []
    Self.forEachMatch(body, Self.matchObject) { m in
      guard let id = PythonText.intText(body[m.id]) else { return }
      var c: [Double] = []
      for r in m.numbers {
        guard let v = Self.intValue(body[r]) else { return }
        c.append(v)
      }
      let box = Box(x1: c[0], y1: c[1], x2: c[2], y2: c[3])
      if let lim = boxLimit {
        guard 0 <= box.x1, box.x1 < box.x2, box.x2 <= lim.width, 0 <= box.y1, box.y1 < box.y2,
          box.y2 <= lim.height
        else { return }
      }
      let name = PythonText.strip(body[m.name]).string
      rows.append(
        ActionGenomeObject(
          id: id, label: name, classIndex: ActionGenomeClasses.classIndex(forName: name), box: box)
      )
    }
    var pairs: [ActionGenomePair] = []
    Self.forEachMatch(body, Self.matchPair) { m in
      guard let s = PythonText.intText(body[m.id]), let o = PythonText.intText(body[m.object])
      else { return }
      let lists = m.lists.map { Self.labelList(body[$0]) }
      pairs.append(
        ActionGenomePair(
          subject: s, object: o, attention: lists[0], spatial: lists[1], contacting: lists[2]))
    }
    let graph = ActionGenomeGraph(objectRows: rows, pairs: pairs)
    if graph.objects.isEmpty {
      return .failure(ParseFailure(.noObjects, "no object row parsed"))
    }
    return .success(graph)
  }

  // MARK: regex emulation

  static let answerOpen = Array("<answer>".unicodeScalars)
  static let answerClose = Array("</answer>".unicodeScalars)
  static let thinkOpen = Array("<think>".unicodeScalars)
  static let thinkClose = Array("</think>".unicodeScalars)

  static func find(_ s: [Unicode.Scalar], _ needle: [Unicode.Scalar], from: Int) -> Int? {
    guard needle.count <= s.count, from <= s.count - needle.count else { return nil }
    var i = from
    while i <= s.count - needle.count {
      if s[i] == needle[0] && s[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }

  /// `re.sub(r"<think>.*?</think>", "", text, flags=DOTALL)`.
  static func removeThink(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
      if let open = find(s, thinkOpen, from: i),
        let close = find(s, thinkClose, from: open + thinkOpen.count)
      {
        out.append(contentsOf: s[i..<open])
        i = close + thinkClose.count
      } else {
        out.append(contentsOf: s[i...])
        break
      }
    }
    return out
  }

  /// `int()` of `-?\d+` as a Double (huge magnitudes become ±infinity and fail any box rule).
  static func intValue(_ s: ArraySlice<Unicode.Scalar>) -> Double? {
    var digits = s
    var negative = false
    if digits.first == "-" {
      negative = true
      digits = digits.dropFirst()
    }
    guard let text = PythonText.intText(digits) else { return nil }
    let v = Double(text) ?? .infinity
    return negative ? -v : v
  }

  static func labelList(_ s: ArraySlice<Unicode.Scalar>) -> [String] {
    s.split(separator: ",", omittingEmptySubsequences: false).compactMap { part in
      let t = PythonText.strip(part)
      return t.isEmpty ? nil : t.string
    }
  }

  /// `finditer` for a MULTILINE pattern that starts with `^`: candidates are the line starts;
  /// after a match the search resumes at its end.
  static func forEachMatch<M>(
    _ s: [Unicode.Scalar], _ match: ([Unicode.Scalar], Int) -> (M, end: Int)?, _ body: (M) -> Void
  ) {
    var p = 0
    while p <= s.count {
      if p == 0 || s[p - 1] == "\n", let (m, end) = match(s, p) {
        body(m)
        p = max(end, p + 1)
        continue
      }
      // Next line start.
      var q = p
      while q < s.count && s[q] != "\n" { q += 1 }
      p = q + 1
    }
  }

  static func skipSpace(_ s: [Unicode.Scalar], _ i: Int) -> Int {
    var j = i
    while j < s.count && PythonText.isSpace(s[j]) { j += 1 }
    return j
  }

  /// `\d+` (greedy) from `i`: the end, or nil if no digit.
  static func digits(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
    var j = i
    while j < s.count && PythonText.isDecimal(s[j]) { j += 1 }
    return j > i ? j : nil
  }

  /// `\s*` followed by `lit`: the index after `lit`, or nil. (`\s*` is forced: `lit` is never
  /// a space.)
  static func expect(_ s: [Unicode.Scalar], _ i: Int, _ lit: Unicode.Scalar) -> Int? {
    let j = skipSpace(s, i)
    return j < s.count && s[j] == lit ? j + 1 : nil
  }

  /// `\s*$` (MULTILINE, greedy with backtracking): the longest run of spaces after `i` that
  /// ends at the end of the text or just before a `\n`.
  static func lineEnd(_ s: [Unicode.Scalar], _ i: Int) -> Int? {
    let j = skipSpace(s, i)
    var k = j
    while k >= i {
      if k == s.count || s[k] == "\n" { return k }
      k -= 1
    }
    return nil
  }

  struct ObjectMatch {
    var id: Range<Int>
    var name: Range<Int>
    var numbers: [Range<Int>]
  }

  static func matchObject(_ s: [Unicode.Scalar], _ start: Int) -> (ObjectMatch, end: Int)? {
    let a = skipSpace(s, start)
    guard let idEnd = digits(s, a), let afterComma = expect(s, idEnd, ",") else { return nil }
    // `\s*([^,]+?)\s*,`: the name runs to the next comma and needs ≥ 1 character.
    var c = afterComma
    while c < s.count && s[c] != "," { c += 1 }
    guard c < s.count, c > afterComma else { return nil }
    var p = c + 1
    var numbers: [Range<Int>] = []
    for n in 0..<4 {
      let q = skipSpace(s, p)
      var r = q
      if r < s.count && s[r] == "-" { r += 1 }
      guard let e = digits(s, r) else { return nil }
      numbers.append(q..<e)
      if n < 3 {
        guard let next = expect(s, e, ",") else { return nil }
        p = next
      } else {
        p = e
      }
    }
    guard let end = lineEnd(s, p) else { return nil }
    return (ObjectMatch(id: a..<idEnd, name: afterComma..<c, numbers: numbers), end)
  }

  struct PairMatch {
    var id: Range<Int>
    var lists: [Range<Int>]
    var object: Range<Int>
  }

  static func matchPair(_ s: [Unicode.Scalar], _ start: Int) -> (PairMatch, end: Int)? {
    let a = skipSpace(s, start)
    guard let idEnd = digits(s, a), var p = expect(s, idEnd, ",") else { return nil }
    var lists: [Range<Int>] = []
    for _ in 0..<3 {
      guard let open = expect(s, p, "[") else { return nil }
      var c = open
      while c < s.count && s[c] != "]" { c += 1 }
      guard c < s.count, let next = expect(s, c + 1, ",") else { return nil }
      lists.append(open..<c)
      p = next
    }
    let q = skipSpace(s, p)
    guard let e = digits(s, q), let end = lineEnd(s, e) else { return nil }
    return (PairMatch(id: a..<idEnd, lists: lists, object: q..<e), end)
  }
}
