/// Number formatting for reports: fractions shown as percentages with an explicit unit,
/// because "0.21" read as "0.21 %" is a known source of reproduction gaps (eval-protocols §7).
public enum MetricFormat {
  /// `0.123456` → `"12.35 %"`.
  public static func percent(_ fraction: Double, digits: Int = 2) -> String {
    fixed(fraction * 100, digits: digits) + " %"
  }

  /// Fixed-point text with `digits` decimals, locale-independent.
  public static func fixed(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : (value > 0 ? "inf" : "-inf") }
    var scale = 1.0
    for _ in 0..<digits { scale *= 10 }
    let rounded = (abs(value) * scale).rounded() / scale
    let sign = value < 0 && rounded != 0 ? "-" : ""
    let whole = rounded.rounded(.down)
    var text = sign + String(Int(whole))
    if digits > 0 {
      let fraction = Int(((rounded - whole) * scale).rounded())
      let digitsText = String(fraction)
      text += "." + String(repeating: "0", count: max(0, digits - digitsText.count)) + digitsText
    }
    return text
  }

  /// Pads `text` on the right to `width` characters.
  public static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  /// Pads `text` on the left to `width` characters.
  public static func padLeft(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }
}
