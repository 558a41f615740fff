/// A TOON decoding error at a 1-based line of the decoded text.
public struct ToonDecodeError: Error, Hashable, Sendable, CustomStringConvertible {
  public var line: Int
  public var message: String
  /// True when the document ends while an array still expects rows/items (or its last row is
  /// cut short): how a token-limit truncation shows up.
  public var isTruncation: Bool

  public init(line: Int, message: String, isTruncation: Bool = false) {
    self.line = line
    self.message = message
    self.isTruncation = isTruncation
  }

  public var description: String { "line \(line): \(message)" }
}

/// A strict-mode decoder for the subset of TOON v4 (eval-protocols §4) that scene graphs and
/// their prompts use, producing the JSON data model.
///
/// Supported: `key: value` fields and nested objects (`key:` then deeper lines); tabular arrays
/// `key[N]{f1,f2}:` with rows one level deeper; inline primitive arrays `key[N]: a,b`;
/// expanded lists `key[N]:` with `- value`, `- [M]: a,b` and `- key: value` items (further
/// fields of an item object two levels deeper than the header); root arrays `[N]…:`; a root
/// primitive; `key: []` and `key[0]:` as empty arrays; comma, `|` and tab delimiters declared in
/// the brackets; quoted keys, fields and values with the escapes `\\ \" \n \r \t \uXXXX`;
/// full-line `#` comments (v4), removed before anything else.
///
/// Strict-mode checks: row/item count == N, row width == field count, inline count == N,
/// indentation a multiple of 2 spaces with no tabs, no depth jumps, no blank line inside an
/// array's rows, valid lengths (`[03]`, `[-1]`, `[]` and the pre-v2 `[#N]` are errors),
/// unquoted field names must be `[A-Za-z_][A-Za-z0-9_.]*` (so a header whose fields use a
/// different delimiter than its brackets declare is an error), no duplicate keys, nothing
/// after a root array or primitive.
///
/// Not supported (reported as errors, never guessed): v4 nested field groups
/// `{id,customer{name}}` and keyed tabular arrays `key[N:]{…}:`. A trailing `\r` on a line is
/// dropped (CRLF input); blank lines outside arrays are allowed.
public struct ToonDecoder: Sendable {
  public init() {}

  /// Decodes a whole TOON document.
  public func decode(_ text: String) throws(ToonDecodeError) -> JSONValue {
    var state = ToonDecodeState(lines: try ToonDecodeState.lines(of: text))
    return try state.root()
  }
}

struct ToonLine {
  var number: Int
  var depth: Int
  var content: [UInt8]
  var isBlank: Bool { content.isEmpty }
}

struct ToonHeader {
  var key: String?
  var count: Int
  var delimiter: UInt8
  var fields: [String]?
  var inline: [UInt8]
}

struct ToonDecodeState {
  let lines: [ToonLine]
  var pos = 0

  init(lines: [ToonLine]) { self.lines = lines }

  static let space = UInt8(ascii: " ")
  static let quote = UInt8(ascii: "\"")
  static let colon = UInt8(ascii: ":")

  static func lines(of text: String) throws(ToonDecodeError) -> [ToonLine] {
    var out: [ToonLine] = []
    let bytes = Array(text.utf8)
    var number = 0
    for raw in bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
      number += 1
      var line = Array(raw)
      if line.last == 0x0D { line.removeLast() }
      var indent = 0
      while indent < line.count && (line[indent] == space || line[indent] == 0x09) {
        if line[indent] == 0x09 {
          // Tabs are only illegal as indentation; a line of only whitespace is blank.
          if line.allSatisfy({ $0 == space || $0 == 0x09 }) { break }
          throw ToonDecodeError(line: number, message: "tab in indentation")
        }
        indent += 1
      }
      let content = Array(line[indent...])
      if content.allSatisfy({ $0 == space || $0 == 0x09 }) {
        out.append(ToonLine(number: number, depth: 0, content: []))
        continue
      }
      if content.first == UInt8(ascii: "#") { continue }  // v4 full-line comment
      guard indent % 2 == 0 else {
        throw ToonDecodeError(
          line: number, message: "indentation of \(indent) spaces is not a multiple of 2")
      }
      out.append(ToonLine(number: number, depth: indent / 2, content: content))
    }
    return out
  }

  var lastLineNumber: Int { lines.last?.number ?? 1 }

  mutating func skipBlank() {
    while pos < lines.count && lines[pos].isBlank { pos += 1 }
  }

  /// True when no non-blank line remains from `pos`.
  func atEndOfContent(from p: Int) -> Bool {
    var i = p
    while i < lines.count {
      if !lines[i].isBlank { return false }
      i += 1
    }
    return true
  }

  mutating func root() throws(ToonDecodeError) -> JSONValue {
    skipBlank()
    guard pos < lines.count else { return .object([]) }
    let first = lines[pos]
    guard first.depth == 0 else {
      throw ToonDecodeError(
        line: first.number, message: "the document must start without indentation")
    }
    let value: JSONValue
    if first.content.first == UInt8(ascii: "[") {
      pos += 1
      let header = try parseHeader(first.content, from: 0, key: nil, line: first.number)
      value = try array(header, depth: 0, line: first.number)
    } else if atEndOfContent(from: pos + 1)
      && Self.firstUnquoted(Self.colon, in: first.content[...]) == nil
      && !first.content.starts(with: [UInt8(ascii: "-"), Self.space])
    {
      pos += 1
      value = try Self.primitive(first.content[...], line: first.number)
    } else {
      value = .object(try object(depth: 0))
    }
    skipBlank()
    if pos < lines.count {
      throw ToonDecodeError(
        line: lines[pos].number, message: "unexpected content (depth \(lines[pos].depth))")
    }
    return value
  }

  mutating func object(depth: Int) throws(ToonDecodeError) -> [(key: String, value: JSONValue)] {
    var members: [(key: String, value: JSONValue)] = []
    var keys = Set<String>()
    var lastWasTabular: String? = nil
    while true {
      skipBlank()
      guard pos < lines.count else { break }
      let line = lines[pos]
      if line.depth < depth { break }
      if line.depth > depth {
        throw ToonDecodeError(
          line: line.number,
          message: "unexpected indentation (depth \(line.depth), expected \(depth))")
      }
      if Self.firstUnquoted(Self.colon, in: line.content[...]) == nil {
        if let t = lastWasTabular {
          throw ToonDecodeError(
            line: line.number,
            message:
              "a line without `key:` at depth \(depth); rows of `\(t)` must be indented one level (2 spaces) below their header"
          )
        }
        throw ToonDecodeError(line: line.number, message: "expected `key: value`")
      }
      pos += 1
      let (key, value, tabular) = try field(line.content[...], depth: depth, line: line.number)
      guard keys.insert(key).inserted else {
        throw ToonDecodeError(line: line.number, message: "duplicate key `\(key)`")
      }
      members.append((key, value))
      lastWasTabular = tabular ? key : nil
    }
    return members
  }

  /// One `key…` field whose line was already consumed; nested lines are at `depth + 1`.
  mutating func field(_ c: ArraySlice<UInt8>, depth: Int, line: Int) throws(ToonDecodeError) -> (
    String, JSONValue, Bool
  ) {
    var i = c.startIndex
    let key: String
    if c.first == Self.quote {
      guard let close = Self.closingQuote(c, from: i) else {
        throw ToonDecodeError(line: line, message: "unterminated quoted key")
      }
      key = try Self.unescape(c[(i + 1)..<close], line: line)
      i = close + 1
    } else {
      while i < c.endIndex && c[i] != Self.colon && c[i] != UInt8(ascii: "[") { i += 1 }
      let raw = Self.trimSpaces(c[c.startIndex..<i])
      guard !raw.isEmpty else {
        throw ToonDecodeError(line: line, message: "missing key before `:`")
      }
      key = String(decoding: raw, as: UTF8.self)
    }
    guard i < c.endIndex else {
      throw ToonDecodeError(line: line, message: "expected `:` after key `\(key)`")
    }
    if c[i] == UInt8(ascii: "[") {
      let header = try parseHeader(Array(c), from: i - c.startIndex, key: key, line: line)
      return (key, try array(header, depth: depth, line: line), header.fields != nil)
    }
    guard c[i] == Self.colon else {
      throw ToonDecodeError(line: line, message: "expected `:` after key `\(key)`")
    }
    let rest = Self.trimSpaces(c[(i + 1)...])
    if rest.isEmpty {
      skipBlank()
      if pos < lines.count && lines[pos].depth == depth + 1 {
        return (key, .object(try object(depth: depth + 1)), false)
      }
      return (key, .object([]), false)
    }
    if rest.elementsEqual("[]".utf8) { return (key, .array([]), false) }
    return (key, try Self.primitive(rest, line: line), false)
  }

  /// Parses `[N<delim>]{fields}:` starting at `c[from]` (`[`).
  func parseHeader(_ c: [UInt8], from: Int, key: String?, line: Int) throws(ToonDecodeError)
    -> ToonHeader
  {
    var i = from + 1
    let what = key.map { "`\($0)`" } ?? "the root array"
    if i < c.count && c[i] == UInt8(ascii: "#") {
      throw ToonDecodeError(
        line: line, message: "\(what): the `[#N]` length marker was removed in TOON v2.0")
    }
    let d = i
    while i < c.count && c[i] >= 0x30 && c[i] <= 0x39 { i += 1 }
    let digits = c[d..<i]
    guard !digits.isEmpty else {
      throw ToonDecodeError(line: line, message: "\(what): invalid array length (expected `[N]`)")
    }
    guard digits.count == 1 || digits.first != 0x30 else {
      throw ToonDecodeError(
        line: line,
        message:
          "\(what): invalid array length `\(String(decoding: digits, as: UTF8.self))` (leading zero)"
      )
    }
    guard digits.count <= 9, let count = Int(String(decoding: digits, as: UTF8.self)) else {
      throw ToonDecodeError(line: line, message: "\(what): array length too large")
    }
    var delimiter = UInt8(ascii: ",")
    if i < c.count && (c[i] == 0x09 || c[i] == UInt8(ascii: "|")) {
      delimiter = c[i]
      i += 1
    }
    if i < c.count && c[i] == Self.colon {
      throw ToonDecodeError(
        line: line, message: "\(what): keyed tabular arrays `[N:]` are not supported")
    }
    guard i < c.count, c[i] == UInt8(ascii: "]") else {
      throw ToonDecodeError(
        line: line, message: "\(what): invalid array length (expected `]` after the count)")
    }
    i += 1
    var fields: [String]? = nil
    if i < c.count && c[i] == UInt8(ascii: "{") {
      let start = i + 1
      var j = start
      var inQuote = false
      while j < c.count {
        if inQuote {
          if c[j] == UInt8(ascii: "\\") { j += 1 } else if c[j] == Self.quote { inQuote = false }
        } else if c[j] == Self.quote {
          inQuote = true
        } else if c[j] == UInt8(ascii: "{") {
          throw ToonDecodeError(
            line: line, message: "\(what): nested field groups are not supported")
        } else if c[j] == UInt8(ascii: "}") {
          break
        }
        j += 1
      }
      guard j < c.count else {
        throw ToonDecodeError(line: line, message: "\(what): unterminated `{` field list")
      }
      var names: [String] = []
      for cell in Self.splitCells(c[start..<j], delimiter) {
        if cell.first == Self.quote {
          guard let close = Self.closingQuote(cell, from: cell.startIndex),
            close == cell.endIndex - 1
          else {
            throw ToonDecodeError(line: line, message: "\(what): bad quoted field name")
          }
          names.append(try Self.unescape(cell[(cell.startIndex + 1)..<close], line: line))
        } else {
          guard Self.isUnquotedKey(cell) else {
            let shown = String(decoding: cell, as: UTF8.self)
            let hint =
              cell.contains(where: {
                $0 == UInt8(ascii: "|") || $0 == 0x09 || $0 == UInt8(ascii: ",")
              })
              ? " (the header declares \(Self.delimiterName(delimiter)) as its delimiter)" : ""
            throw ToonDecodeError(
              line: line, message: "\(what): invalid field name `\(shown)`\(hint)")
          }
          names.append(String(decoding: cell, as: UTF8.self))
        }
      }
      fields = names
      i = j + 1
    }
    guard i < c.count, c[i] == Self.colon else {
      throw ToonDecodeError(line: line, message: "\(what): expected `:` after the array header")
    }
    return ToonHeader(
      key: key, count: count, delimiter: delimiter, fields: fields,
      inline: Array(Self.trimSpaces(c[(i + 1)...])))
  }

  static func delimiterName(_ d: UInt8) -> String {
    d == 0x09 ? "tab" : "`\(Character(Unicode.Scalar(d)))`"
  }

  /// The array after a header whose line was consumed; rows/items are at `depth + 1`.
  mutating func array(_ h: ToonHeader, depth: Int, line: Int) throws(ToonDecodeError) -> JSONValue {
    let what = h.key.map { "`\($0)`" } ?? "the root array"
    if let fields = h.fields {
      guard h.inline.isEmpty else {
        throw ToonDecodeError(
          line: line, message: "\(what): a tabular header takes its rows on the following lines")
      }
      var rows: [JSONValue] = []
      while pos < lines.count {
        let l = lines[pos]
        if l.isBlank {
          var p = pos
          while p < lines.count && lines[p].isBlank { p += 1 }
          if rows.count < h.count && p < lines.count && lines[p].depth == depth + 1 {
            throw ToonDecodeError(
              line: l.number, message: "\(what): blank line inside the array's rows")
          }
          break
        }
        if l.depth <= depth { break }
        if l.depth > depth + 1 {
          throw ToonDecodeError(
            line: l.number,
            message: "unexpected indentation (depth \(l.depth), expected \(depth + 1))")
        }
        let colon = Self.firstUnquoted(Self.colon, in: l.content[...])
        let delim = Self.firstUnquoted(h.delimiter, in: l.content[...])
        if let colon, delim.map({ colon < $0 }) ?? true { break }  // a key-value line ends the rows
        guard rows.count < h.count else {
          throw ToonDecodeError(
            line: l.number, message: "\(what): more rows than the declared \(h.count)")
        }
        let cells = Self.splitCells(l.content[...], h.delimiter)
        guard cells.count == fields.count else {
          let cut = cells.count < fields.count && atEndOfContent(from: pos + 1)
          throw ToonDecodeError(
            line: l.number,
            message:
              "\(what): row \(rows.count + 1) has \(cells.count) values, the header declares \(fields.count) fields",
            isTruncation: cut)
        }
        var members: [(key: String, value: JSONValue)] = []
        for (f, cell) in zip(fields, cells) {
          members.append((f, try Self.primitive(cell, line: l.number)))
        }
        rows.append(.object(members))
        pos += 1
      }
      if rows.count < h.count {
        let atEnd = atEndOfContent(from: pos)
        if !atEnd, lines[pos].depth == depth,
          Self.firstUnquoted(Self.colon, in: lines[pos].content[...]) == nil
        {
          throw ToonDecodeError(
            line: lines[pos].number,
            message: "\(what): rows must be indented one level (2 spaces) below their header")
        }
        throw ToonDecodeError(
          line: atEnd ? lastLineNumber : lines[pos].number,
          message:
            "\(what): declares \(h.count) rows, found \(rows.count)\(atEnd ? " before the end of the input" : "")",
          isTruncation: atEnd)
      }
      return .array(rows)
    }
    if !h.inline.isEmpty {
      let cells = Self.splitCells(h.inline[...], h.delimiter)
      guard cells.count == h.count else {
        throw ToonDecodeError(
          line: line, message: "\(what): declares \(h.count) values, found \(cells.count)",
          isTruncation: cells.count < h.count && atEndOfContent(from: pos))
      }
      var values: [JSONValue] = []
      for cell in cells { values.append(try Self.primitive(cell, line: line)) }
      return .array(values)
    }
    if h.count == 0 { return .array([]) }
    var items: [JSONValue] = []
    while pos < lines.count {
      let l = lines[pos]
      if l.isBlank {
        var p = pos
        while p < lines.count && lines[p].isBlank { p += 1 }
        if items.count < h.count && p < lines.count && lines[p].depth == depth + 1 {
          throw ToonDecodeError(line: l.number, message: "\(what): blank line inside the list")
        }
        break
      }
      if l.depth <= depth { break }
      if l.depth > depth + 1 {
        throw ToonDecodeError(
          line: l.number,
          message: "unexpected indentation (depth \(l.depth), expected \(depth + 1))")
      }
      guard l.content.first == UInt8(ascii: "-"), l.content.count == 1 || l.content[1] == Self.space
      else {
        throw ToonDecodeError(line: l.number, message: "\(what): expected a list item `- …`")
      }
      guard items.count < h.count else {
        throw ToonDecodeError(
          line: l.number, message: "\(what): more items than the declared \(h.count)")
      }
      pos += 1
      let body = Self.trimSpaces(l.content[1...])
      if body.isEmpty {
        items.append(.object([]))
      } else if body.first == UInt8(ascii: "[") {
        let inner = try parseHeader(Array(body), from: 0, key: nil, line: l.number)
        items.append(try array(inner, depth: depth + 1, line: l.number))
      } else if Self.firstUnquoted(Self.colon, in: body) != nil {
        let (k, v, _) = try field(body, depth: depth + 2, line: l.number)
        var members: [(key: String, value: JSONValue)] = [(k, v)]
        for m in try object(depth: depth + 2) {
          guard !members.contains(where: { $0.key == m.key }) else {
            throw ToonDecodeError(line: l.number, message: "duplicate key `\(m.key)`")
          }
          members.append(m)
        }
        items.append(.object(members))
      } else {
        items.append(try Self.primitive(body, line: l.number))
      }
    }
    guard items.count == h.count else {
      let atEnd = atEndOfContent(from: pos)
      throw ToonDecodeError(
        line: atEnd ? lastLineNumber : lines[pos].number,
        message: "\(what): declares \(h.count) items, found \(items.count)", isTruncation: atEnd)
    }
    return .array(items)
  }

  // MARK: Tokens

  static func trimSpaces(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var lo = s.startIndex
    var hi = s.endIndex
    while lo < hi && s[lo] == space { lo += 1 }
    while hi > lo && s[hi - 1] == space { hi -= 1 }
    return s[lo..<hi]
  }

  static func isUnquotedKey(_ s: ArraySlice<UInt8>) -> Bool {
    guard let f = s.first, (f | 0x20) >= 0x61 && (f | 0x20) <= 0x7A || f == UInt8(ascii: "_") else {
      return false
    }
    return s.allSatisfy { c in
      (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || (c >= 0x30 && c <= 0x39) || c == UInt8(ascii: "_")
        || c == UInt8(ascii: ".")
    }
  }

  /// Index of the quote closing the one at `from`, honouring backslash escapes.
  static func closingQuote(_ s: ArraySlice<UInt8>, from: Int) -> Int? {
    var i = from + 1
    while i < s.endIndex {
      if s[i] == UInt8(ascii: "\\") {
        i += 2
        continue
      }
      if s[i] == quote { return i }
      i += 1
    }
    return nil
  }

  /// First `target` outside double quotes.
  static func firstUnquoted(_ target: UInt8, in s: ArraySlice<UInt8>) -> Int? {
    var i = s.startIndex
    var inQuote = false
    while i < s.endIndex {
      let c = s[i]
      if inQuote {
        if c == UInt8(ascii: "\\") { i += 1 } else if c == quote { inQuote = false }
      } else if c == quote {
        inQuote = true
      } else if c == target {
        return i
      }
      i += 1
    }
    return nil
  }

  /// Cells split on `delimiter` outside quotes, each trimmed of spaces.
  static func splitCells(_ s: ArraySlice<UInt8>, _ delimiter: UInt8) -> [ArraySlice<UInt8>] {
    var cells: [ArraySlice<UInt8>] = []
    var start = s.startIndex
    var rest = s
    while let d = firstUnquoted(delimiter, in: rest) {
      cells.append(trimSpaces(s[start..<d]))
      start = d + 1
      rest = s[start...]
    }
    cells.append(trimSpaces(s[start...]))
    return cells
  }

  static func unescape(_ s: ArraySlice<UInt8>, line: Int) throws(ToonDecodeError) -> String {
    var out: [UInt8] = []
    var i = s.startIndex
    while i < s.endIndex {
      let c = s[i]
      guard c == UInt8(ascii: "\\") else {
        out.append(c)
        i += 1
        continue
      }
      guard i + 1 < s.endIndex else {
        throw ToonDecodeError(line: line, message: "dangling `\\` in a quoted string")
      }
      switch s[i + 1] {
      case UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\"))
      case quote: out.append(quote)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        guard i + 6 <= s.endIndex,
          let v = UInt32(String(decoding: s[(i + 2)..<(i + 6)], as: UTF8.self), radix: 16)
        else {
          throw ToonDecodeError(line: line, message: "invalid \\u escape")
        }
        UTF8.encode(Unicode.Scalar(v) ?? "\u{FFFD}") { out.append($0) }
        i += 6
        continue
      default:
        throw ToonDecodeError(
          line: line, message: "invalid escape `\\\(Character(Unicode.Scalar(s[i + 1])))`")
      }
      i += 2
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A cell or value token (already trimmed of spaces).
  static func primitive(_ t: ArraySlice<UInt8>, line: Int) throws(ToonDecodeError) -> JSONValue {
    if t.isEmpty { return .string("") }
    if t.first == quote {
      guard let close = closingQuote(t, from: t.startIndex) else {
        throw ToonDecodeError(line: line, message: "unterminated quoted string")
      }
      guard close == t.endIndex - 1 else {
        throw ToonDecodeError(line: line, message: "text after a closing quote")
      }
      return .string(try unescape(t[(t.startIndex + 1)..<close], line: line))
    }
    if t.elementsEqual("true".utf8) { return .bool(true) }
    if t.elementsEqual("false".utf8) { return .bool(false) }
    if t.elementsEqual("null".utf8) { return .null }
    if let n = number(t) { return n }
    return .string(String(decoding: t, as: UTF8.self))
  }

  /// `^-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?$` without a forbidden leading zero (`05`).
  static func number(_ t: ArraySlice<UInt8>) -> JSONValue? {
    var i = t.startIndex
    func isD(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    if i < t.endIndex && t[i] == UInt8(ascii: "-") { i += 1 }
    let intStart = i
    while i < t.endIndex && isD(t[i]) { i += 1 }
    let intLen = i - intStart
    guard intLen > 0, intLen == 1 || t[intStart] != 0x30 else { return nil }
    var isInteger = true
    if i < t.endIndex && t[i] == UInt8(ascii: ".") {
      isInteger = false
      i += 1
      let f = i
      while i < t.endIndex && isD(t[i]) { i += 1 }
      guard i > f else { return nil }
    }
    if i < t.endIndex && (t[i] == UInt8(ascii: "e") || t[i] == UInt8(ascii: "E")) {
      isInteger = false
      i += 1
      if i < t.endIndex && (t[i] == UInt8(ascii: "+") || t[i] == UInt8(ascii: "-")) { i += 1 }
      let e = i
      while i < t.endIndex && isD(t[i]) { i += 1 }
      guard i > e else { return nil }
    }
    guard i == t.endIndex, let v = Double(String(decoding: t, as: UTF8.self)) else { return nil }
    return .number(v, isInteger: isInteger)
  }
}
