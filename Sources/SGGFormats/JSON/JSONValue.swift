/// A parsed JSON document, as Python's `json.loads` sees it but with object members kept in
/// order (duplicates included, so a caller can see and report them).
///
/// Numbers are `Double` plus whether they were written as integers (no fraction, no exponent),
/// which is what Python distinguishes as `int` vs `float`. Integers too large for a `Double`
/// are rounded to the nearest one (Python keeps them exact; no scene-graph field needs that).
/// `NaN`, `Infinity` and `-Infinity` (accepted by Python) arrive as non-finite doubles.
public enum JSONValue: Sendable {
  case null
  case bool(Bool)
  case number(Double, isInteger: Bool)
  case string(String)
  case array([JSONValue])
  /// Members in source order; duplicate keys are all present.
  case object([(key: String, value: JSONValue)])

  /// The kind of this value.
  public var kind: JSONValueKind {
    switch self {
    case .null: return .null
    case .bool: return .bool
    case .number: return .number
    case .string: return .string
    case .array: return .array
    case .object: return .object
    }
  }

  /// The value of `key` with Python `dict` semantics: the LAST member with that key wins.
  public subscript(key: String) -> JSONValue? {
    guard case .object(let members) = self else { return nil }
    return members.last(where: { $0.key == key })?.value
  }

  /// Keys that occur more than once in this object (first-seen order); empty for non-objects.
  public var duplicateKeys: [String] {
    guard case .object(let members) = self else { return [] }
    var seen = Set<String>()
    var dups: [String] = []
    for m in members where !seen.insert(m.key).inserted && !dups.contains(m.key) {
      dups.append(m.key)
    }
    return dups
  }

  /// Parses one complete JSON document (whitespace around it allowed, nothing else).
  public static func parse(
    _ bytes: UnsafeRawBufferPointer, maxDepth: Int = JSONReader.defaultMaxDepth
  )
    throws(JSONParseError) -> JSONValue
  {
    var reader = JSONReader(bytes: bytes, maxDepth: maxDepth)
    let value = try reader.readValue()
    try reader.finish()
    return value
  }

  /// Parses one complete JSON document from bytes.
  public static func parse(_ bytes: [UInt8], maxDepth: Int = JSONReader.defaultMaxDepth)
    throws(JSONParseError) -> JSONValue
  {
    let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBytes { raw in
      Result { () throws(JSONParseError) -> JSONValue in try parse(raw, maxDepth: maxDepth) }
    }
    return try result.get()
  }

  /// Parses one complete JSON document from text (its UTF-8 bytes).
  public static func parse(_ text: String, maxDepth: Int = JSONReader.defaultMaxDepth)
    throws(JSONParseError) -> JSONValue
  {
    try parse(Array(text.utf8), maxDepth: maxDepth)
  }
}

extension JSONValue: Equatable {
  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.number(let x, let xi), .number(let y, let yi)):
      return xi == yi && (x == y || (x.isNaN && y.isNaN))
    case (.string(let x), .string(let y)): return x == y
    case (.array(let x), .array(let y)): return x == y
    case (.object(let x), .object(let y)):
      return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    default: return false
    }
  }
}

extension JSONValue: Hashable {
  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let b): hasher.combine(b)
    case .number(let d, let i):
      if d.isNaN { hasher.combine(Double.nan.bitPattern) } else { hasher.combine(d) }
      hasher.combine(i)
    case .string(let s): hasher.combine(s)
    case .array(let a): hasher.combine(a)
    case .object(let m):
      hasher.combine(m.count)
      for (k, v) in m {
        hasher.combine(k)
        hasher.combine(v)
      }
    }
  }
}
