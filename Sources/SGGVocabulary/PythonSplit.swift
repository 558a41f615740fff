/// Python's `str.split()` with no argument: runs of whitespace separate words, and leading or
/// trailing whitespace gives no empty word. R1-SGG's phrase rule splits this way, so
/// "street  sign" (two spaces) is two words, as is "street sign".
enum PythonSplit {
  static func words(_ s: String) -> [Substring] {
    s.split(whereSeparator: isPythonSpace)
  }

  /// `str.isspace` for one character: Unicode whitespace plus the ASCII separators \x1c–\x1f.
  static func isPythonSpace(_ c: Character) -> Bool {
    if c.isWhitespace { return true }
    guard let scalar = c.unicodeScalars.first, c.unicodeScalars.count == 1 else { return false }
    return (0x1C...0x1F).contains(scalar.value)
  }
}
