/// Python `str` primitives on Unicode scalars (Python strings are sequences of code points),
/// used where a parser must behave exactly like an anchor's Python code.
enum PythonText {
  /// `str.isspace()` and regex `\s` for `str` patterns: bidi class WS/B/S or category Zs.
  static func isSpace(_ u: Unicode.Scalar) -> Bool {
    switch u.value {
    case 0x09...0x0D, 0x1C...0x1F, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029,
      0x202F, 0x205F, 0x3000:
      return true
    default: return false
    }
  }

  /// Regex `\d` for `str` patterns: Unicode category Nd.
  static func isDecimal(_ u: Unicode.Scalar) -> Bool {
    if u.value < 0x80 { return u.value >= 0x30 && u.value <= 0x39 }
    return u.properties.generalCategory == .decimalNumber
  }

  /// `str.isdigit()` for one scalar: Numeric_Type Decimal or Digit (includes superscripts).
  static func isDigit(_ u: Unicode.Scalar) -> Bool {
    if u.value < 0x80 { return u.value >= 0x30 && u.value <= 0x39 }
    let t = u.properties.numericType
    return t == .decimal || t == .digit
  }

  /// `s.isdigit()`: non-empty and every scalar a digit.
  static func isDigits<C: Collection>(_ s: C) -> Bool where C.Element == Unicode.Scalar {
    !s.isEmpty && s.allSatisfy(isDigit)
  }

  /// `int(s)` for a string of digits: nil (Python raises `ValueError`) when a scalar is a
  /// digit but not a decimal (superscripts), otherwise the canonical decimal text
  /// (leading zeros removed, as `str(int(s))` gives).
  static func intText<C: Collection>(_ s: C) -> String? where C.Element == Unicode.Scalar {
    var out = ""
    for u in s {
      guard isDecimal(u) else { return nil }
      let d: Int
      if u.value < 0x80 {
        d = Int(u.value - 0x30)
      } else {
        guard let v = u.properties.numericValue else { return nil }
        d = Int(v)
      }
      if out.isEmpty && d == 0 { continue }
      out.append(Character(Unicode.Scalar(UInt8(0x30 + d))))
    }
    return out.isEmpty ? (s.isEmpty ? nil : "0") : out
  }

  /// `s.strip()`.
  static func strip(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
    rstrip(lstrip(s))
  }

  /// `s.lstrip()`.
  static func lstrip(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
    guard let i = s.firstIndex(where: { !isSpace($0) }) else { return s[s.endIndex...] }
    return s[i...]
  }

  /// `s.rstrip()`.
  static func rstrip(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
    guard let i = s.lastIndex(where: { !isSpace($0) }) else {
      return s[s.startIndex..<s.startIndex]
    }
    return s[...i]
  }

  /// `s.splitlines()` (no keepends): breaks on \n, \r, \r\n, \v, \f, \x1c–\x1e, \x85,
  /// U+2028, U+2029; a trailing break does not produce an empty last line.
  static func splitlines(_ s: [Unicode.Scalar]) -> [ArraySlice<Unicode.Scalar>] {
    var lines: [ArraySlice<Unicode.Scalar>] = []
    var start = 0
    var i = 0
    while i < s.count {
      switch s[i].value {
      case 0x0A, 0x0B, 0x0C, 0x1C, 0x1D, 0x1E, 0x85, 0x2028, 0x2029:
        lines.append(s[start..<i])
        i += 1
        start = i
      case 0x0D:
        lines.append(s[start..<i])
        i += (i + 1 < s.count && s[i + 1].value == 0x0A) ? 2 : 1
        start = i
      default:
        i += 1
      }
    }
    if start < s.count { lines.append(s[start..<s.count]) }
    return lines
  }

  /// `s.replace(old, new)`: non-overlapping, left to right.
  static func replace(_ s: [Unicode.Scalar], _ old: String, _ new: String) -> [Unicode.Scalar] {
    let o = Array(old.unicodeScalars)
    let n = Array(new.unicodeScalars)
    guard !o.isEmpty, s.count >= o.count else { return s }
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(s.count)
    var i = 0
    while i < s.count {
      if i + o.count <= s.count && s[i] == o[0] && s[i..<(i + o.count)].elementsEqual(o) {
        out.append(contentsOf: n)
        i += o.count
      } else {
        out.append(s[i])
        i += 1
      }
    }
    return out
  }

  /// Index of the first occurrence of `needle` at or after `from`.
  static func find(_ s: ArraySlice<Unicode.Scalar>, _ needle: [Unicode.Scalar], from: Int? = nil)
    -> Int?
  {
    guard !needle.isEmpty else { return from ?? s.startIndex }
    var i = from ?? s.startIndex
    while i + needle.count <= s.endIndex {
      if s[i] == needle[0] && s[i..<(i + needle.count)].elementsEqual(needle) { return i }
      i += 1
    }
    return nil
  }

  /// Case-insensitive match of one scalar against a lowercase ASCII letter, as Python's
  /// `re.IGNORECASE` does for `str` patterns (which also folds U+017F ſ to s and U+212A K to k).
  static func equalsIgnoringCase(_ u: Unicode.Scalar, _ lower: UInt8) -> Bool {
    let v = u.value
    if v == UInt32(lower) { return true }
    if lower >= 0x61 && lower <= 0x7A && v == UInt32(lower - 0x20) { return true }
    if lower == UInt8(ascii: "s") && v == 0x17F { return true }
    if lower == UInt8(ascii: "k") && v == 0x212A { return true }
    return false
  }

  /// Python `float(s)`: surrounding whitespace, optional sign, decimal digits of any script,
  /// `_` between digits, `inf`/`infinity`/`nan` in any case; nil where Python raises.
  static func float<C: Collection>(_ text: C) -> Double? where C.Element == Unicode.Scalar {
    let s = strip(ArraySlice(text))
    guard !s.isEmpty else { return nil }
    var ascii: [UInt8] = []
    ascii.reserveCapacity(s.count)
    var previousWasDigit = false
    var pendingUnderscore = false
    for u in s {
      if u == "_" {
        guard previousWasDigit, !pendingUnderscore else { return nil }
        pendingUnderscore = true
        continue
      }
      let isDigit = isDecimal(u)
      if pendingUnderscore && !isDigit { return nil }
      pendingUnderscore = false
      previousWasDigit = isDigit
      if isDigit {
        if u.value < 0x80 {
          ascii.append(UInt8(u.value))
        } else {
          guard let v = u.properties.numericValue else { return nil }
          ascii.append(UInt8(0x30 + Int(v)))
        }
      } else {
        guard u.isASCII else { return nil }
        ascii.append(UInt8(u.value))
      }
    }
    if pendingUnderscore { return nil }
    var body = ascii[...]
    var negative = false
    if let f = body.first, f == UInt8(ascii: "+") || f == UInt8(ascii: "-") {
      negative = f == UInt8(ascii: "-")
      body = body.dropFirst()
    }
    let lowered = String(decoding: body, as: UTF8.self).lowercased()
    if lowered == "inf" || lowered == "infinity" { return negative ? -.infinity : .infinity }
    if lowered == "nan" { return .nan }
    guard isDecimalLiteral(body) else { return nil }
    return Double(String(decoding: ascii, as: UTF8.self))
  }

  /// `digits [. digits?] | . digits`, then an optional exponent.
  private static func isDecimalLiteral(_ b: ArraySlice<UInt8>) -> Bool {
    var i = b.startIndex
    func isD(_ x: UInt8) -> Bool { x >= 0x30 && x <= 0x39 }
    var intDigits = 0
    while i < b.endIndex && isD(b[i]) {
      i += 1
      intDigits += 1
    }
    var fracDigits = 0
    if i < b.endIndex && b[i] == UInt8(ascii: ".") {
      i += 1
      while i < b.endIndex && isD(b[i]) {
        i += 1
        fracDigits += 1
      }
    }
    guard intDigits + fracDigits > 0 else { return false }
    if i < b.endIndex && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
      i += 1
      if i < b.endIndex && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
      var expDigits = 0
      while i < b.endIndex && isD(b[i]) {
        i += 1
        expDigits += 1
      }
      guard expDigits > 0 else { return false }
    }
    return i == b.endIndex
  }
}

extension Array where Element == Unicode.Scalar {
  /// The scalars as a `String`.
  var string: String {
    var s = String.UnicodeScalarView()
    s.append(contentsOf: self)
    return String(s)
  }
}

extension ArraySlice where Element == Unicode.Scalar {
  /// The scalars as a `String`.
  var string: String {
    var s = String.UnicodeScalarView()
    s.append(contentsOf: self)
    return String(s)
  }
}
