import SGGStore

/// Per-predicate, per-class and failure tables of one stored run.
public enum RunBreakdown {
  /// Per predicate: GT count, hits and recall at 20/50/100, predicted count, and precision-like
  /// share `hits@100 / predicted` is not defined (hits count GT relations), so only counts and
  /// recall are shown. Sorted by GT count, most frequent first.
  public static func predicates(_ rows: [PredicateBreakdownRecord], raw: Bool = false) -> TextTable {
    let sorted = rows.sorted { ($0.gtCount, $1.predicate) > ($1.gtCount, $0.predicate) }
    func rate(_ hits: Int, _ total: Int) -> String {
      guard total > 0 else { return raw ? "" : "—" }
      let v = Double(hits) / Double(total)
      return raw ? "\(v)" : MetricFormat.fixed(v * 100, digits: 2)
    }
    let unit = raw ? "" : " (%)"
    return TextTable(
      header: ["predicate", "gt", "predicted", "R@20" + unit, "R@50" + unit, "R@100" + unit],
      alignments: [.left],
      rows: sorted.map {
        [
          $0.predicate, String($0.gtCount), String($0.predCount), rate($0.hitsAt20, $0.gtCount),
          rate($0.hitsAt50, $0.gtCount), rate($0.hitsAt100, $0.gtCount),
        ]
      })
  }

  /// Per object class: GT count, predicted count, matched, recall (tp / gt) and precision
  /// (tp / predicted). Sorted by GT count, most frequent first.
  public static func classes(_ rows: [ClassBreakdownRecord], raw: Bool = false) -> TextTable {
    let sorted = rows.sorted { ($0.gtCount, $1.label) > ($1.gtCount, $0.label) }
    func rate(_ a: Int, _ b: Int) -> String {
      guard b > 0 else { return raw ? "" : "—" }
      let v = Double(a) / Double(b)
      return raw ? "\(v)" : MetricFormat.fixed(v * 100, digits: 2)
    }
    let unit = raw ? "" : " (%)"
    return TextTable(
      header: ["class", "gt", "predicted", "matched", "recall" + unit, "precision" + unit],
      alignments: [.left],
      rows: sorted.map {
        [
          $0.label, String($0.gtCount), String($0.predCount), String($0.tp), rate($0.tp, $0.gtCount),
          rate($0.tp, $0.predCount),
        ]
      })
  }

  /// Samples by failure kind, most frequent first, with their share of the run's samples.
  public static func failures(_ run: RunRecord) -> TextTable {
    let total = max(run.sampleCount, 1)
    let sorted = run.failures.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
    return TextTable(
      header: ["failure", "samples", "share (%)"], alignments: [.left],
      rows: sorted.map {
        [$0.key, String($0.value), MetricFormat.fixed(Double($0.value) / Double(total) * 100, digits: 2)]
      })
  }
}
