/// The whitespace-separated fields of one line of bytes, as Python's `str.split()` (no argument)
/// finds them, with the field and number parsers the database readers share.
///
/// nltk splits every database line with `str.split()`. The WordNet 3.0 files are ASCII, so only
/// ASCII whitespace is recognised: space, `\t`, `\n`, `\v`, `\f`, `\r` and the separators
/// `\x1c`–`\x1f`, which Python also counts as whitespace.
struct WhitespaceTokens: IteratorProtocol {
  private let bytes: UnsafeBufferPointer<UInt8>
  private var position: Int
  private let end: Int

  /// The fields of `bytes[range]`.
  init(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
    self.bytes = bytes
    self.position = range.lowerBound
    self.end = range.upperBound
  }

  /// The next field's byte range, or nil after the last one.
  mutating func next() -> Range<Int>? {
    while position < end && Self.isSpace(bytes[position]) { position += 1 }
    guard position < end else { return nil }
    let start = position
    while position < end && !Self.isSpace(bytes[position]) { position += 1 }
    return start..<position
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (0x09...0x0d).contains(byte) || (0x1c...0x1f).contains(byte)
  }

  /// The bytes up to (not including) the next `\n` from `start`, or to the end.
  static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    var position = start
    while position < bytes.count && bytes[position] != UInt8(ascii: "\n") { position += 1 }
    return position
  }

  /// A field of ASCII decimal digits as an integer; nil for anything else or an overflow.
  static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    number(bytes, range, radix: 10)
  }

  /// A field of ASCII hexadecimal digits (either case) as an integer, as Python's `int(x, 16)`.
  static func hexadecimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    number(bytes, range, radix: 16)
  }

  private static func number(
    _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, radix: Int
  ) -> Int? {
    guard !range.isEmpty, range.count <= 15 else { return nil }
    var value = 0
    for position in range {
      let byte = bytes[position]
      let digit: Int
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = Int(byte - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16:
        digit = Int(byte - UInt8(ascii: "a")) + 10
      case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16:
        digit = Int(byte - UInt8(ascii: "A")) + 10
      default: return nil
      }
      value = value * radix + digit
    }
    return value
  }
}
