import Foundation

/// A parsed JSON value. Objects keep their keys in file order (small objects, linear lookup).
///
/// The annotation files are large (psg.json, image_data.json) and Foundation's decoders run at
/// 5–8 MB/s on Linux (swift-notes §4), so the loaders use this small byte-level parser instead.
enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object(JSONObject)

  var objectValue: JSONObject? {
    if case .object(let o) = self { return o }
    return nil
  }
  var arrayValue: [JSONValue]? {
    if case .array(let a) = self { return a }
    return nil
  }
  var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }
  var doubleValue: Double? {
    if case .number(let d) = self { return d }
    return nil
  }
  /// The number as an Int when it is integral and in range.
  var intValue: Int? {
    guard case .number(let d) = self, d.rounded() == d, abs(d) < 9.0e15 else { return nil }
    return Int(d)
  }
  var boolValue: Bool? {
    if case .bool(let b) = self { return b }
    return nil
  }
  var isNull: Bool {
    if case .null = self { return true }
    return false
  }
}

/// A JSON object with keys in file order.
struct JSONObject: Sendable {
  var keys: [String] = []
  var values: [JSONValue] = []

  subscript(key: String) -> JSONValue? {
    guard let i = keys.firstIndex(of: key) else { return nil }
    return values[i]
  }
}

/// Parses `data` as one JSON document. Errors name `path`, the line and the column.
func parseJSON(_ data: Data, path: String) throws -> JSONValue {
  try data.withUnsafeBytes { raw in
    var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self), path: path)
    return try parser.parseDocument()
  }
}

private struct JSONParser {
  let bytes: UnsafeBufferPointer<UInt8>
  let path: String
  var pos = 0
  var depth = 0

  init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
    self.bytes = bytes
    self.path = path
  }

  mutating func parseDocument() throws -> JSONValue {
    // A UTF-8 byte order mark is tolerated, as Python's json.load (utf-8-sig) would not be;
    // files saved by Windows editors carry one.
    if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
    let v = try parseValue()
    skipSpace()
    if pos != bytes.count { throw error("unexpected trailing characters after the JSON value") }
    return v
  }

  func error(_ what: String) -> DatasetError {
    var line = 1
    var column = 1
    var i = 0
    let end = min(pos, bytes.count)
    while i < end {
      if bytes[i] == 0x0A {
        line += 1
        column = 1
      } else {
        column += 1
      }
      i += 1
    }
    let found = pos < bytes.count ? "'\(Character(Unicode.Scalar(bytes[pos])))'" : "end of file"
    return .malformed(
      path: path, detail: "line \(line), column \(column): \(what) (found \(found))")
  }

  mutating func skipSpace() {
    while pos < bytes.count {
      let c = bytes[pos]
      if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { pos += 1 } else { return }
    }
  }

  mutating func parseValue() throws -> JSONValue {
    skipSpace()
    guard pos < bytes.count else { throw error("expected a JSON value") }
    switch bytes[pos] {
    case UInt8(ascii: "{"): return .object(try parseObject())
    case UInt8(ascii: "["): return .array(try parseArray())
    case UInt8(ascii: "\""): return .string(try parseString())
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null
    case UInt8(ascii: "N"):
      // Python's json.dump writes NaN/Infinity for non-finite floats; accept them as it does.
      try literal("NaN")
      return .number(.nan)
    case UInt8(ascii: "I"):
      try literal("Infinity")
      return .number(.infinity)
    default: return .number(try parseNumber())
    }
  }

  mutating func literal(_ word: StaticString) throws {
    let n = word.utf8CodeUnitCount
    guard pos + n <= bytes.count else { throw error("expected '\(word)'") }
    let p = word.utf8Start
    for k in 0..<n where bytes[pos + k] != p[k] { throw error("expected '\(word)'") }
    pos += n
  }

  mutating func enter() throws {
    depth += 1
    if depth > 512 { throw error("nesting deeper than 512 levels") }
  }

  mutating func parseObject() throws -> JSONObject {
    try enter()
    defer { depth -= 1 }
    pos += 1
    var object = JSONObject()
    skipSpace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "}") {
      pos += 1
      return object
    }
    while true {
      skipSpace()
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
        throw error("expected a string key")
      }
      let key = try parseString()
      skipSpace()
      guard pos < bytes.count, bytes[pos] == UInt8(ascii: ":") else { throw error("expected ':'") }
      pos += 1
      let value = try parseValue()
      object.keys.append(key)
      object.values.append(value)
      skipSpace()
      guard pos < bytes.count else { throw error("unterminated object") }
      if bytes[pos] == UInt8(ascii: ",") {
        pos += 1
      } else if bytes[pos] == UInt8(ascii: "}") {
        pos += 1
        return object
      } else {
        throw error("expected ',' or '}'")
      }
    }
  }

  mutating func parseArray() throws -> [JSONValue] {
    try enter()
    defer { depth -= 1 }
    pos += 1
    var items: [JSONValue] = []
    skipSpace()
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "]") {
      pos += 1
      return items
    }
    while true {
      items.append(try parseValue())
      skipSpace()
      guard pos < bytes.count else { throw error("unterminated array") }
      if bytes[pos] == UInt8(ascii: ",") {
        pos += 1
      } else if bytes[pos] == UInt8(ascii: "]") {
        pos += 1
        return items
      } else {
        throw error("expected ',' or ']'")
      }
    }
  }

  mutating func parseString() throws -> String {
    pos += 1
    let start = pos
    while pos < bytes.count {
      let c = bytes[pos]
      if c == UInt8(ascii: "\"") {
        let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<pos]), as: UTF8.self)
        pos += 1
        return s
      }
      if c == UInt8(ascii: "\\") { return try parseEscapedString(from: start) }
      pos += 1
    }
    throw error("unterminated string")
  }

  mutating func parseEscapedString(from start: Int) throws -> String {
    var out: [UInt8] = Array(bytes[start..<pos])
    while pos < bytes.count {
      let c = bytes[pos]
      if c == UInt8(ascii: "\"") {
        pos += 1
        return String(decoding: out, as: UTF8.self)
      }
      guard c == UInt8(ascii: "\\") else {
        out.append(c)
        pos += 1
        continue
      }
      pos += 1
      guard pos < bytes.count else { break }
      let e = bytes[pos]
      pos += 1
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar), pos + 1 < bytes.count,
          bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u")
        {
          pos += 2
          let low = try hex4()
          if (0xDC00..<0xE000).contains(low) {
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          }
        }
        let u = Unicode.Scalar(scalar) ?? "\u{FFFD}"
        out.append(contentsOf: Array(String(Character(u)).utf8))
      default:
        pos -= 1
        throw error("invalid escape in string")
      }
    }
    throw error("unterminated string")
  }

  mutating func hex4() throws -> UInt32 {
    guard pos + 4 <= bytes.count else { throw error("truncated \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[pos]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw error("invalid hex digit in \\u escape")
      }
      v = v << 4 | d
      pos += 1
    }
    return v
  }

  mutating func parseNumber() throws -> Double {
    let start = pos
    var negative = false
    if pos < bytes.count, bytes[pos] == UInt8(ascii: "-") {
      negative = true
      pos += 1
      if pos < bytes.count, bytes[pos] == UInt8(ascii: "I") {
        try literal("Infinity")
        return -.infinity
      }
    }
    var mantissa: UInt64 = 0
    var digits = 0
    while pos < bytes.count, bytes[pos] >= UInt8(ascii: "0"), bytes[pos] <= UInt8(ascii: "9") {
      if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(bytes[pos] - UInt8(ascii: "0")) }
      digits += 1
      pos += 1
    }
    guard digits > 0 else {
      pos = start
      throw error("expected a JSON value")
    }
    let isInteger =
      pos >= bytes.count
      || (bytes[pos] != UInt8(ascii: ".") && bytes[pos] != UInt8(ascii: "e")
        && bytes[pos] != UInt8(ascii: "E"))
    if isInteger && digits <= 15 {
      let v = Double(mantissa)
      return negative ? -v : v
    }
    // General case: hand the literal to strtod, which rounds correctly.
    while pos < bytes.count {
      let c = bytes[pos]
      let isNumberByte =
        (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: ".")
        || c == UInt8(ascii: "e") || c == UInt8(ascii: "E") || c == UInt8(ascii: "+")
        || c == UInt8(ascii: "-")
      if !isNumberByte { break }
      pos += 1
    }
    let length = pos - start
    guard length < 400 else { throw error("number literal too long") }
    return try withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buf in
      for k in 0..<length { buf[k] = CChar(bitPattern: bytes[start + k]) }
      buf[length] = 0
      var end: UnsafeMutablePointer<CChar>?
      let v = strtod(buf.baseAddress!, &end)
      guard let end, end - buf.baseAddress! == length else {
        throw error("malformed number")
      }
      return v
    }
  }
}
