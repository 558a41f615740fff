import Foundation
import SGGStore
import Testing

@testable import SGGReports

@Suite struct LeaderboardTests {
  /// Three runs: R@50 0.25 / 0.5 / 0.5 (a tie), failure rates 0.1 / 0.3 / 0.2.
  func store() throws -> (ResultsStore, [Int64]) {
    let store = try ResultsStore.inMemory()
    let ids = [
      try StoreFixture.addRun(
        store, name: "small", recalls: [0.25], metrics: ["R@50": 0.25, "failure_rate": 0.1],
        dataset: "vg150", split: "test", usage: #"{"mean_s":0.5,"samples":1}"#),
      try StoreFixture.addRun(
        store, name: "big_one", recalls: [0.5], metrics: ["R@50": 0.5, "failure_rate": 0.3],
        dataset: "vg150", split: "test", usage: #"{"mean_s":2.0,"samples":1}"#),
      try StoreFixture.addRun(
        store, name: "tie", recalls: [0.5], metrics: ["R@50": 0.5, "failure_rate": 0.2],
        dataset: "vg150", split: "test"),
    ]
    // Another split and an unfinished run never appear.
    try StoreFixture.addRun(
      store, name: "val", recalls: [1], metrics: ["R@50": 1], dataset: "vg150", split: "val")
    try StoreFixture.addRun(
      store, name: "killed", recalls: [1], metrics: [:], dataset: "vg150", split: "test",
      finish: false)
    return (store, ids)
  }

  @Test func ranksByMetricWithTies() throws {
    let (store, ids) = try store()
    let board = try Leaderboard.build(
      store: store,
      query: LeaderboardQuery(dataset: "vg150", split: "test", columns: ["failure_rate"]))
    #expect(board.entries.map(\.run.id) == [ids[1], ids[2], ids[0]])
    #expect(board.entries.map(\.rank) == [1, 1, 3])
    #expect(board.columns == ["R@50", "failure_rate"])
    #expect(board.entries.map(\.latencySeconds) == [2.0, nil, 0.5])
    // The failure rate ranks lowest first.
    let byFailure = try Leaderboard.build(
      store: store, query: LeaderboardQuery(dataset: "vg150", split: "test", metric: "failure_rate"))
    #expect(byFailure.entries.map(\.run.name) == ["small", "tie", "big_one"])
    // By ground-truth hash: all five runs share it, but only the four complete ones count.
    let byHash = try Leaderboard.build(
      store: store, query: LeaderboardQuery(groundTruthSHA256: StoreFixture.gtSHA))
    #expect(byHash.entries.count == 4)
  }

  @Test func csvCarriesTheStoredNumbersExactly() throws {
    let (store, _) = try store()
    let board = try Leaderboard.build(
      store: store,
      query: LeaderboardQuery(dataset: "vg150", split: "test", columns: ["failure_rate"]))
    let lines = board.render(.csv).split(separator: "\n").map(String.init)
    #expect(lines[0] == "rank,run,name,protocol,tags,R@50,failure_rate,latency_s,samples")
    let stored = try store.runs(filter: RunFilter(dataset: "vg150", split: "test", status: .complete))
    for line in lines.dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let run = try #require(stored.first { String($0.id ?? -1) == f[1] })
      #expect(Double(f[5]) == run.metrics["R@50"])
      #expect(Double(f[6]) == run.metrics["failure_rate"])
    }
  }

  @Test func markdownAndLatexMarkTheBest() throws {
    let (store, _) = try store()
    let board = try Leaderboard.build(
      store: store,
      query: LeaderboardQuery(dataset: "vg150", split: "test", columns: ["failure_rate"]))
    let md = board.render(.markdown)
    // 0.5 → "50.00"; both tied runs are bold; the lowest failure rate (10.00) is bold.
    #expect(md.contains("| 1 | \(board.entries[0].run.id ?? 0) | big_one | default |  | **50.00** | 30.00 | 2.000 | 1 |"))
    #expect(md.contains("**10.00**"))
    let tex = board.render(.latex)
    #expect(tex.hasPrefix("\\begin{tabular}{rrlllrrrr}\n\\toprule\n"))
    #expect(tex.contains("\\midrule"))
    #expect(tex.contains("\\bottomrule\n\\end{tabular}"))
    #expect(tex.contains("big\\_one"))
    #expect(tex.contains("R@50 (\\%)"))
    #expect(tex.contains("\\textbf{50.00}"))
    let terminal = board.render(.table)
    #expect(terminal.contains("ranked by R@50 (higher is better)"))
  }

  @Test func latexEscapesSpecialCharacters() {
    #expect(TextTable.latexEscape("a_b & 50% #1 {x} ~^\\") == "a\\_b \\& 50\\% \\#1 \\{x\\} \\textasciitilde{}\\textasciicircum{}\\textbackslash{}")
  }
}
