/// A point estimate with a percentile bootstrap confidence interval.
public struct ConfidenceInterval: Hashable, Sendable {
  /// The mean of the observed values.
  public var estimate: Double
  public var lower: Double
  public var upper: Double
  /// How many values (samples or sample pairs) went in.
  public var count: Int

  public init(estimate: Double, lower: Double, upper: Double, count: Int) {
    self.estimate = estimate
    self.lower = lower
    self.upper = upper
    self.count = count
  }
}

/// The paired sign-flip (randomisation) test of a mean difference.
public struct PairedTest: Hashable, Sendable {
  /// The observed mean difference.
  public var meanDifference: Double
  /// Two-sided p-value.
  public var pValue: Double
  /// True when all 2^n sign patterns were enumerated (n ≤ ``Bootstrap/exactSignFlipLimit``).
  public var exact: Bool
  /// Sample pairs used.
  public var count: Int
}

/// Bootstrap statistics over per-sample values (docs/reports.md, "Statistics").
///
/// - Resampling: `resamples` times, draw n indices with replacement using ``SplitMix64`` seeded
///   with `seed` (index = `next() % n`), and take the mean of those values, summed in draw order.
/// - The interval is the percentile interval: the (1 − level)/2 and (1 + level)/2 quantiles of
///   the resampled means, with linear interpolation between order statistics (numpy's default
///   `percentile` method).
/// - The paired test flips the sign of each per-sample difference: under "no difference" each
///   difference is as likely to be positive as negative. All 2^n patterns are enumerated when
///   n ≤ 16 (exact p-value, no randomness); otherwise `resamples` random patterns are drawn
///   (bit 63 of each `next()` flips one sign) and p = (1 + hits) / (1 + resamples), where a hit
///   is a pattern whose |mean| is at least the observed |mean|.
public enum Bootstrap {
  /// Default number of resamples.
  public static let defaultResamples = 1000
  /// Largest n for which the sign-flip test enumerates all patterns.
  public static let exactSignFlipLimit = 16

  /// Mean in input order; NaN for no values.
  public static func mean(_ values: [Double]) -> Double {
    guard !values.isEmpty else { return .nan }
    var sum = 0.0
    for v in values { sum += v }
    return sum / Double(values.count)
  }

  /// The resampled means, in draw order.
  public static func resampledMeans(_ values: [Double], resamples: Int, seed: UInt64) -> [Double] {
    let n = values.count
    guard n > 0, resamples > 0 else { return [] }
    var rng = SplitMix64(seed: seed)
    var means: [Double] = []
    means.reserveCapacity(resamples)
    for _ in 0..<resamples {
      var sum = 0.0
      for _ in 0..<n { sum += values[rng.index(below: n)] }
      means.append(sum / Double(n))
    }
    return means
  }

  /// The `q` quantile (0...1) of `sorted` with linear interpolation; NaN when empty.
  public static func quantile(sorted: [Double], _ q: Double) -> Double {
    guard let first = sorted.first else { return .nan }
    guard sorted.count > 1 else { return first }
    let position = min(max(q, 0), 1) * Double(sorted.count - 1)
    let i = Int(position.rounded(.down))
    guard i + 1 < sorted.count else { return sorted[sorted.count - 1] }
    let t = position - Double(i)
    return sorted[i] + (sorted[i + 1] - sorted[i]) * t
  }

  /// The mean of `values` with a percentile bootstrap interval; nil when there are no values.
  public static func interval(
    _ values: [Double], resamples: Int = defaultResamples, seed: UInt64 = 0, level: Double = 0.95
  ) -> ConfidenceInterval? {
    guard !values.isEmpty else { return nil }
    let means = resampledMeans(values, resamples: max(1, resamples), seed: seed).sorted()
    let tail = (1 - level) / 2
    return ConfidenceInterval(
      estimate: mean(values), lower: quantile(sorted: means, tail),
      upper: quantile(sorted: means, 1 - tail), count: values.count)
  }

  /// The paired sign-flip test of `differences` (one per sample: run B minus run A); nil when
  /// there are none.
  public static func signFlipTest(
    _ differences: [Double], resamples: Int = defaultResamples, seed: UInt64 = 0
  ) -> PairedTest? {
    let n = differences.count
    guard n > 0 else { return nil }
    let observed = mean(differences)
    let target = abs(observed)
    // Sums of the same terms in another order can differ in the last bits: a pattern within
    // this tolerance of the observed |mean| counts as reaching it.
    let scale = differences.reduce(0) { $0 + abs($1) } / Double(n)
    let tolerance = 1e-12 * max(scale, 1e-300)
    func reaches(_ m: Double) -> Bool { abs(m) >= target - tolerance }
    if target <= tolerance {
      return PairedTest(meanDifference: observed, pValue: 1, exact: n <= exactSignFlipLimit, count: n)
    }
    if n <= exactSignFlipLimit {
      var hits = 0
      let patterns = 1 << n
      for pattern in 0..<patterns {
        var sum = 0.0
        for i in 0..<n { sum += (pattern >> i) & 1 == 1 ? -differences[i] : differences[i] }
        if reaches(sum / Double(n)) { hits += 1 }
      }
      return PairedTest(
        meanDifference: observed, pValue: Double(hits) / Double(patterns), exact: true, count: n)
    }
    var rng = SplitMix64(seed: seed)
    let draws = max(1, resamples)
    var hits = 0
    for _ in 0..<draws {
      var sum = 0.0
      for d in differences { sum += rng.next() >> 63 == 1 ? -d : d }
      if reaches(sum / Double(n)) { hits += 1 }
    }
    return PairedTest(
      meanDifference: observed, pValue: Double(hits + 1) / Double(draws + 1), exact: false,
      count: n)
  }
}
