/// Python `str.strip()` / `lstrip()` / `rstrip()` without arguments: Unicode whitespace as
/// `str.isspace` defines it (White_Space plus the information separators U+001C–U+001F).
enum PythonStrip {
  static func isSpace(_ u: Unicode.Scalar) -> Bool {
    u.properties.isWhitespace || (0x1C...0x1F).contains(u.value)
  }

  static func strip(_ s: String) -> String { rstrip(lstrip(s)) }

  static func lstrip(_ s: String) -> String {
    let scalars = s.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }) else { return "" }
    return String(scalars[first...])
  }

  static func rstrip(_ s: String) -> String {
    let scalars = s.unicodeScalars
    guard let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
    return String(scalars[...last])
  }
}
