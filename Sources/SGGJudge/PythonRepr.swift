/// Python 3's `repr(str)`, because SceneGraphVLM's judge prompts embed labels with `{label!r}`
/// (eval-protocols §3.4): `'man'`, `"it's"`, `'a\\nb'`.
enum PythonRepr {
  /// `repr(s)` for a Python `str` (CPython `unicode_repr`).
  static func string(_ s: String) -> String {
    let scalars = s.unicodeScalars
    // Single quotes unless the text has a single quote and no double quote.
    let quote: Unicode.Scalar = scalars.contains("'") && !scalars.contains("\"") ? "\"" : "'"
    var out = String.UnicodeScalarView()
    out.append(quote)
    for u in scalars {
      switch u {
      case quote, "\\":
        out.append("\\")
        out.append(u)
      case "\t": out.append(contentsOf: "\\t".unicodeScalars)
      case "\n": out.append(contentsOf: "\\n".unicodeScalars)
      case "\r": out.append(contentsOf: "\\r".unicodeScalars)
      default:
        if u.value < 0x20 || u.value == 0x7f {
          out.append(contentsOf: escape(u).unicodeScalars)
        } else if u.value < 0x7f || isPrintable(u) {
          out.append(u)
        } else {
          out.append(contentsOf: escape(u).unicodeScalars)
        }
      }
    }
    out.append(quote)
    return String(out)
  }

  /// `str.isprintable()` for one character: everything but the "Other" and "Separator"
  /// categories, except that the ASCII space is printable.
  private static func isPrintable(_ u: Unicode.Scalar) -> Bool {
    if u == " " { return true }
    switch u.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator,
      .paragraphSeparator, .spaceSeparator:
      return false
    default:
      return true
    }
  }

  /// `\xNN`, `\uNNNN` or `\UNNNNNNNN`, lower-case hex, as CPython writes them.
  private static func escape(_ u: Unicode.Scalar) -> String {
    let hex = String(u.value, radix: 16)
    if u.value <= 0xff { return "\\x" + pad(hex, 2) }
    if u.value <= 0xffff { return "\\u" + pad(hex, 4) }
    return "\\U" + pad(hex, 8)
  }

  private static func pad(_ hex: String, _ width: Int) -> String {
    String(repeating: "0", count: max(0, width - hex.count)) + hex
  }
}
