/// Label normalisation rules used by the anchors (eval-protocols §1.2).
public enum LabelNormalizer {
  /// R1-SGG / SceneGraphVLM `refine_node_edge`:
  /// `s.replace("_"," ").replace("-"," ").strip().lower()`.
  ///
  /// No whitespace collapsing and "/" untouched, exactly like the Python.
  public static func refine(_ s: String) -> String {
    if let ascii = asciiRefine(s) { return ascii }
    var scalars = String.UnicodeScalarView()
    scalars.reserveCapacity(s.unicodeScalars.count)
    for u in s.unicodeScalars {
      scalars.append(u == "_" || u == "-" ? " " : u)
    }
    return String(String(scalars).strippingPythonWhitespace()).lowercased()
  }

  /// `refine` for pure-ASCII text on bytes (labels almost always are); nil otherwise.
  private static func asciiRefine(_ s: String) -> String? {
    let result: String?? = s.utf8.withContiguousStorageIfAvailable { bytes -> String? in
      var start = 0
      var end = bytes.count
      for b in bytes where b >= 0x80 { return nil }
      // Python's strip() whitespace in ASCII: \t \n \v \f \r, \x1c–\x1f and space. "_" and "-"
      // become spaces first, so they are stripped too.
      func isSpace(_ b: UInt8) -> Bool {
        (0x09...0x0D).contains(b) || (0x1C...0x20).contains(b) || b == 0x5F || b == 0x2D
      }
      while start < end && isSpace(bytes[start]) { start += 1 }
      while end > start && isSpace(bytes[end - 1]) { end -= 1 }
      return String(unsafeUninitializedCapacity: end - start) { out in
        for i in start..<end {
          let b = bytes[i]
          out[i - start] =
            (b == 0x5F || b == 0x2D) ? 0x20 : ((0x41...0x5A).contains(b) ? b + 0x20 : b)
        }
        return end - start
      }
    }
    return result ?? nil
  }

  /// R1-SGG object category: `refine(id).split(".")[0]` ("traffic_light.2" → "traffic light").
  public static func r1sggCategory(ofID id: String) -> String {
    let refined = refine(id)
    if let dot = refined.firstIndex(of: ".") { return String(refined[..<dot]) }
    return refined
  }

  /// SceneGraphVLM GRPO `canon_label`: lower, `_`→`-`, runs of `[^a-z0-9]` → `-`, trim `-`.
  public static func canonical(_ s: String) -> String {
    var out = ""
    var pendingDash = false
    for ch in s.lowercased().replacingUnderscores().unicodeScalars {
      let isAlnum = (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9")
      if isAlnum {
        if pendingDash && !out.isEmpty { out.append("-") }
        pendingDash = false
        out.unicodeScalars.append(ch)
      } else {
        pendingDash = true
      }
    }
    return out
  }
}

extension String {
  fileprivate func replacingUnderscores() -> String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0 == "_" ? "-" : $0 }))
  }

  /// Python's `str.strip()` with no argument: strips Unicode whitespace at both ends.
  public func strippingPythonWhitespace() -> Substring {
    let isSpace: (Character) -> Bool = { $0.isWhitespace }
    guard let start = firstIndex(where: { !isSpace($0) }) else { return "" }
    let end = lastIndex(where: { !isSpace($0) })!
    return self[start...end]
  }
}
