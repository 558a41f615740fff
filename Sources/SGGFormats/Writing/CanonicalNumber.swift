/// Number and string spelling shared by the writers.
public enum CanonicalNumber {
  /// TOON canonical form (spec v4 encoder rules): plain decimal, shortest digits that round-trip,
  /// no exponent, no trailing fractional zeros, `-0` → `0`; NaN and ±∞ → `null`.
  /// `1.50` → `1.5`, `1e6` → `1000000`, `1.5e-7` → `0.00000015`.
  public static func toon(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == 0 { return "0" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    return plainDecimal("\(d)")
  }

  /// JSON form: integral values below 1e15 without `.0`; otherwise Swift's shortest
  /// round-trip spelling (exponent allowed, valid JSON); `-0` → `0`; NaN and ±∞ → `null`
  /// (JSON has no spelling for them).
  public static func json(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == 0 { return "0" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    var s = "\(d)"
    if s.hasSuffix(".0") { s.removeLast(2) }
    return s
  }

  /// Expands Swift's shortest spelling (`1.5e-07`, `1e+16`, `123.25`) to plain decimal.
  static func plainDecimal(_ s: String) -> String {
    var text = Substring(s)
    var sign = ""
    if text.first == "-" {
      sign = "-"
      text = text.dropFirst()
    }
    var exponent = 0
    if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
      exponent = Int(text[text.index(after: e)...]) ?? 0
      text = text[..<e]
    }
    var digits = ""
    var point = 0
    if let dot = text.firstIndex(of: ".") {
      digits = String(text[..<dot]) + String(text[text.index(after: dot)...])
      point = text.distance(from: text.startIndex, to: dot)
    } else {
      digits = String(text)
      point = digits.count
    }
    point += exponent
    var intPart: String
    var fracPart: String
    if point <= 0 {
      intPart = "0"
      fracPart = String(repeating: "0", count: -point) + digits
    } else if point >= digits.count {
      intPart = digits + String(repeating: "0", count: point - digits.count)
      fracPart = ""
    } else {
      let i = digits.index(digits.startIndex, offsetBy: point)
      intPart = String(digits[..<i])
      fracPart = String(digits[i...])
    }
    while fracPart.hasSuffix("0") { fracPart.removeLast() }
    while intPart.count > 1 && intPart.hasPrefix("0") { intPart.removeFirst() }
    return sign + intPart + (fracPart.isEmpty ? "" : "." + fracPart)
  }

  /// A JSON string literal (UTF-8 kept, `"` `\` and control characters escaped).
  public static func jsonString(_ s: String) -> String {
    var out = "\""
    out.reserveCapacity(s.utf8.count + 2)
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if u.value < 0x20 {
          out += "\\u" + hex4(u.value)
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  static func hex4(_ v: UInt32) -> String {
    let h = String(v, radix: 16, uppercase: false)
    return String(repeating: "0", count: max(0, 4 - h.count)) + h
  }

  /// A TOON cell/value: unquoted when the spec allows, else quoted with TOON escapes.
  /// Must quote: empty; leading/trailing space or tab; `true`/`false`/`null`; numeric-like
  /// (`^[+-]?[0-9]+(\.[0-9]+)?(e[+-]?[0-9]+)?$`, any case); contains `:` `"` `\` `[` `]` `{` `}`
  /// or a control character; contains `delimiter`; starts with `-` or `#`.
  public static func toonString(_ s: String, delimiter: Character = ",") -> String {
    guard needsQuotes(s, delimiter: delimiter) else { return s }
    var out = "\""
    for u in s.unicodeScalars {
      switch u {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if u.value < 0x20 || u.value == 0x7F {
          out += "\\u" + hex4(u.value)
        } else {
          out.unicodeScalars.append(u)
        }
      }
    }
    return out + "\""
  }

  static func needsQuotes(_ s: String, delimiter: Character) -> Bool {
    guard let first = s.unicodeScalars.first, let last = s.unicodeScalars.last else { return true }
    if first == " " || first == "\t" || last == " " || last == "\t" { return true }
    if s == "true" || s == "false" || s == "null" { return true }
    if first == "-" || first == "#" { return true }
    if isNumericLike(s) { return true }
    for u in s.unicodeScalars {
      switch u {
      case ":", "\"", "\\", "[", "]", "{", "}": return true
      default:
        if u.value < 0x20 || u.value == 0x7F { return true }
        if Character(u) == delimiter { return true }
      }
    }
    return false
  }

  static func isNumericLike(_ s: String) -> Bool {
    let b = Array(s.utf8)
    var i = 0
    func isD(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
    let d = i
    while i < b.count && isD(b[i]) { i += 1 }
    guard i > d else { return false }
    if i < b.count && b[i] == UInt8(ascii: ".") {
      i += 1
      let f = i
      while i < b.count && isD(b[i]) { i += 1 }
      guard i > f else { return false }
    }
    if i < b.count && (b[i] | 0x20) == UInt8(ascii: "e") {
      i += 1
      if i < b.count && (b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-")) { i += 1 }
      let e = i
      while i < b.count && isD(b[i]) { i += 1 }
      guard i > e else { return false }
    }
    return i == b.count
  }
}
