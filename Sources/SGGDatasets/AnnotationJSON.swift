import Foundation
import SGGFormats

/// Parses `data` as one JSON document with SGGFormats' ``JSONReader`` (the one JSON parser of the
/// package). Errors become ``DatasetError/malformed(path:detail:)`` naming `path`, the 1-based
/// line and column, and the reader's message.
///
/// Two deliberate differences from `JSONValue.parse`: a leading UTF-8 byte order mark is skipped
/// (annotation files re-saved by Windows editors carry one; Python's `json.load` with
/// `encoding='utf-8-sig'` reads them), and the position is reported as line/column because a
/// byte offset into a 400 MB psg.json is not something a person can look up.
func parseJSON(_ data: Data, path: String) throws -> JSONValue {
  try data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) throws -> JSONValue in
    try parseJSON(raw, path: path)
  }
}

private func parseJSON(_ raw: UnsafeRawBufferPointer, path: String) throws -> JSONValue {
  let hasBOM = raw.count >= 3 && raw[0] == 0xEF && raw[1] == 0xBB && raw[2] == 0xBF
  var reader = JSONReader(bytes: raw, offset: hasBOM ? 3 : 0)
  do {
    let value = try reader.readValue()
    try reader.finish()
    return value
  } catch {
    let (line, column) = lineAndColumn(of: error.offset, in: raw)
    throw DatasetError.malformed(
      path: path, detail: "line \(line), column \(column): \(error.message)")
  }
}

/// 1-based line and column (in bytes) of `offset`.
private func lineAndColumn(of offset: Int, in bytes: UnsafeRawBufferPointer) -> (Int, Int) {
  var line = 1
  var lineStart = 0
  let end = min(max(offset, 0), bytes.count)
  for i in 0..<end where bytes[i] == 0x0A {
    line += 1
    lineStart = i + 1
  }
  return (line, end - lineStart + 1)
}

/// Typed views of a parsed value, as the loaders read annotation fields. Object members are
/// looked up with `JSONValue`'s subscript, which has Python `dict` semantics (the last duplicate
/// key wins), so a loader sees what `json.load` would.
extension JSONValue {
  /// The value itself when it is an object (read its members with the subscript or
  /// ``members``), else nil.
  var objectValue: JSONValue? {
    if case .object = self { return self }
    return nil
  }
  /// An object's members in file order (duplicates collapsed, last value kept, at the first
  /// key's position — the order Python's `dict` iterates).
  var members: [(key: String, value: JSONValue)] {
    guard case .object(let m) = self else { return [] }
    var slot: [String: Int] = [:]
    var out: [(key: String, value: JSONValue)] = []
    for (k, v) in m {
      if let i = slot[k] {
        out[i].value = v
      } else {
        slot[k] = out.count
        out.append((k, v))
      }
    }
    return out
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
    if case .number(let d, _) = self { return d }
    return nil
  }
  /// The number as an Int when it is integral and in range (`3.0` counts: the loaders read
  /// ids and indices that some exporters write as floats).
  var intValue: Int? {
    guard case .number(let d, _) = self, d.rounded() == d, abs(d) < 9.0e15 else { return nil }
    return Int(d)
  }
}
