#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Byte-level text helpers for the fast parsers (all markers they look for are ASCII, and
/// UTF-8 never uses ASCII bytes inside a multi-byte sequence).
enum ByteText {
  @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
    b == 0x20 || (b >= 0x09 && b <= 0x0D)
  }

  @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

  /// `range` without ASCII whitespace at either end.
  static func trim(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
    var lo = range.lowerBound
    var hi = range.upperBound
    while lo < hi && isSpace(b[lo]) { lo += 1 }
    while hi > lo && isSpace(b[hi - 1]) { hi -= 1 }
    return lo..<hi
  }

  static func isBlank(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
    trim(b, range).isEmpty
  }

  /// First index of byte `c` in `range` (memchr).
  static func index(of c: UInt8, in b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
    guard !range.isEmpty, let base = b.baseAddress else { return nil }
    guard let p = memchr(base + range.lowerBound, Int32(c), range.count) else { return nil }
    return base.distance(to: p.assumingMemoryBound(to: UInt8.self))
  }

  /// True when `needle` (lowercase ASCII) occurs at `i`, ignoring ASCII case.
  static func hasPrefixCI(
    _ b: UnsafeBufferPointer<UInt8>, at i: Int, _ needle: StaticString, end: Int
  ) -> Bool {
    let n = needle.utf8CodeUnitCount
    guard i >= 0, i + n <= end else { return false }
    let p = needle.utf8Start
    for k in 0..<n where lower(b[i + k]) != p[k] { return false }
    return true
  }

  /// First occurrence of `needle` (lowercase ASCII) in `range`, ignoring ASCII case.
  static func findCI(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString, in range: Range<Int>)
    -> Int?
  {
    let first = needle.utf8Start[0]
    var i = range.lowerBound
    let upper = first >= 0x61 && first <= 0x7A ? first - 0x20 : first
    while i < range.upperBound {
      let c = b[i]
      if (c == first || c == upper) && hasPrefixCI(b, at: i, needle, end: range.upperBound) {
        return i
      }
      i += 1
    }
    return nil
  }

  /// First occurrence of `needle` (exact bytes) in `range`, via memchr on its first byte.
  static func find(_ b: UnsafeBufferPointer<UInt8>, _ needle: StaticString, in range: Range<Int>)
    -> Int?
  {
    let n = needle.utf8CodeUnitCount
    let p = needle.utf8Start
    var lo = range.lowerBound
    while let i = index(of: p[0], in: b, lo..<range.upperBound) {
      if i + n > range.upperBound { return nil }
      var ok = true
      for k in 1..<n where b[i + k] != p[k] {
        ok = false
        break
      }
      if ok { return i }
      lo = i + 1
    }
    return nil
  }

  static func string(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
    String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
  }

  /// Canonical text of an ASCII integer token (`007` → `7`), nil unless all digits.
  static func integerText(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String? {
    guard !range.isEmpty else { return nil }
    for i in range where !(b[i] >= 0x30 && b[i] <= 0x39) { return nil }
    var lo = range.lowerBound
    while lo < range.upperBound - 1 && b[lo] == 0x30 { lo += 1 }
    return string(b, lo..<range.upperBound)
  }

  /// A decimal number token (`-?digits[.digits][e±digits]`, also `+`, `.5`, `5.`, leading
  /// zeros), nil for anything else (no `inf`, `nan`, hex). Plain decimals of at most 15 digits
  /// take Clinger's exact fast path; everything else `Double(String)`.
  static func decimal(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Double? {
    guard !range.isEmpty, range.count < 400 else { return nil }
    var i = range.lowerBound
    var negative = false
    if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") {
      negative = b[i] == UInt8(ascii: "-")
      i += 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var fraction = 0
    var sawPoint = false
    var simple = true
    while i < range.upperBound {
      let c = b[i]
      if c >= 0x30 && c <= 0x39 {
        mantissa = mantissa &* 10 &+ UInt64(c - 0x30)
        digits += 1
        if sawPoint { fraction += 1 }
      } else if c == UInt8(ascii: ".") && !sawPoint {
        sawPoint = true
      } else {
        simple = false
        break
      }
      i += 1
    }
    if simple && digits > 0 && digits <= 15 {
      let v = Double(mantissa) / JSONReader.powersOfTen[fraction]
      return negative ? -v : v
    }
    for k in range {
      switch b[k] {
      case 0x30...0x39, UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "e"),
        UInt8(ascii: "E"):
        break
      default: return nil
      }
    }
    guard digits > 0 || !simple, let d = Double(string(b, range)), d.isFinite else { return nil }
    return d
  }
}
