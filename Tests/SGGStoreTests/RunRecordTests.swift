import Foundation
import SGGCore
import Testing

@testable import SGGStore

@Suite struct RunRecordTests {
  @Test func fileRunRoundTrips() throws {
    let store = try ResultsStore.inMemory()
    let run = sampleScoreRun(tags: ["sft", "ablation", "sft"])
    let id = try store.beginRun(run)
    let stored = try #require(try store.run(id: id))
    var expected = run
    expected.id = id
    expected.tags = ["ablation", "sft"]  // sorted, the duplicate kept once
    #expect(stored == expected)
    #expect(stored.status == .running)
    #expect(stored.finishedAt == nil)
  }

  @Test func datasetRunRoundTrips() throws {
    let store = try ResultsStore.inMemory()
    let run = RunRecord(
      createdAt: date(1_740_000_100), command: .run, protocolName: "default",
      predictions: nil, groundTruth: .dataset(root: "/data/psg"), dataset: "psg", split: "val",
      toolVersion: "0.1.0", usageJSON: #"{"latency_p50_s":1.25}"#)
    let id = try store.beginRun(run)
    let stored = try #require(try store.run(id: id))
    #expect(stored.groundTruth == .dataset(root: "/data/psg"))
    #expect(stored.predictions == nil)
    #expect(stored.vocab == nil)
    #expect(stored.name == nil)
    #expect(stored.command == .run)
    #expect(stored.usageJSON == #"{"latency_p50_s":1.25}"#)
    #expect(stored.dataset == "psg" && stored.split == "val")
  }

  @Test func datasetSourceNeedsDatasetAndSplit() throws {
    let store = try ResultsStore.inMemory()
    let run = RunRecord(
      command: .score, protocolName: "default", predictions: nil,
      groundTruth: .dataset(root: "/data/vg"), dataset: "vg150", split: nil, toolVersion: "0.1.0")
    #expect(throws: StoreError.self) { try store.beginRun(run) }
    #expect(try store.runs().isEmpty)
  }

  @Test func invalidProtocolJSONIsRejected() throws {
    let store = try ResultsStore.inMemory()
    var run = sampleScoreRun()
    run.protocolOptionsJSON = "{iou: plain"
    #expect {
      try store.beginRun(run)
    } throws: { error in
      guard case .invalidJSON(let field, _) = error as? StoreError else { return false }
      return field == "protocol_options_json"
    }
  }

  @Test func finishRunStoresMetricsAndFailures() throws {
    let store = try ResultsStore.inMemory()
    let id = try store.beginRun(sampleScoreRun())
    // 0.1 + 0.2 is 0.30000000000000004: a value whose decimal text would not round-trip if the
    // store went through a lossy format.
    let metrics: [String: Double] = ["R@50": 0.1 + 0.2, "obj_f1": 1.0 / 3.0, "mR@50": .nan]
    try store.finishRun(
      id: id, metrics: metrics, failures: ["malformed": 2, "no_answer": 1], sampleCount: 25,
      skippedLineCount: 4, usageJSON: #"{"completion_tokens":900}"#, finishedAt: date(1_740_000_500)
    )
    let run = try #require(try store.run(id: id))
    #expect(run.status == .complete)
    #expect(run.finishedAt == date(1_740_000_500))
    #expect(run.metrics["R@50"] == 0.30000000000000004)
    #expect(run.metrics["obj_f1"] == 1.0 / 3.0)
    #expect(run.metrics["mR@50"]?.isNaN == true)
    #expect(run.failures == ["malformed": 2, "no_answer": 1])
    #expect(run.sampleCount == 25 && run.skippedLineCount == 4)
    #expect(run.usageJSON == #"{"completion_tokens":900}"#)
    #expect(try store.metrics(runID: id).count == 3)

    // The JSON columns, as a sqlite3 user sees them: sorted keys, NaN as null.
    let json = try store.queue.read { db in
      try String.fetchOne(db, sql: "SELECT metrics_json FROM runs WHERE id = ?", arguments: [id])
    }
    #expect(json == #"{"R@50":0.30000000000000004,"mR@50":null,"obj_f1":0.3333333333333333}"#)

    // Finishing again replaces the metric rows rather than adding to them.
    try store.finishRun(id: id, metrics: ["R@20": 0.5], failures: [:])
    #expect(try store.metrics(runID: id) == ["R@20": 0.5])
    #expect(try store.run(id: id)?.sampleCount == 25)  // nil count keeps the stored one
  }

  @Test func unknownRunIsAnError() throws {
    let store = try ResultsStore.inMemory()
    #expect(try store.run(id: 42) == nil)
    #expect(throws: StoreError.runNotFound(path: ":memory:", id: 42)) {
      try store.finishRun(id: 42, metrics: [:], failures: [:])
    }
    #expect(throws: StoreError.runNotFound(path: ":memory:", id: 42)) {
      try store.insertSampleResults(runID: 42, [SampleResultRecord(sampleID: "a")])
    }
    #expect(throws: StoreError.runNotFound(path: ":memory:", id: 42)) {
      try store.tag(runID: 42, tags: ["x"])
    }
  }

  @Test func filtersSelectRuns() throws {
    let store = try ResultsStore.inMemory()
    let a = try store.beginRun(sampleScoreRun(name: "a", tags: ["baseline"]))
    let b = try store.beginRun(
      sampleScoreRun(name: "b", tags: ["sft"], dataset: "psg", split: "test"))
    let c = try store.beginRun(
      sampleScoreRun(name: "c", tags: ["sft", "grpo"], split: "val", protocolName: "default"))
    try store.finishRun(id: b, metrics: [:], failures: [:])

    func ids(_ filter: RunFilter) throws -> [Int64] {
      try store.runs(filter: filter).compactMap(\.id)
    }
    #expect(try ids(.all) == [a, b, c])
    #expect(try ids(RunFilter(dataset: "vg150")) == [a, c])
    #expect(try ids(RunFilter(dataset: "vg150", split: "test")) == [a])
    #expect(try ids(RunFilter(protocolName: "default")) == [c])
    #expect(try ids(RunFilter(tag: "sft")) == [b, c])
    #expect(try ids(RunFilter(split: "val", tag: "sft")) == [c])
    #expect(try ids(RunFilter(name: "b")) == [b])
    #expect(try ids(RunFilter(status: .complete)) == [b])
    #expect(try ids(RunFilter(status: .running)) == [a, c])
    #expect(try ids(RunFilter(command: .run)) == [])
    #expect(try ids(RunFilter(tag: "nope")) == [])
    #expect(try store.runs(filter: RunFilter(tag: "grpo")).first?.tags == ["grpo", "sft"])
  }

  @Test func tagsAreAddedAndRemoved() throws {
    let store = try ResultsStore.inMemory()
    let id = try store.beginRun(sampleScoreRun(tags: ["sft"]))
    try store.tag(runID: id, tags: ["paper", "sft", "ablation"])
    #expect(try store.run(id: id)?.tags == ["ablation", "paper", "sft"])
    try store.untag(runID: id, tags: ["sft", "never-had"])
    #expect(try store.run(id: id)?.tags == ["ablation", "paper"])
    #expect(throws: StoreError.invalidRecord("a tag is empty")) {
      try store.tag(runID: id, tags: [""])
    }
  }

  @Test func deletingARunCascades() throws {
    let store = try ResultsStore.inMemory()
    let keep = try store.beginRun(sampleScoreRun(name: "keep", tags: ["x"]))
    let drop = try store.beginRun(sampleScoreRun(name: "drop", tags: ["x"]))
    for id in [keep, drop] {
      try store.finishRun(id: id, metrics: ["R@50": 0.5], failures: [:])
      try store.insertSampleResults(runID: id, [SampleResultRecord(sampleID: "s1")])
      try store.insertPredicateBreakdown(
        runID: id,
        [
          PredicateBreakdownRecord(
            predicate: "on", gtCount: 1, hitsAt20: 1, hitsAt50: 1, hitsAt100: 1, predCount: 2)
        ])
      try store.insertClassBreakdown(
        runID: id, [ClassBreakdownRecord(label: "cat", gtCount: 1, tp: 1, predCount: 1)])
      try store.insertIssues(
        runID: id, [InputIssueRecord(file: "p.jsonl", line: 3, message: "bad", kind: "bad_json")])
      try store.putPrediction(runID: id, PredictionRecord(sampleID: "s1", response: "{}"))
    }
    try store.deleteRun(id: drop)
    #expect(try store.run(id: drop) == nil)
    #expect(throws: StoreError.runNotFound(path: ":memory:", id: drop)) {
      try store.sampleResults(runID: drop)
    }
    let tables = [
      "run_tags", "run_metrics", "sample_results", "predicate_breakdown", "class_breakdown",
      "input_issues", "predictions",
    ]
    for table in tables {
      let (dropped, kept) = try store.queue.read { db in
        (
          try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM \(table) WHERE run_id = ?", arguments: [drop]),
          try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM \(table) WHERE run_id = ?", arguments: [keep])
        )
      }
      #expect(dropped == 0, "\(table) still has rows of the deleted run")
      #expect(kept == 1, "\(table) lost rows of the kept run")
    }
  }
}
