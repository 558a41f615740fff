import ArgumentParser
import Foundation
import SGGMetrics
import SGGReports
import SGGStore

/// `sgg-eval runs`: the stored runs, filtered.
struct RunsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "runs",
    abstract: "List the runs in the results store.",
    discussion: """
      Examples:
        sgg-eval runs
        sgg-eval runs --dataset vg150 --split test --protocol r1sgg
        sgg-eval runs --tag ablation --format markdown
      Tag runs afterwards with `sgg-eval tag RUN TAG...`.
      """)

  @Option(help: "Only runs on this dataset (e.g. vg150).") var dataset: String?
  @Option(help: "Only runs on this split.") var split: String?
  @Option(help: "Only runs scored with this protocol preset.") var `protocol`: String?
  @Option(help: "Only runs with this tag.") var tag: String?
  @Option(help: "Only runs with this name.") var name: String?
  @Option(help: "The metric shown in the list.") var metric: String = LeaderboardQuery.defaultMetric
  @Option(help: "table, markdown or csv.") var format: String = "table"
  @Option(help: "SQLite results store (default: $SGG_EVAL_DB or ./sgg-eval.sqlite).") var db:
    String?

  func validate() throws {
    guard let f = ReportFormat(rawValue: format), [.table, .markdown, .csv].contains(f) else {
      throw ValidationError("--format must be table, markdown or csv, not '\(format)'")
    }
  }

  /// `2025-03-01 12:34` (UTC).
  static func dateText(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd HH:mm"
    return formatter.string(from: date)
  }

  func run() throws {
    let store = try StoreAccess.open(db)
    let runs = try StoreAccess.query {
      try store.runs(
        filter: RunFilter(
          dataset: dataset, split: split, protocolName: self.protocol, tag: tag, name: name))
    }
    let raw = format == "csv"
    let rows = runs.map { run -> [String] in
      let value = run.metrics[metric] ?? .nan
      return [
        String(run.id ?? -1), run.name ?? "", run.command.rawValue, run.status.rawValue,
        run.protocolName, [run.dataset, run.split].compactMap { $0 }.joined(separator: "/"),
        RunComparability.groundTruthIdentity(run).prefix(19).description,
        String(run.sampleCount),
        raw ? (value.isNaN ? "" : "\(value)") : (value.isNaN ? "—" : MetricFormat.percent(value)),
        run.tags.joined(separator: " "), Self.dateText(run.createdAt),
      ]
    }
    let table = TextTable(
      header: [
        "id", "name", "command", "status", "protocol", "dataset", "ground truth", "samples", metric,
        "tags", "created",
      ], alignments: [.right, .left, .left, .left, .left, .left, .left, .right, .right, .left, .left],
      rows: rows, notes: raw ? [] : ["\(runs.count) run(s) in \(store.path)"])
    switch ReportFormat(rawValue: format) {
    case .markdown?: print(table.markdown())
    case .csv?: print(table.csv())
    default: print(table.terminal())
    }
  }
}
