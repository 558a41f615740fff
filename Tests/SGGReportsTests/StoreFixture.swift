import Foundation
import SGGStore

/// Small stores built through the public store API, with numbers chosen by hand.
enum StoreFixture {
  static let gtSHA = String(repeating: "a", count: 64)

  /// Adds a complete run whose per-sample R@50 values are `recalls` (nil = skipped, stored as
  /// NaN) and whose aggregate metrics are `metrics`.
  @discardableResult
  static func addRun(
    _ store: ResultsStore, name: String, recalls: [Double?], metrics: [String: Double],
    options: String = #"{"iou-threshold":"0.5"}"#, gtSHA: String = gtSHA, dataset: String? = nil,
    split: String? = nil, finish: Bool = true, usage: String? = nil, failures: [String: Int] = [:]
  ) throws -> Int64 {
    let id = try store.beginRun(
      RunRecord(
        name: name, command: .score, protocolName: "default", protocolOptionsJSON: options,
        predictions: FileReference(path: "\(name).jsonl", sha256: String(repeating: "b", count: 64)),
        groundTruth: .file(FileReference(path: "gt.jsonl", sha256: gtSHA)), dataset: dataset,
        split: split, sampleCount: recalls.count, toolVersion: "test", usageJSON: usage))
    try store.insertSampleResults(
      runID: id,
      recalls.enumerated().map { i, r in
        SampleResultRecord(
          sampleID: "s\(i)", objF1: r ?? 0, recallAt20: r ?? .nan, recallAt50: r ?? .nan,
          recallAt100: r ?? .nan)
      })
    if finish { try store.finishRun(id: id, metrics: metrics, failures: failures) }
    return id
  }
}
