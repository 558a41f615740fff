import Foundation
import SGGCore
import SGGMetrics
import SGGStore

/// The version string stored with every run.
public enum ToolVersion {
  public static let current = "0.1.0"
}

/// Writes a finished ``ScoreRun`` into the results store: the run, per-sample rows, breakdowns
/// and input issues, then marks the run complete.
public struct ScoreRunRecorder {
  public var store: ResultsStore

  public init(store: ResultsStore) {
    self.store = store
  }

  /// Where a scored run's inputs came from.
  public struct Inputs: Sendable {
    public var predictions: FileReference
    public var groundTruth: GroundTruthSource
    public var vocabulary: FileReference?
    public var dataset: String?
    public var split: String?
    public var name: String?
    public var tags: [String]

    public init(
      predictions: FileReference, groundTruth: GroundTruthSource, vocabulary: FileReference?,
      dataset: String? = nil, split: String? = nil, name: String? = nil, tags: [String] = []
    ) {
      self.predictions = predictions
      self.groundTruth = groundTruth
      self.vocabulary = vocabulary
      self.dataset = dataset
      self.split = split
      self.name = name
      self.tags = tags
    }
  }

  /// Stores `run` and returns its id.
  public func record(_ run: ScoreRun, inputs: Inputs) throws -> Int64 {
    let report = run.report
    let optionsJSON = JSONOutput.object(
      ScoringProtocol.fields.map { ($0.name, .string(report.options.value(of: $0.name) ?? "")) }
    ).rendered()
    let failures = Dictionary(
      uniqueKeysWithValues: report.failures.map { ($0.key.rawValue, $0.value) })
    let usage: String? = run.latency.map { latency in
      var pairs: [(String, JSONOutput)] = [
        ("samples", .integer(latency.count)), ("mean_s", .number(latency.meanSeconds)),
      ]
      if let p = latency.meanPromptTokens { pairs.append(("mean_prompt_tokens", .number(p))) }
      if let c = latency.meanCompletionTokens {
        pairs.append(("mean_completion_tokens", .number(c)))
      }
      return JSONOutput.object(pairs).rendered()
    }
    let id = try store.beginRun(
      RunRecord(
        name: inputs.name, tags: inputs.tags, command: .score, protocolName: report.options.name,
        protocolOptionsJSON: optionsJSON, predictions: inputs.predictions,
        groundTruth: inputs.groundTruth, vocab: inputs.vocabulary, dataset: inputs.dataset,
        split: inputs.split, sampleCount: report.sampleCount,
        skippedLineCount: run.skippedPredictionLines, toolVersion: ToolVersion.current))
    try store.insertSampleResults(runID: id, report.samples.map(Self.row))
    try store.insertPredicateBreakdown(
      runID: id,
      report.perPredicate.map {
        PredicateBreakdownRecord(
          predicate: $0.predicate, gtCount: $0.groundTruth, hitsAt20: $0.hits[0],
          hitsAt50: $0.hits[1],
          hitsAt100: $0.hits[2], predCount: $0.predicted)
      })
    try store.insertClassBreakdown(
      runID: id,
      report.perClass.map {
        ClassBreakdownRecord(
          label: $0.label, gtCount: $0.groundTruth, tp: $0.truePositives, predCount: $0.predicted)
      })
    try store.insertIssues(
      runID: id,
      run.issues.map {
        InputIssueRecord(
          file: $0.issue.file, line: $0.issue.line, field: $0.issue.field,
          message: $0.issue.message,
          kind: $0.kind)
      })
    try store.finishRun(
      id: id, metrics: report.metrics, failures: failures, sampleCount: report.sampleCount,
      skippedLineCount: run.skippedPredictionLines, usageJSON: usage,
      mappingJSON: report.mapping.map { MappingSummary($0).json.rendered() })
    return id
  }

  static func row(_ s: SampleScore) -> SampleResultRecord {
    let recall = s.recall ?? [.nan, .nan, .nan]
    var extra: String?
    if let ng = s.noGraphRecall {
      extra = JSONOutput.object(zip(MetricKey.ks, ng).map { ("ngR@\($0)", .number($1)) }).rendered()
    }
    return SampleResultRecord(
      sampleID: s.id, line: s.predictionLine, failure: s.failure, objTP: s.objects.truePositives,
      objPred: s.objects.predicted, objGT: s.objects.groundTruth, relTP: s.relations.truePositives,
      relPred: s.relations.predicted, relGT: s.relations.groundTruth, objP: s.objects.precision,
      objR: s.objects.recall, objF1: s.objects.f1, relP: s.relations.precision,
      relR: s.relations.recall,
      relF1: s.relations.f1, sggScore: s.sggScore, recallAt20: recall[0], recallAt50: recall[1],
      recallAt100: recall[2], extraJSON: extra)
  }
}
