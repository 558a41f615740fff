import ArgumentParser
import Foundation
import SGGMetrics
import SGGReports
import SGGStore

/// `sgg-eval leaderboard`: complete runs on one split, ranked.
struct LeaderboardCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "leaderboard",
    abstract: "Rank the stored runs of one dataset split by a metric.",
    discussion: """
      Runs are chosen by --dataset/--split (runs scored with `score --dataset`) or by --gt FILE \
      (runs scored against a ground-truth file with the same SHA-256). Only complete runs are \
      ranked; the best value of each column is bold in Markdown, LaTeX and HTML.

      Examples:
        sgg-eval leaderboard --dataset vg150 --split test
        sgg-eval leaderboard --gt gt.jsonl --metric mR@50 --format latex -o table.tex
        sgg-eval leaderboard --dataset psg --split test --format html -o board.html
      """)

  @Option(help: "Dataset name (vg150, psg, …).") var dataset: String?
  @Option(help: "Split name (test, val, …).") var split: String?
  @Option(help: "Instead of --dataset/--split: runs scored against this ground-truth file.")
  var gt: String?
  @Option(help: "Only runs scored with this protocol preset.") var `protocol`: String?
  @Option(help: "Only runs with this tag.") var tag: String?
  @Option(help: "Ranking metric (default R@50; failure_rate ranks lowest first).") var metric:
    String = LeaderboardQuery.defaultMetric
  @Option(
    help: "Comma-separated metric columns (default \(LeaderboardQuery.defaultColumns.joined(separator: ","))).")
  var columns: String?
  @Option(help: "table, markdown, csv, latex or html.") var format: String = "table"
  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var output:
    String?
  @Option(help: "SQLite results store (default: $SGG_EVAL_DB or ./sgg-eval.sqlite).") var db:
    String?

  func metricColumns() -> [String] {
    columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
      ?? LeaderboardQuery.defaultColumns
  }

  func validate() throws {
    guard ReportFormat(rawValue: format) != nil else {
      throw ValidationError("--format must be table, markdown, csv, latex or html, not '\(format)'")
    }
    if gt != nil && (dataset != nil || split != nil) {
      throw ValidationError("--gt and --dataset/--split exclude each other")
    }
    if gt == nil && dataset == nil {
      throw ValidationError("choose the runs: --dataset D --split S, or --gt FILE")
    }
    let known = Set(MetricKey.all)
    for key in [metric] + metricColumns() where !known.contains(key) {
      throw ValidationError(
        "unknown metric '\(key)'; metrics are \(MetricKey.all.joined(separator: ", "))")
    }
  }

  func run() throws {
    let store = try StoreAccess.open(db)
    var sha: String?
    if let gt {
      do {
        sha = try FileReference(hashingFileAt: gt).sha256
      } catch {
        throw CLIError.input("\(gt): \(error)")
      }
    }
    let query = LeaderboardQuery(
      dataset: dataset, split: split, groundTruthSHA256: sha, protocolName: self.protocol,
      tag: tag, metric: metric, columns: metricColumns())
    let board = try StoreAccess.query { try Leaderboard.build(store: store, query: query) }
    if board.entries.isEmpty {
      Console.note("no complete run matches \(board.title)")
    }
    let chosen = ReportFormat(rawValue: format) ?? .table
    let text: String
    if chosen == .html {
      var breakdowns: [Int64: [PredicateBreakdownRecord]] = [:]
      for entry in board.entries.prefix(Leaderboard.barRuns) {
        guard let id = entry.run.id else { continue }
        breakdowns[id] = try StoreAccess.query { try store.predicateBreakdown(runID: id) }
      }
      text = board.html(breakdowns: breakdowns)
    } else {
      text = board.render(chosen)
    }
    try StoreAccess.emit(text, to: output)
  }
}
