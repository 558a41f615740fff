import SGGFormats

/// A JSON value with ordered keys, for output whose key order is part of its interface.
public indirect enum JSONOutput: Sendable {
  case object([(String, JSONOutput)])
  case array([JSONOutput])
  case string(String)
  case number(Double)
  case integer(Int)
  case bool(Bool)
  case null

  /// Pretty-printed text with two-space indentation (no trailing newline).
  public func rendered(indent: Int = 0) -> String {
    var out = ""
    write(to: &out, indent: indent)
    return out
  }

  private func write(to out: inout String, indent: Int) {
    let pad = String(repeating: "  ", count: indent + 1)
    let closePad = String(repeating: "  ", count: indent)
    switch self {
    case .object(let pairs):
      if pairs.isEmpty {
        out += "{}"
        return
      }
      out += "{\n"
      for (i, (key, value)) in pairs.enumerated() {
        out += pad + CanonicalNumber.jsonString(key) + ": "
        value.write(to: &out, indent: indent + 1)
        out += i + 1 < pairs.count ? ",\n" : "\n"
      }
      out += closePad + "}"
    case .array(let items):
      if items.isEmpty {
        out += "[]"
        return
      }
      // Arrays of scalars stay on one line; arrays of objects get one item a line.
      let scalar = items.allSatisfy {
        if case .object = $0 { return false }
        if case .array = $0 { return false }
        return true
      }
      if scalar {
        out += "[" + items.map { $0.rendered() }.joined(separator: ", ") + "]"
        return
      }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad
        item.write(to: &out, indent: indent + 1)
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += closePad + "]"
    case .string(let s): out += CanonicalNumber.jsonString(s)
    case .number(let d): out += CanonicalNumber.json(d)
    case .integer(let i): out += String(i)
    case .bool(let b): out += b ? "true" : "false"
    case .null: out += "null"
    }
  }
}
