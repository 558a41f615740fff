import SGGCore
import SGGMetrics

/// The `--json` object of `sgg-eval score` (documented in docs/json-output.md).
public enum ScoreJSON {
  /// Builds the output object; `runID` and `databasePath` are included when the run was stored.
  public static func object(for run: ScoreRun, runID: Int64? = nil, databasePath: String? = nil)
    -> JSONOutput
  {
    let report = run.report
    let preset = ScoringProtocol.presets[report.options.name] ?? .default
    var pairs: [(String, JSONOutput)] = [
      ("protocol", .string(report.options.name)),
      ("protocol_changes", .array(report.options.differences(from: preset).map { .string($0) })),
      (
        "protocol_options",
        .object(
          ScoringProtocol.fields.map { ($0.name, .string(report.options.value(of: $0.name) ?? "")) }
        )
      ),
      ("samples", .integer(report.sampleCount)),
      (
        "metrics",
        .object(
          (MetricKey.all
            + (MetricKey.softFamily + MetricKey.zeroShotFamily).filter {
              report.metrics[$0] != nil
            }).map {
              ($0, .number(report.metrics[$0] ?? 0))
            })
      ),
      ("anchor_metrics", .array(report.options.anchorMetricKeys.map { .string($0) })),
      (
        "failures",
        .object(
          report.failures.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .integer($0.value)) })
      ),
      (
        "skipped",
        .object([
          ("prediction_lines", .integer(run.skippedPredictionLines)),
          ("ground_truth_lines", .integer(run.skippedGroundTruthLines)),
          ("duplicate_prediction_ids", .integer(run.duplicatePredictionIDs)),
          ("unknown_prediction_ids", .integer(run.unknownPredictionIDs)),
          ("recall_no_gt_relations", .integer(report.skippedWithoutGroundTruthRelations)),
          ("recall_no_predicted_relations", .integer(report.skippedWithoutPredictedRelations)),
          ("excluded_missing_predictions", .integer(report.excludedMissingPredictions)),
        ])
      ),
      ("recall_samples", .integer(report.recallSampleCount)),
      (
        "warnings",
        .object(run.warningCounts.sorted { $0.key < $1.key }.map { ($0.key, .integer($0.value)) })
      ),
    ]
    if let mapping = report.mapping { pairs.append(("mapping", MappingSummary(mapping).json)) }
    if let zs = report.zeroShotSampleCount { pairs.append(("zero_shot_samples", .integer(zs))) }
    if let soft = report.soft {
      pairs.append(
        (
          "soft_matching",
          .object([
            ("source", .string(soft.source)), ("object_questions", .integer(soft.objectQuestions)),
            ("relation_questions", .integer(soft.relationQuestions)),
            ("unanswered_objects", .integer(soft.unansweredObjects)),
            ("unanswered_relations", .integer(soft.unansweredRelations)),
          ])
        ))
    }
    if let latency = run.latency {
      var l: [(String, JSONOutput)] = [
        ("samples", .integer(latency.count)), ("mean_s", .number(latency.meanSeconds)),
      ]
      if let p = latency.meanPromptTokens { l.append(("mean_prompt_tokens", .number(p))) }
      if let c = latency.meanCompletionTokens { l.append(("mean_completion_tokens", .number(c))) }
      pairs.append(("latency", .object(l)))
    }
    pairs.append(
      (
        "issues",
        .array(
          run.issues.map { item in
            .object([
              ("file", .string(item.issue.file)), ("line", .integer(item.issue.line)),
              ("field", item.issue.field.map { .string($0) } ?? .null),
              ("kind", .string(item.kind)),
              ("message", .string(item.issue.message)),
            ])
          })
      ))
    if let runID { pairs.append(("run_id", .integer(Int(runID)))) }
    if let databasePath { pairs.append(("db", .string(databasePath))) }
    return .object(pairs)
  }
}
