/// `json.dumps(list_of_str)` exactly as Python writes it (default separators `", "`), which is
/// how both anchors put their category lists into prompts (R1-SGG `prompt_gallery.py` with the
/// default `ensure_ascii=True`; SceneGraphVLM `sft_to_jsonl_{psg,ag}.py` with `ensure_ascii=False`).
public enum PythonJSONList {
  /// The list as Python's `json.dumps` renders it.
  public static func dumps(_ items: [String], ensureASCII: Bool = true) -> String {
    "[" + items.map { string($0, ensureASCII: ensureASCII) }.joined(separator: ", ") + "]"
  }

  /// One string literal as `json.dumps` writes it.
  public static func string(_ s: String, ensureASCII: Bool = true) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 || (ensureASCII && scalar.value > 0x7E) {
          if scalar.value > 0xFFFF {
            // UTF-16 surrogate pair, as Python does for astral code points.
            let v = scalar.value - 0x10000
            out += hex(0xD800 + (v >> 10)) + hex(0xDC00 + (v & 0x3FF))
          } else {
            out += hex(scalar.value)
          }
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  private static func hex(_ v: UInt32) -> String {
    let digits = String(v, radix: 16)
    return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
  }
}
