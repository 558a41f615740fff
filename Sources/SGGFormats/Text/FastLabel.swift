import SGGCore

/// ASCII fast paths that give exactly ``LabelNormalizer`` results without the generic
/// `String` machinery (the hot JSONL path refines every id and predicate).
enum FastLabel {
  /// `LabelNormalizer.refine` of UTF-8 bytes.
  static func refine(_ bytes: UnsafeRawBufferPointer) -> String {
    guard bytes.allSatisfy({ $0 < 0x80 }) else {
      return LabelNormalizer.refine(String(decoding: bytes, as: UTF8.self))
    }
    // ASCII whitespace per Character.isWhitespace: \t \n \v \f \r and space.
    func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
    var lo = 0
    var hi = bytes.count
    // `_` and `-` become spaces before stripping, so they are stripped too.
    func mapped(_ b: UInt8) -> UInt8 {
      b == UInt8(ascii: "_") || b == UInt8(ascii: "-") ? 0x20 : b
    }
    while lo < hi && isSpace(mapped(bytes[lo])) { lo += 1 }
    while hi > lo && isSpace(mapped(bytes[hi - 1])) { hi -= 1 }
    return String(unsafeUninitializedCapacity: hi - lo) { out in
      for i in lo..<hi {
        var b = mapped(bytes[i])
        if b >= 0x41 && b <= 0x5A { b += 0x20 }
        out[i - lo] = b
      }
      return hi - lo
    }
  }

  /// `LabelNormalizer.r1sggCategory(ofID:)` of an already refined id.
  static func category(ofRefined id: String) -> String {
    if let dot = id.utf8.firstIndex(of: UInt8(ascii: ".")) { return String(id[..<dot]) }
    return id
  }
}
