#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A pull reader over JSON bytes: the fast path for JSONL lines and JSON model answers.
///
/// The reader walks the buffer without building a tree. Typical use:
///
/// ```swift
/// var r = JSONReader(bytes: buffer)
/// try r.beginObject()
/// while let key = try r.nextKey() {
///   if key.matches("id") { id = try r.readString() } else { try r.skipValue() }
/// }
/// try r.finish()
/// ```
///
/// After ``nextKey()`` returns a key, or ``nextElement()`` returns true, the caller must consume
/// exactly one value (read it, descend into it, or ``skipValue()`` it).
///
/// Grammar: RFC 8259 as Python's `json.loads` accepts it (its default `strict=True`), plus
/// Python's extra literals `NaN`, `Infinity` and `-Infinity` (counted in
/// ``nonFiniteLiterals``). Differences from Python, all deliberate:
/// * nesting is capped at ``maxDepth`` (default 512) and reported as `.depthLimit`; Python
///   raises `RecursionError` near 1000 levels;
/// * lone UTF-16 surrogate escapes (`"\ud800"`) decode to U+FFFD because a Swift `String`
///   cannot hold them (Python keeps the lone code point); invalid UTF-8 bytes are likewise
///   replaced by U+FFFD (Python would fail to decode the text before parsing);
/// * integers are `Double`s (see ``JSONValue``); the integer `-0` is `+0.0` like Python's `0`.
///
/// The reader does not own its bytes: the buffer must outlive it.
public struct JSONReader {
  /// Default nesting cap.
  public static let defaultMaxDepth = 512

  /// The whole input.
  public let bytes: UnsafeRawBufferPointer
  /// Current byte offset.
  public private(set) var offset: Int
  /// Maximum nesting of arrays and objects.
  public let maxDepth: Int
  /// Number of `NaN` / `Infinity` / `-Infinity` literals read so far.
  public private(set) var nonFiniteLiterals = 0

  var depth = 0
  /// True right after `{` or `[` was consumed (so no `,` is expected before the first item).
  var afterOpen = false

  /// A reader positioned at the start of `bytes`.
  public init(bytes: UnsafeRawBufferPointer, maxDepth: Int = JSONReader.defaultMaxDepth) {
    self.bytes = bytes
    self.offset = 0
    self.maxDepth = maxDepth
  }

  /// A reader positioned at `offset` (for parsing a slice of a larger buffer, keeping offsets).
  public init(
    bytes: UnsafeRawBufferPointer, offset: Int, maxDepth: Int = JSONReader.defaultMaxDepth
  ) {
    self.bytes = bytes
    self.offset = max(0, min(offset, bytes.count))
    self.maxDepth = maxDepth
  }

  // MARK: Errors

  func syntax(_ message: String, at position: Int? = nil) -> JSONParseError {
    JSONParseError(kind: .syntax, offset: position ?? offset, message: message)
  }

  func end(_ message: String) -> JSONParseError {
    JSONParseError(
      kind: .unexpectedEnd, offset: bytes.count, message: "unexpected end of input: \(message)")
  }

  func describeByte(_ b: UInt8) -> String {
    if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
    return "byte 0x\(String(b, radix: 16, uppercase: true))"
  }

  // MARK: Whitespace and peeking

  @inline(__always) mutating func skipWhitespace() {
    while offset < bytes.count {
      let b = bytes[offset]
      if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { offset += 1 } else { return }
    }
  }

  /// The kind of the next value, without consuming it.
  public mutating func peekKind() throws(JSONParseError) -> JSONValueKind {
    skipWhitespace()
    guard offset < bytes.count else { throw end("expected a value") }
    switch bytes[offset] {
    case UInt8(ascii: "{"): return .object
    case UInt8(ascii: "["): return .array
    case UInt8(ascii: "\""): return .string
    case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "N"),
      UInt8(ascii: "I"):
      return .number
    case UInt8(ascii: "t"), UInt8(ascii: "f"): return .bool
    case UInt8(ascii: "n"): return .null
    case let b: throw syntax("expected a value, found \(describeByte(b))")
    }
  }

  @inline(__always) mutating func expectKind(_ kind: JSONValueKind) throws(JSONParseError) {
    let found = try peekKind()
    if found != kind {
      throw JSONParseError(
        kind: .typeMismatch(expected: kind, found: found), offset: offset,
        message: "expected \(kind), found \(found)")
    }
  }

  /// Fails unless only whitespace remains.
  public mutating func finish() throws(JSONParseError) {
    skipWhitespace()
    if offset < bytes.count { throw syntax("extra data after the JSON value") }
  }

  /// True when only whitespace remains.
  public mutating func isAtEnd() -> Bool {
    skipWhitespace()
    return offset >= bytes.count
  }

  // MARK: Containers

  /// Consumes `{`.
  public mutating func beginObject() throws(JSONParseError) {
    try expectKind(.object)
    try open()
  }

  /// Consumes `[`.
  public mutating func beginArray() throws(JSONParseError) {
    try expectKind(.array)
    try open()
  }

  @inline(__always) mutating func open() throws(JSONParseError) {
    if depth >= maxDepth {
      throw JSONParseError(
        kind: .depthLimit, offset: offset, message: "nesting deeper than \(maxDepth) levels")
    }
    depth += 1
    offset += 1
    afterOpen = true
  }

  /// The next member key of the current object, or nil after consuming its `}`.
  public mutating func nextKey() throws(JSONParseError) -> JSONKey? {
    skipWhitespace()
    guard offset < bytes.count else { throw end("expected '\"' or '}' in an object") }
    var b = bytes[offset]
    if afterOpen {
      afterOpen = false
      if b == UInt8(ascii: "}") {
        offset += 1
        depth -= 1
        return nil
      }
    } else {
      if b == UInt8(ascii: "}") {
        offset += 1
        depth -= 1
        return nil
      }
      guard b == UInt8(ascii: ",") else {
        throw syntax("expected ',' or '}' after an object member, found \(describeByte(b))")
      }
      offset += 1
      skipWhitespace()
      guard offset < bytes.count else { throw end("expected a member name") }
      b = bytes[offset]
    }
    guard b == UInt8(ascii: "\"") else {
      throw syntax("expected a member name in double quotes, found \(describeByte(b))")
    }
    let (range, escaped) = try scanString()
    skipWhitespace()
    guard offset < bytes.count else { throw end("expected ':' after a member name") }
    guard bytes[offset] == UInt8(ascii: ":") else {
      throw syntax("expected ':' after a member name, found \(describeByte(bytes[offset]))")
    }
    offset += 1
    return JSONKey(raw: UnsafeRawBufferPointer(rebasing: bytes[range]), hasEscapes: escaped)
  }

  /// True when the current array has another element (positioned before it); false after
  /// consuming its `]`.
  public mutating func nextElement() throws(JSONParseError) -> Bool {
    skipWhitespace()
    guard offset < bytes.count else { throw end("expected a value or ']' in an array") }
    let b = bytes[offset]
    if b == UInt8(ascii: "]") {
      afterOpen = false
      offset += 1
      depth -= 1
      return false
    }
    if afterOpen {
      afterOpen = false
      return true
    }
    guard b == UInt8(ascii: ",") else {
      throw syntax("expected ',' or ']' after an array element, found \(describeByte(b))")
    }
    offset += 1
    return true
  }

  // MARK: Scalars

  /// Reads a string value.
  public mutating func readString() throws(JSONParseError) -> String {
    try expectKind(.string)
    let (range, escaped) = try scanString()
    return JSONReader.decodeString(
      UnsafeRawBufferPointer(rebasing: bytes[range]), hasEscapes: escaped)
  }

  /// Reads a string value as its raw content bytes (escapes intact) without building a String.
  public mutating func readRawString() throws(JSONParseError) -> JSONKey {
    try expectKind(.string)
    let (range, escaped) = try scanString()
    return JSONKey(raw: UnsafeRawBufferPointer(rebasing: bytes[range]), hasEscapes: escaped)
  }

  /// Reads a number.
  public mutating func readNumber() throws(JSONParseError) -> JSONNumber {
    try expectKind(.number)
    return try scanNumber()
  }

  /// Reads a number as a `Double`.
  public mutating func readDouble() throws(JSONParseError) -> Double {
    try readNumber().value
  }

  /// Reads `true` or `false`.
  public mutating func readBool() throws(JSONParseError) -> Bool {
    try expectKind(.bool)
    if bytes[offset] == UInt8(ascii: "t") {
      try literal("true")
      return true
    }
    try literal("false")
    return false
  }

  /// Consumes `null` if it is next and returns true; otherwise consumes nothing.
  public mutating func readNullIfPresent() throws(JSONParseError) -> Bool {
    guard try peekKind() == .null else { return false }
    try literal("null")
    return true
  }

  /// Consumes the next value, whatever it is (validating it).
  public mutating func skipValue() throws(JSONParseError) {
    switch try peekKind() {
    case .object:
      try beginObject()
      while try nextKey() != nil { try skipValue() }
    case .array:
      try beginArray()
      while try nextElement() { try skipValue() }
    case .string: _ = try scanString()
    case .number: _ = try scanNumber()
    case .bool: _ = try readBool()
    case .null: try literal("null")
    }
  }

  /// Reads the next value as a tree.
  public mutating func readValue() throws(JSONParseError) -> JSONValue {
    switch try peekKind() {
    case .object:
      try beginObject()
      var members: [(key: String, value: JSONValue)] = []
      while let key = try nextKey() {
        let k = key.string
        members.append((k, try readValue()))
      }
      return .object(members)
    case .array:
      try beginArray()
      var items: [JSONValue] = []
      while try nextElement() { items.append(try readValue()) }
      return .array(items)
    case .string: return .string(try readString())
    case .number:
      let n = try scanNumber()
      return .number(n.value, isInteger: n.isInteger)
    case .bool: return .bool(try readBool())
    case .null:
      try literal("null")
      return .null
    }
  }

  @inline(__always) mutating func literal(_ text: StaticString) throws(JSONParseError) {
    let start = offset
    let n = text.utf8CodeUnitCount
    let p = text.utf8Start
    for i in 0..<n {
      guard offset < bytes.count else { throw end("in literal '\(text)'") }
      guard bytes[offset] == p[i] else {
        throw syntax("invalid literal (expected '\(text)')", at: start)
      }
      offset += 1
    }
  }

  // MARK: Strings

  /// Scans a string starting at `"`; returns the content range and whether it has escapes.
  /// Validates escapes and rejects raw control characters as Python's strict mode does.
  @inline(__always) mutating func scanString() throws(JSONParseError) -> (Range<Int>, Bool) {
    offset += 1
    let start = offset
    var escaped = false
    let count = bytes.count
    while offset < count {
      // Skip 8 plain bytes at a time (no quote, backslash or control byte) — SWAR test from
      // "Bit Twiddling Hacks" (haszero / hasless).
      while offset + 8 <= count {
        let w = bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let q = w ^ (ones &* 0x22)
        let bs = w ^ (ones &* 0x5C)
        let special =
          ((q &- ones) & ~q & highs) | ((bs &- ones) & ~bs & highs)
          | ((w &- (ones &* 0x20)) & ~w & highs)
        if special != 0 { break }
        offset += 8
      }
      guard offset < count else { break }
      let b = bytes[offset]
      if b == UInt8(ascii: "\"") {
        let range = start..<offset
        offset += 1
        return (range, escaped)
      }
      if b == UInt8(ascii: "\\") {
        escaped = true
        guard offset + 1 < count else { throw end("in a string escape") }
        let e = bytes[offset + 1]
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
          UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
          offset += 2
        case UInt8(ascii: "u"):
          for i in 2..<6 {
            guard offset + i < count else { throw end("in a \\u escape") }
            guard JSONReader.hexValue(bytes[offset + i]) != nil else {
              throw syntax("invalid \\uXXXX escape", at: offset)
            }
          }
          offset += 6
        default:
          throw syntax("invalid escape \\\(Character(Unicode.Scalar(e)))", at: offset)
        }
        continue
      }
      if b < 0x20 { throw syntax("invalid control character \(describeByte(b)) in a string") }
      offset += 1
    }
    throw end("unterminated string")
  }

  @inline(__always) static func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(b - UInt8(ascii: "0"))
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(b - UInt8(ascii: "a") + 10)
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(b - UInt8(ascii: "A") + 10)
    default: return nil
    }
  }

  /// Decodes string content (between the quotes) that ``scanString()`` validated.
  ///
  /// Decoded text is never longer than its escaped form, so it is written straight into the
  /// new string's storage; runs without escapes are copied with `memcpy`-speed slices.
  static func decodeString(_ raw: UnsafeRawBufferPointer, hasEscapes: Bool) -> String {
    if !hasEscapes { return String(decoding: raw, as: UTF8.self) }
    let n = raw.count
    return String(unsafeUninitializedCapacity: n) { out in
      var o = 0
      var i = 0
      func hex4(_ at: Int) -> UInt32? {
        guard at + 4 <= n else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 {
          guard let h = hexValue(raw[at + k]) else { return nil }
          v = v << 4 | h
        }
        return v
      }
      while i < n {
        // Copy the run up to the next backslash.
        var j = n
        if let base = raw.baseAddress, let p = memchr(base + i, 0x5C, n - i) {
          j = base.distance(to: UnsafeRawPointer(p))
        }
        if j > i {
          let run = j - i
          if let src = raw.baseAddress, let dst = out.baseAddress {
            (dst + o).update(from: src.assumingMemoryBound(to: UInt8.self) + i, count: run)
          }
          o += run
          i = j
        }
        guard i + 1 < n else {
          if i < n {
            out[o] = raw[i]
            o += 1
            i += 1
          }
          continue
        }
        let e = raw[i + 1]
        i += 2
        switch e {
        case UInt8(ascii: "b"): out[o] = 0x08
        case UInt8(ascii: "f"): out[o] = 0x0C
        case UInt8(ascii: "n"): out[o] = 0x0A
        case UInt8(ascii: "r"): out[o] = 0x0D
        case UInt8(ascii: "t"): out[o] = 0x09
        case UInt8(ascii: "u"):
          guard var u = hex4(i) else { continue }
          i += 4
          // Python: a high surrogate followed by `\u` + low surrogate combines; otherwise the
          // high surrogate stands alone (and becomes U+FFFD here).
          if u >= 0xD800 && u <= 0xDBFF, i + 1 < n, raw[i] == UInt8(ascii: "\\"),
            raw[i + 1] == UInt8(ascii: "u"), let lo = hex4(i + 2), lo >= 0xDC00 && lo <= 0xDFFF
          {
            u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00)
            i += 6
          }
          let scalar = Unicode.Scalar(u) ?? "\u{FFFD}"
          for byte in UTF8.encode(scalar)! {
            out[o] = byte
            o += 1
          }
          continue
        default: out[o] = e  // \" \\ \/
        }
        o += 1
      }
      return o
    }
  }

  // MARK: Numbers

  /// Exact powers of ten representable as doubles (Clinger's fast path).
  static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// Scans a number at the current offset (grammar of Python's `NUMBER_RE` plus `NaN`,
  /// `Infinity`, `-Infinity`).
  ///
  /// Conversion: exact integers and Clinger's fast path (at most 19 significant digits,
  /// mantissa ≤ 2^53, |decimal exponent| ≤ 22: one correctly rounded multiply or divide);
  /// everything else goes to `Double(String)`, which is correctly rounded like Python's
  /// `float()`.
  mutating func scanNumber() throws(JSONParseError) -> JSONNumber {
    let start = offset
    let count = bytes.count
    var negative = false
    if bytes[offset] == UInt8(ascii: "-") {
      negative = true
      offset += 1
      guard offset < count else { throw end("expected a digit after '-'") }
    }
    let first = bytes[offset]
    if first == UInt8(ascii: "I") {
      try literal("Infinity")
      nonFiniteLiterals += 1
      return JSONNumber(
        value: negative ? -.infinity : .infinity, isInteger: false, isNonFiniteLiteral: true)
    }
    if first == UInt8(ascii: "N") {
      if negative { throw syntax("'-NaN' is not accepted", at: start) }
      try literal("NaN")
      nonFiniteLiterals += 1
      return JSONNumber(value: .nan, isInteger: false, isNonFiniteLiteral: true)
    }
    var mantissa: UInt64 = 0
    var significant = 0
    var exponent = 0
    var dropped = false
    @inline(__always) func digit(_ d: UInt64, fraction: Bool) {
      if mantissa == 0 && d == 0 {
        if fraction { exponent -= 1 }
        return
      }
      if significant < 19 {
        mantissa = mantissa &* 10 &+ d
        significant += 1
        if fraction { exponent -= 1 }
      } else {
        if d != 0 { dropped = true }
        if !fraction { exponent += 1 }
      }
    }
    if first == UInt8(ascii: "0") {
      offset += 1
    } else if first >= UInt8(ascii: "1") && first <= UInt8(ascii: "9") {
      while offset < count, case let b = bytes[offset],
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
      {
        digit(UInt64(b - UInt8(ascii: "0")), fraction: false)
        offset += 1
      }
    } else {
      throw syntax("expected a digit, found \(describeByte(first))")
    }
    var isInteger = true
    if offset < count && bytes[offset] == UInt8(ascii: ".") {
      isInteger = false
      offset += 1
      guard offset < count else { throw end("expected a digit after '.'") }
      guard bytes[offset] >= UInt8(ascii: "0") && bytes[offset] <= UInt8(ascii: "9") else {
        throw syntax("expected a digit after '.'")
      }
      while offset < count, case let b = bytes[offset],
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
      {
        digit(UInt64(b - UInt8(ascii: "0")), fraction: true)
        offset += 1
      }
    }
    if offset < count && (bytes[offset] == UInt8(ascii: "e") || bytes[offset] == UInt8(ascii: "E"))
    {
      isInteger = false
      offset += 1
      var expNegative = false
      if offset < count
        && (bytes[offset] == UInt8(ascii: "+") || bytes[offset] == UInt8(ascii: "-"))
      {
        expNegative = bytes[offset] == UInt8(ascii: "-")
        offset += 1
      }
      guard offset < count else { throw end("expected a digit in the exponent") }
      guard bytes[offset] >= UInt8(ascii: "0") && bytes[offset] <= UInt8(ascii: "9") else {
        throw syntax("expected a digit in the exponent")
      }
      var e = 0
      while offset < count, case let b = bytes[offset],
        b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")
      {
        if e < 1_000_000 { e = e * 10 + Int(b - UInt8(ascii: "0")) }
        offset += 1
      }
      exponent += expNegative ? -e : e
    }
    var value: Double
    if !dropped && exponent == 0 {
      value = Double(mantissa)  // integer conversion is correctly rounded
    } else if !dropped && mantissa <= (1 << 53) && exponent >= -22 && exponent <= 22 {
      let m = Double(mantissa)
      value =
        exponent >= 0 ? m * JSONReader.powersOfTen[exponent] : m / JSONReader.powersOfTen[-exponent]
    } else {
      let text = String(
        decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
      return JSONNumber(
        value: Double(text) ?? .nan, isInteger: isInteger, isNonFiniteLiteral: false)
    }
    if negative && !(isInteger && value == 0) { value = -value }
    return JSONNumber(value: value, isInteger: isInteger, isNonFiniteLiteral: false)
  }
}

/// A number as read: its value, whether it was written as an integer, and whether it was one of
/// Python's non-finite literals (`NaN`, `Infinity`, `-Infinity`).
public struct JSONNumber: Hashable, Sendable {
  public var value: Double
  public var isInteger: Bool
  public var isNonFiniteLiteral: Bool

  public init(value: Double, isInteger: Bool, isNonFiniteLiteral: Bool = false) {
    self.value = value
    self.isInteger = isInteger
    self.isNonFiniteLiteral = isNonFiniteLiteral
  }
}

/// A string's raw bytes inside the reader's buffer (escapes not yet decoded). Valid only while
/// that buffer is alive.
public struct JSONKey {
  public let raw: UnsafeRawBufferPointer
  public let hasEscapes: Bool

  /// True when the decoded text equals `name` (byte comparison when there are no escapes).
  public func matches(_ name: StaticString) -> Bool {
    if hasEscapes { return string == name.description }
    let n = name.utf8CodeUnitCount
    guard n == raw.count else { return false }
    let p = name.utf8Start
    for i in 0..<n where raw[i] != p[i] { return false }
    return true
  }

  /// The decoded text.
  public var string: String { JSONReader.decodeString(raw, hasEscapes: hasEscapes) }
}
