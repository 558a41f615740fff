import SGGStore

/// An ablation table: each run's metrics with bootstrap intervals and, for every run after the
/// baseline, the paired difference with its interval and p-value.
public struct RunComparison: Sendable {
  /// One metric of one run.
  public struct Cell: Sendable {
    public var key: String
    /// The stored aggregate (`run_metrics`).
    public var stored: Double
    /// Mean with interval, for per-sample metrics (nil otherwise or with no values).
    public var interval: ConfidenceInterval?
    /// Stored value minus the baseline's (nil for the baseline).
    public var delta: Double?
    /// Interval of the paired mean difference (per-sample metrics, not the baseline).
    public var deltaInterval: ConfidenceInterval?
    /// Paired sign-flip test of the difference.
    public var test: PairedTest?
  }

  /// One run's row.
  public struct Row: Sendable {
    public var run: RunRecord
    public var cells: [Cell]
    /// Sample ids shared with the baseline (paired differences use these).
    public var pairedSamples: Int

    /// The cell for `key`.
    public func cell(_ key: String) -> Cell? { cells.first { $0.key == key } }
  }

  /// The baseline first, then the other runs in the order given.
  public var rows: [Row]
  public var metrics: [String]
  public var resamples: Int
  public var seed: UInt64
  public var level: Double

  /// Builds the comparison of `runIDs` (the first is the baseline) on `metrics`.
  ///
  /// - Throws: ``ComparisonRefusal`` when a run is missing from the list rules, incomplete, or
  ///   not comparable with the baseline (``RunComparability/check(_:against:)``), and store
  ///   errors.
  public static func build(
    store: ResultsStore, runIDs: [Int64], metrics: [String], resamples: Int = 1000,
    seed: UInt64 = 0, level: Double = 0.95
  ) throws -> RunComparison {
    guard runIDs.count >= 2 else {
      throw ComparisonRefusal.badRunList("compare needs at least two runs (a baseline first)")
    }
    guard Set(runIDs).count == runIDs.count else {
      throw ComparisonRefusal.badRunList("a run is listed twice")
    }
    var runs: [RunRecord] = []
    for id in runIDs {
      guard let run = try store.run(id: id) else { throw StoreError.runNotFound(path: store.path, id: id) }
      runs.append(run)
    }
    let baseline = runs[0]
    for run in runs { try RunComparability.check(run, against: baseline) }

    let samples = try runs.map { try store.sampleResults(runID: $0.id ?? -1) }
    let baselineRows = samples[0]
    var rows: [Row] = []
    for (index, run) in runs.enumerated() {
      let mine = samples[index]
      let byID = Dictionary(mine.map { ($0.sampleID, $0) }, uniquingKeysWith: { a, _ in a })
      let paired = baselineRows.filter { byID[$0.sampleID] != nil }.count
      var cells: [Cell] = []
      for key in metrics {
        let stored = run.metrics[key] ?? .nan
        var cell = Cell(key: key, stored: stored)
        let perSample = PerSampleMetric.named(key)
        let unknownIDs = key == "failure_rate" && (run.failures["unknown_id"] ?? 0) > 0
        if let perSample, !unknownIDs {
          cell.interval = Bootstrap.interval(
            perSample.values(mine).map(\.value), resamples: resamples, seed: seed, level: level)
        }
        if index > 0 {
          cell.delta = stored - (baseline.metrics[key] ?? .nan)
          let baseUnknown = key == "failure_rate" && (baseline.failures["unknown_id"] ?? 0) > 0
          if let perSample, !unknownIDs, !baseUnknown {
            // Pairs: samples both runs scored (a skipped recall in either run drops the pair).
            var differences: [Double] = []
            for base in baselineRows {
              guard let other = byID[base.sampleID], let a = perSample.value(base),
                let b = perSample.value(other)
              else { continue }
              differences.append(b - a)
            }
            cell.deltaInterval = Bootstrap.interval(
              differences, resamples: resamples, seed: seed, level: level)
            cell.test = Bootstrap.signFlipTest(differences, resamples: resamples, seed: seed)
          }
        }
        cells.append(cell)
      }
      rows.append(Row(run: run, cells: cells, pairedSamples: paired))
    }
    return RunComparison(
      rows: rows, metrics: metrics, resamples: resamples, seed: seed, level: level)
  }
}
