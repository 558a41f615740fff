import SGGCore
import SGGMetrics

/// The terminal report of `sgg-eval score`: metrics with units, failures, skips and issues.
public struct ScoreTable {
  public var run: ScoreRun
  /// How many input issues to list before summarising the rest.
  public var issueLimit: Int

  public init(run: ScoreRun, issueLimit: Int = 10) {
    self.run = run
    self.issueLimit = issueLimit
  }

  public func render() -> String {
    let report = run.report
    let m = report.metrics
    var lines: [String] = []
    let changes = report.options.differences(
      from: ScoringProtocol.presets[report.options.name] ?? .default)
    lines.append(
      "protocol: \(report.options.name)"
        + (changes.isEmpty ? "" : " (changed: \(changes.joined(separator: ", ")))"))
    lines.append("samples:  \(report.sampleCount) evaluated" + sourceSummary())
    lines.append("")
    func value(_ key: String) -> String { MetricFormat.percent(m[key] ?? 0) }
    func row(_ name: String, _ cells: [String], note: String = "") {
      lines.append(
        "  " + MetricFormat.pad(name, 22)
          + cells.map { MetricFormat.padLeft($0, 9) }.joined(separator: "  ")
          + (note.isEmpty ? "" : "   " + note))
    }
    func header(_ title: String, _ columns: [String]) {
      lines.append(
        "  " + MetricFormat.pad(title, 22)
          + columns.map { MetricFormat.padLeft($0, 9) }.joined(separator: "  "))
    }
    header("", ["P", "R", "F1"])
    let failed = report.failures.values.reduce(0, +)
    row(
      "failure rate", [value("failure_rate")],
      note: "\(failed) of \(report.failureRateDenominator)"
        + (report.failureRateDenominator != report.sampleCount
          ? " (\(report.sampleCount) samples + unknown prediction ids)" : " samples"))
    row("objects P / R / F1", [value("obj_p"), value("obj_r"), value("obj_f1")])
    row("relations P / R / F1", [value("rel_p"), value("rel_r"), value("rel_f1")])
    if m["soft_obj_p"] != nil {
      row("soft objects", [value("soft_obj_p"), value("soft_obj_r"), value("soft_obj_f1")])
      row("soft relations", [value("soft_rel_p"), value("soft_rel_r"), value("soft_rel_f1")])
    }
    row("SGG score", [value("sgg_score")], note: "(obj F1 + rel F1) / 2")
    if m["soft_sgg_score"] != nil { row("soft SGG score", [value("soft_sgg_score")]) }
    let ks = MetricKey.ks
    header("", ks.map { "@\($0)" })
    row("R@K", ks.map { value("R@\($0)") }, note: "\(report.recallSampleCount) images")
    row("mR@K", ks.map { value("mR@\($0)") })
    row("ngR@K", ks.map { value("ngR@\($0)") })
    if let zs = report.zeroShotSampleCount {
      if m["zR@20"] != nil {
        row("zR@K", ks.map { value("zR@\($0)") }, note: "\(zs) images with zero-shot GT")
        row("ng-zR@K", ks.map { value("ng-zR@\($0)") })
      } else {
        lines.append("  zR@K, ng-zR@K: no evaluated image has a zero-shot GT triplet")
      }
    }
    row("AP50", [value("AP50")], note: "pycocotools, IoU 0.5")
    if let mapping = report.mapping { lines += MappingSummary(mapping).lines }
    if let soft = report.soft {
      lines.append("")
      lines.append(
        "  soft matching (\(soft.source)): \(soft.objectQuestions) object and \(soft.relationQuestions) relation questions; "
          + "\(soft.unansweredObjects + soft.unansweredRelations) unanswered (counted as not equivalent)"
      )
    }
    if let latency = run.latency {
      lines.append("")
      var text =
        "  latency: mean \(MetricFormat.fixed(latency.meanSeconds, digits: 3)) s over \(latency.count) samples"
      if let p = latency.meanPromptTokens, let c = latency.meanCompletionTokens {
        text +=
          "; mean tokens: \(MetricFormat.fixed(p, digits: 1)) prompt, \(MetricFormat.fixed(c, digits: 1)) completion"
      }
      lines.append(text)
    }
    if !report.failures.isEmpty {
      lines.append("")
      let parts = report.failures.sorted { $0.key < $1.key }.map {
        "\($0.key.rawValue) \($0.value)"
      }
      lines.append("failures: " + parts.joined(separator: ", "))
    }
    var skips: [String] = []
    if report.skippedWithoutGroundTruthRelations > 0 {
      skips.append("\(report.skippedWithoutGroundTruthRelations) without GT relations")
    }
    if report.skippedWithoutPredictedRelations > 0 {
      skips.append("\(report.skippedWithoutPredictedRelations) whose prediction kept no relation")
    }
    if report.excludedMissingPredictions > 0 {
      skips.append(
        "\(report.excludedMissingPredictions) without a prediction (excluded from all metrics)")
    }
    if !skips.isEmpty { lines.append("recall skipped: " + skips.joined(separator: "; ")) }
    if !run.warningCounts.isEmpty {
      let parts = run.warningCounts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
      lines.append("parser warnings: " + parts.joined(separator: ", "))
    }
    if !run.issues.isEmpty {
      lines.append("")
      lines.append("input issues (\(run.issues.count)):")
      for issue in run.issues.prefix(issueLimit) { lines.append("  " + issue.description) }
      if run.issues.count > issueLimit {
        lines.append(
          "  … \(run.issues.count - issueLimit) more (all of them are in --json and the store)")
      }
    }
    return lines.joined(separator: "\n")
  }

  private func sourceSummary() -> String {
    var parts: [String] = []
    parts.append("\(run.predictionLines) prediction lines")
    if run.skippedPredictionLines > 0 { parts.append("\(run.skippedPredictionLines) skipped") }
    if run.skippedGroundTruthLines > 0 {
      parts.append("\(run.skippedGroundTruthLines) GT lines skipped")
    }
    return " (" + parts.joined(separator: ", ") + ")"
  }
}
