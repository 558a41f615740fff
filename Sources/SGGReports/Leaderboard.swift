import Foundation
import SGGStore

/// Which runs a leaderboard ranks, and by what.
public struct LeaderboardQuery: Sendable {
  /// Runs scored on this dataset and split (`score --dataset`, or `--gt` runs given them)…
  public var dataset: String?
  public var split: String?
  /// …or runs scored against the ground-truth file with this SHA-256.
  public var groundTruthSHA256: String?
  public var protocolName: String?
  public var tag: String?
  /// The ranking key (a `run_metrics` key).
  public var metric: String
  /// The metric columns shown, in order (the ranking key is added first when missing).
  public var columns: [String]

  /// The default ranking key: R@50 is the headline number of both SGG traditions (Kaihua's
  /// benchmark and R1-SGG) and is defined under every preset.
  public static let defaultMetric = "R@50"
  /// The default columns.
  public static let defaultColumns = [
    "R@20", "R@50", "R@100", "mR@50", "obj_f1", "rel_f1", "failure_rate",
  ]

  public init(
    dataset: String? = nil, split: String? = nil, groundTruthSHA256: String? = nil,
    protocolName: String? = nil, tag: String? = nil, metric: String = defaultMetric,
    columns: [String] = defaultColumns
  ) {
    self.dataset = dataset
    self.split = split
    self.groundTruthSHA256 = groundTruthSHA256
    self.protocolName = protocolName
    self.tag = tag
    self.metric = metric
    self.columns = columns
  }
}

/// One ranked run.
public struct LeaderboardEntry: Sendable {
  /// 1-based, competition style: runs with equal values share a rank (1, 1, 3).
  public var rank: Int
  public var run: RunRecord
  /// The ranking value; NaN when the run lacks it (ranked last).
  public var value: Double
  /// Mean seconds per sample, when the run recorded latency.
  public var latencySeconds: Double?

  /// `name` if given, else `run N`.
  public var label: String { run.name ?? "run \(run.id ?? -1)" }
}

/// Complete runs of one dataset split, ranked by one metric.
public struct Leaderboard: Sendable {
  public var query: LeaderboardQuery
  public var entries: [LeaderboardEntry]
  /// Metric columns shown (ranking key first).
  public var columns: [String]
  /// Distinct protocol option sets among the entries (more than one: columns are not
  /// comparable across those rows).
  public var protocolVariants: Int

  /// Reads the matching complete runs from `store` and ranks them.
  public static func build(store: ResultsStore, query: LeaderboardQuery) throws -> Leaderboard {
    var runs = try store.runs(
      filter: RunFilter(
        dataset: query.dataset, split: query.split, protocolName: query.protocolName,
        tag: query.tag, status: .complete))
    if let sha = query.groundTruthSHA256?.lowercased() {
      runs = runs.filter {
        if case .file(let file) = $0.groundTruth { return file.sha256 == sha }
        return false
      }
    }
    return rank(runs, query: query)
  }

  /// Ranks `runs` (already filtered) by `query.metric`: best first (lowest first for the
  /// failure rate), missing values last, ties by run id.
  public static func rank(_ runs: [RunRecord], query: LeaderboardQuery) -> Leaderboard {
    let key = query.metric
    let higher = MetricDirection.higherIsBetter(key)
    let valued = runs.map { (run: $0, value: $0.metrics[key] ?? .nan) }
    let sorted = valued.sorted { a, b in
      switch (a.value.isNaN, b.value.isNaN) {
      case (false, true): return true
      case (true, false): return false
      case (true, true): return (a.run.id ?? 0) < (b.run.id ?? 0)
      case (false, false):
        if a.value != b.value { return higher ? a.value > b.value : a.value < b.value }
        return (a.run.id ?? 0) < (b.run.id ?? 0)
      }
    }
    var entries: [LeaderboardEntry] = []
    for (i, item) in sorted.enumerated() {
      var rank = i + 1
      if let previous = entries.last,
        previous.value == item.value || (previous.value.isNaN && item.value.isNaN)
      {
        rank = previous.rank
      }
      entries.append(
        LeaderboardEntry(
          rank: rank, run: item.run, value: item.value, latencySeconds: latency(item.run)))
    }
    var columns = query.columns.filter { $0 != key }
    columns.insert(key, at: 0)
    let variants = Set(runs.map { RunComparability.protocolOptions($0) }).count
    return Leaderboard(
      query: query, entries: entries, columns: columns, protocolVariants: variants)
  }

  /// `mean_s` from the run's usage JSON.
  public static func latency(_ run: RunRecord) -> Double? {
    guard let text = run.usageJSON,
      let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
      let number = object["mean_s"] as? NSNumber, number.doubleValue.isFinite
    else { return nil }
    return number.doubleValue
  }

  /// A title such as `vg150 / test` or `ground truth sha256:ab12…`.
  public var title: String {
    var parts: [String] = []
    if let d = query.dataset { parts.append(d) }
    if let s = query.split { parts.append(s) }
    if let sha = query.groundTruthSHA256 { parts.append("GT sha256:\(sha.prefix(12))…") }
    if let p = query.protocolName { parts.append("protocol \(p)") }
    if let t = query.tag { parts.append("tag \(t)") }
    return parts.isEmpty ? "all runs" : parts.joined(separator: " / ")
  }
}
