import Foundation
import SGGStore

/// Why two runs may not be compared metric by metric.
public enum ComparisonRefusal: Error, CustomStringConvertible, Sendable, Equatable {
  /// The run is not `complete` (killed, or still going).
  case incomplete(run: Int64)
  /// The protocol options differ (fields named).
  case differentProtocol(baseline: Int64, run: Int64, fields: [String])
  /// The runs were scored on different ground truth.
  case differentGroundTruth(baseline: Int64, run: Int64, reason: String)
  /// Fewer than two runs were given, or one twice.
  case badRunList(String)

  public var description: String {
    switch self {
    case .incomplete(let run):
      return "run \(run) is not complete (killed or still running); it has no final results"
    case .differentProtocol(let baseline, let run, let fields):
      return
        "run \(run) was scored with other protocol options than baseline run \(baseline) (\(fields.joined(separator: "; "))): its numbers measure something else"
    case .differentGroundTruth(let baseline, let run, let reason):
      return "run \(run) was scored on other ground truth than baseline run \(baseline): \(reason)"
    case .badRunList(let reason):
      return reason
    }
  }
}

/// The rule for comparing runs: the same protocol options and the same ground truth.
public enum RunComparability {
  /// The protocol options of `run` as field → value text.
  public static func protocolOptions(_ run: RunRecord) -> [String: String] {
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(run.protocolOptionsJSON.utf8))
        as? [String: Any]
    else { return [:] }
    return object.mapValues { "\($0)" }
  }

  /// A short identity of the run's ground truth: the file hash, or `dataset/split`.
  public static func groundTruthIdentity(_ run: RunRecord) -> String {
    switch run.groundTruth {
    case .file(let file): return "sha256:" + file.sha256
    case .dataset: return "dataset:\(run.dataset ?? "?")/\(run.split ?? "?")"
    }
  }

  /// Throws the reason `run` cannot be compared with `baseline`, if any.
  public static func check(_ run: RunRecord, against baseline: RunRecord) throws {
    let a = baseline.id ?? -1
    let b = run.id ?? -1
    for r in [baseline, run] where r.status != .complete {
      throw ComparisonRefusal.incomplete(run: r.id ?? -1)
    }
    let mine = protocolOptions(run)
    let theirs = protocolOptions(baseline)
    if run.protocolName != baseline.protocolName || mine != theirs {
      var fields: [String] = []
      if run.protocolName != baseline.protocolName {
        fields.append("protocol \(baseline.protocolName) vs \(run.protocolName)")
      }
      for key in Set(mine.keys).union(theirs.keys).sorted() where mine[key] != theirs[key] {
        fields.append("\(key) \(theirs[key] ?? "unset") vs \(mine[key] ?? "unset")")
      }
      throw ComparisonRefusal.differentProtocol(baseline: a, run: b, fields: fields)
    }
    switch (baseline.groundTruth, run.groundTruth) {
    case (.file(let x), .file(let y)):
      if x.sha256 != y.sha256 {
        throw ComparisonRefusal.differentGroundTruth(
          baseline: a, run: b,
          reason: "\(x.path) has SHA-256 \(x.sha256.prefix(12))…, \(y.path) has \(y.sha256.prefix(12))…"
        )
      }
    case (.dataset, .dataset):
      if baseline.dataset != run.dataset || baseline.split != run.split {
        throw ComparisonRefusal.differentGroundTruth(
          baseline: a, run: b,
          reason:
            "\(baseline.dataset ?? "?")/\(baseline.split ?? "?") vs \(run.dataset ?? "?")/\(run.split ?? "?")"
        )
      }
    default:
      throw ComparisonRefusal.differentGroundTruth(
        baseline: a, run: b,
        reason:
          "one was scored against a ground-truth file and the other against a dataset's original files (\(groundTruthIdentity(baseline)) vs \(groundTruthIdentity(run)))"
      )
    }
  }
}
