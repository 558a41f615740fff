/// A `--min KEY=VALUE` gate: the run fails when metric `key` is below `minimum`.
public struct MetricThreshold: Hashable, Sendable, CustomStringConvertible {
  public var key: String
  /// Lower bound as a fraction in [0, 1].
  public var minimum: Double

  public init(key: String, minimum: Double) {
    self.key = key
    self.minimum = minimum
  }

  /// Parses `KEY=VALUE` where VALUE is a fraction (`0.25`) or a percentage (`25%`).
  public init(parsing text: String, knownKeys: [String] = MetricKey.all) throws(ScoringProtocol
    .FieldError)
  {
    guard let eq = text.firstIndex(of: "=") else {
      throw .init(description: "--min '\(text)': expected KEY=VALUE, e.g. R@50=0.25 or R@50=25%")
    }
    let key = String(text[..<eq])
    var valueText = String(text[text.index(after: eq)...])
    guard knownKeys.contains(key) else {
      throw .init(
        description:
          "--min: unknown metric '\(key)'; metrics are \(knownKeys.joined(separator: ", "))")
    }
    var divisor = 1.0
    if valueText.hasSuffix("%") {
      valueText.removeLast()
      divisor = 100
    }
    guard let raw = Double(valueText), raw.isFinite else {
      throw .init(description: "--min \(key): '\(text[text.index(after: eq)...])' is not a number")
    }
    let value = raw / divisor
    guard value >= 0 && value <= 1 else {
      throw .init(description: "--min \(key): \(value) is outside [0, 1] (use 0.25 or 25%)")
    }
    self.init(key: key, minimum: value)
  }

  /// True when `metrics[key]` is at least the minimum (a missing metric fails).
  public func isMet(by metrics: [String: Double]) -> Bool {
    guard let v = metrics[key] else { return false }
    return v >= minimum
  }

  public var description: String { "\(key) >= \(minimum)" }
}
