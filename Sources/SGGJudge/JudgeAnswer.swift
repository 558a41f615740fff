/// How a judge's reply becomes a verdict: SceneGraphVLM's `_parse_synonym_answer`
/// (eval-protocols §3.4).
public enum JudgeAnswer {
  /// 1 if a standalone `1` occurs and no standalone `0`; else 0 if a `0` occurs; else 1 if a
  /// `1` occurs; else 0. "Standalone" is Python's `re` `\b` on a `str` pattern: the digit is not
  /// next to a Unicode word character (letter, digit or `_`).
  ///
  /// `"1"`→1, `"0"`→0, `"1 or 0"`→0, `"10"`→0, `"1."`→1, `"Yes"`→0, `""`→0.
  ///
  /// Returns `Int?` for the seam's sake, but like the anchor it never fails: every text yields
  /// 0 or 1. A reply with no content at all is the client's concern (it counts as malformed).
  public static func parse(_ text: String) -> Int? {
    let scalars = Array(text.unicodeScalars)
    // The anchor calls `.strip()` first; skipping it cannot change the outcome, because a
    // whitespace character is never a word character.
    let hasOne = containsStandalone("1", in: scalars)
    let hasZero = containsStandalone("0", in: scalars)
    if hasOne && !hasZero { return 1 }
    if hasZero { return 0 }
    if hasOne { return 1 }
    return 0
  }

  /// Whether `digit` occurs with a `\b` on both sides.
  static func containsStandalone(_ digit: Unicode.Scalar, in scalars: [Unicode.Scalar]) -> Bool {
    for (i, u) in scalars.enumerated() where u == digit {
      let before = i > 0 ? isWordCharacter(scalars[i - 1]) : false
      let after = i + 1 < scalars.count ? isWordCharacter(scalars[i + 1]) : false
      // The digit is itself a word character, so `\b` on each side means no word neighbour.
      if !before && !after { return true }
    }
    return false
  }

  /// Python `re`'s Unicode `\w`: `str.isalnum()` or `_` (CPython `_PyUnicode_IsAlpha`,
  /// `IsDecimalDigit`, `IsDigit`, `IsNumeric`).
  static func isWordCharacter(_ u: Unicode.Scalar) -> Bool {
    if u == "_" { return true }
    switch u.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
      .decimalNumber, .letterNumber, .otherNumber:
      return true
    default:
      // CJK numerals such as 七 are Lo (covered above); a few other characters carry a numeric
      // value without being N* (isnumeric in Python).
      return u.properties.numericType != nil
    }
  }
}
