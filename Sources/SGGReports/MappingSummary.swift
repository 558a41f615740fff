import SGGMetrics
import SGGVocabulary

/// The open-vocabulary mapping statistics of a run, as table lines and as the `mapping` object of
/// `--json` (docs/json-output.md).
public struct MappingSummary {
  public var statistics: MappingStatistics

  public init(_ statistics: MappingStatistics) {
    self.statistics = statistics
  }

  /// Terminal lines: one for objects, one for relations, each route with its count and share.
  public var lines: [String] {
    let s = statistics
    func share(_ n: Int, _ total: Int) -> String {
      total == 0 ? "0" : "\(n) (\(MetricFormat.fixed(100 * Double(n) / Double(total), digits: 1))%)"
    }
    func parts(_ counts: [(String, Int)], total: Int) -> String {
      counts.filter { $0.1 > 0 }.map { "\($0.0) \(share($0.1, total))" }.joined(separator: ", ")
    }
    let title =
      "open-vocabulary mapping (\(s.rule)" + (s.branch.map { ", \($0) tables" } ?? "") + "):"
    var out = ["", title]
    out.append("  objects:   \(s.objectCount) → " + parts(s.objectCounts, total: s.objectCount))
    out.append(
      "  relations: \(s.relationCount) → " + parts(s.relationCounts, total: s.relationCount))
    for problem in s.problems.prefix(5) { out.append("  not mapped (error): \(problem)") }
    return out
  }

  /// `{"rule", "branch", "objects": {path: n, …, "dropped"}, "relations": {…}, "problems"}`.
  public var json: JSONOutput {
    let s = statistics
    return .object([
      ("rule", .string(s.rule)),
      ("branch", s.branch.map { .string($0) } ?? .null),
      (
        "objects",
        .object(
          [("total", .integer(s.objectCount))] + s.objectCounts.map { ($0.0, .integer($0.1)) })
      ),
      (
        "relations",
        .object(
          [("total", .integer(s.relationCount))] + s.relationCounts.map { ($0.0, .integer($0.1)) })
      ),
      ("problems", .array(s.problems.map { .string($0) })),
    ])
  }
}
