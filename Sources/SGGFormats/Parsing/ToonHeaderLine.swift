/// A lenient TOON tabular header line: `key[N]{fields}:` with optional spaces inside, an
/// optional `|` or tab delimiter in the brackets, and an optional first row after the colon.
struct ToonHeaderLine {
  var key: String
  var count: Int
  var delimiter: UInt8
  /// Text after the colon (trimmed; may be empty).
  var tail: Range<Int>

  static func parse(_ b: UnsafeBufferPointer<UInt8>, _ line: Range<Int>) -> ToonHeaderLine? {
    let r = ByteText.trim(b, line)
    var i = r.lowerBound
    let end = r.upperBound
    func isAlpha(_ c: UInt8) -> Bool {
      (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == UInt8(ascii: "_")
    }
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    func skipSpaces() { while i < end && (b[i] == 0x20) { i += 1 } }
    guard i < end, isAlpha(b[i]) else { return nil }
    let keyStart = i
    while i < end && (isAlpha(b[i]) || isDigit(b[i]) || b[i] == UInt8(ascii: ".")) { i += 1 }
    let key = ByteText.string(b, keyStart..<i)
    skipSpaces()
    guard i < end, b[i] == UInt8(ascii: "[") else { return nil }
    i += 1
    skipSpaces()
    let d = i
    var count = 0
    while i < end && isDigit(b[i]) {
      if count < 100_000_000 { count = count * 10 + Int(b[i] - 0x30) }
      i += 1
    }
    guard i > d else { return nil }
    var delimiter = UInt8(ascii: ",")
    if i < end && (b[i] == UInt8(ascii: "|") || b[i] == 0x09) {
      delimiter = b[i]
      i += 1
    }
    skipSpaces()
    guard i < end, b[i] == UInt8(ascii: "]") else { return nil }
    i += 1
    skipSpaces()
    guard i < end, b[i] == UInt8(ascii: "{") else { return nil }
    // The first `}` followed (after spaces) by `:`.
    var j = i + 1
    while j < end {
      if b[j] == UInt8(ascii: "}") {
        var k = j + 1
        while k < end && b[k] == 0x20 { k += 1 }
        if k < end && b[k] == UInt8(ascii: ":") {
          return ToonHeaderLine(
            key: key, count: count, delimiter: delimiter, tail: ByteText.trim(b, (k + 1)..<end))
        }
      }
      j += 1
    }
    return nil
  }
}
