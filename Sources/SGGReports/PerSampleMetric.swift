import Foundation
import SGGStore

/// A metric that is the plain mean of a per-sample value stored in `sample_results`, so that a
/// bootstrap over samples gives it a confidence interval.
///
/// mR@K (a mean over predicates of per-predicate means) and AP50 (a ranking over all detections)
/// are not means of per-sample values and get no interval.
public struct PerSampleMetric: Sendable {
  /// The metric key as stored in `run_metrics` (`R@50`, `obj_f1`, …).
  public var key: String
  /// The sample's value, or nil when the metric skips the sample (a NaN recall: no GT relation,
  /// or a protocol skip rule).
  public var value: @Sendable (SampleResultRecord) -> Double?

  public init(key: String, value: @escaping @Sendable (SampleResultRecord) -> Double?) {
    self.key = key
    self.value = value
  }

  /// The per-sample values of `rows`, skipped samples left out, with their sample ids.
  public func values(_ rows: [SampleResultRecord]) -> [(id: String, value: Double)] {
    rows.compactMap { row in value(row).map { (row.sampleID, $0) } }
  }

  private static func finite(_ v: Double) -> Double? { v.isNaN ? nil : v }

  private static func extra(_ row: SampleResultRecord, _ key: String) -> Double? {
    guard let text = row.extraJSON,
      let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
      let number = object[key] as? NSNumber
    else { return nil }
    return finite(number.doubleValue)
  }

  /// Every metric with a confidence interval, in report order.
  ///
  /// `failure_rate` is the share of samples with a failure kind; it has no interval for runs
  /// whose failure rate also counts unknown prediction ids (R1-SGG), which have no sample row.
  public static let all: [PerSampleMetric] = [
    PerSampleMetric(key: "failure_rate") { $0.failure == nil ? 0 : 1 },
    PerSampleMetric(key: "obj_p") { finite($0.objP) },
    PerSampleMetric(key: "obj_r") { finite($0.objR) },
    PerSampleMetric(key: "obj_f1") { finite($0.objF1) },
    PerSampleMetric(key: "rel_p") { finite($0.relP) },
    PerSampleMetric(key: "rel_r") { finite($0.relR) },
    PerSampleMetric(key: "rel_f1") { finite($0.relF1) },
    PerSampleMetric(key: "sgg_score") { finite($0.sggScore) },
    PerSampleMetric(key: "R@20") { finite($0.recallAt20) },
    PerSampleMetric(key: "R@50") { finite($0.recallAt50) },
    PerSampleMetric(key: "R@100") { finite($0.recallAt100) },
    PerSampleMetric(key: "ngR@20") { extra($0, "ngR@20") },
    PerSampleMetric(key: "ngR@50") { extra($0, "ngR@50") },
    PerSampleMetric(key: "ngR@100") { extra($0, "ngR@100") },
  ]

  /// The metric for `key`, if it has a per-sample form.
  public static func named(_ key: String) -> PerSampleMetric? {
    all.first { $0.key == key }
  }
}

/// Whether larger values of a metric are better (everything except the failure rate).
public enum MetricDirection {
  public static func higherIsBetter(_ key: String) -> Bool {
    key != "failure_rate"
  }
}
