import ArgumentParser
import SGGMetrics
import SGGReports
import SGGStore

/// `sgg-eval compare`: an ablation table with bootstrap intervals and paired tests.
struct CompareCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "compare",
    abstract: "Compare runs against a baseline, with 95% bootstrap CIs and paired tests.",
    discussion: """
      The first run is the baseline. Runs must have been scored with the same protocol options \
      on the same ground truth (file hash, or dataset and split); anything else is refused with \
      the reason. Intervals are percentile bootstraps over samples; differences are paired on \
      sample ids and tested with a sign-flip test (docs/reports.md).

      Examples:
        sgg-eval compare 3 5 8
        sgg-eval compare 3 5 --metrics R@50,mR@50,rel_f1 --format latex -o ablation.tex
        sgg-eval compare 3 5 --bootstrap 10000 --seed 7
      """)

  @Argument(help: "Run ids; the first is the baseline.") var runs: [Int64]
  @Option(help: "Comma-separated metrics.") var metrics: String =
    "R@20,R@50,R@100,mR@50,obj_f1,rel_f1,sgg_score,failure_rate"
  @Option(help: "Bootstrap resamples (and sign-flip draws above 16 pairs).") var bootstrap: Int =
    Bootstrap.defaultResamples
  @Option(help: "Seed of the SplitMix64 generator.") var seed: UInt64 = 0
  @Option(help: "table, markdown, csv, latex or html.") var format: String = "table"
  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output:
    String?
  @Option(help: "SQLite results store (default: $SGG_EVAL_DB or ./sgg-eval.sqlite).") var db:
    String?

  func metricList() -> [String] {
    metrics.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
  }

  func validate() throws {
    guard ReportFormat(rawValue: format) != nil else {
      throw ValidationError("--format must be table, markdown, csv, latex or html, not '\(format)'")
    }
    if runs.count < 2 { throw ValidationError("give at least two runs: BASELINE RUN...") }
    if bootstrap < 1 || bootstrap > 1_000_000 {
      throw ValidationError("--bootstrap must be between 1 and 1000000")
    }
    for key in metricList() where !MetricKey.all.contains(key) {
      throw ValidationError(
        "unknown metric '\(key)'; metrics are \(MetricKey.all.joined(separator: ", "))")
    }
  }

  func run() throws {
    let store = try StoreAccess.open(db)
    for id in runs { _ = try StoreAccess.run(store, id) }
    let comparison: RunComparison
    do {
      comparison = try RunComparison.build(
        store: store, runIDs: runs, metrics: metricList(), resamples: bootstrap, seed: seed)
    } catch let refusal as ComparisonRefusal {
      throw CLIError.input("cannot compare: \(refusal)")
    } catch {
      throw CLIError.store("\(error)")
    }
    try StoreAccess.emit(comparison.render(ReportFormat(rawValue: format) ?? .table), to: output)
  }
}
