import Foundation
import Testing

@testable import SGGStore

/// What a killed judge or runner keeps: everything stored before the kill is there when the file
/// is opened again.
@Suite struct ResumeTests {
  @Test func judgeVerdictsSurviveReopening() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("judge.sqlite").path
    let keys = (0..<5).map {
      JudgeKey(model: "qwen2.5-7b", promptHash: "p1", questionHash: "q\($0)")
    }
    let yes = JudgeVerdictRecord(
      key: keys[0], question: "Is a 'man' a 'person'?", verdict: true, rawAnswer: "Yes.",
      createdAt: date(1_740_000_000))
    let no = JudgeVerdictRecord(
      key: keys[1], question: "Is a 'cup' a 'mug'?", verdict: false, rawAnswer: "No",
      createdAt: date(1_740_000_001))
    let unanswered = JudgeVerdictRecord(
      key: keys[2], question: "Is a 'tee' a 'shirt'?", verdict: nil, rawAnswer: "maybe?",
      createdAt: date(1_740_000_002))
    do {
      let store = try ResultsStore(path: path)
      try store.putJudgeVerdict(yes)
      try store.putJudgeVerdict(no)
      try store.putJudgeVerdict(unanswered)
    }
    let store = try ResultsStore(path: path)
    let found = try store.judgeVerdicts(for: keys + [keys[0]])
    #expect(found == [keys[0]: yes, keys[1]: no, keys[2]: unanswered])
    #expect(try store.judgeVerdictCount() == 3)

    // Same model and question under another prompt is another key.
    let otherPrompt = JudgeKey(model: "qwen2.5-7b", promptHash: "p2", questionHash: "q0")
    #expect(try store.judgeVerdicts(for: [otherPrompt]).isEmpty)

    // An unanswered verdict can be answered later; the key stays one row.
    var answered = unanswered
    answered.verdict = true
    answered.rawAnswer = "Yes"
    try store.putJudgeVerdict(answered)
    #expect(try store.judgeVerdicts(for: [keys[2]])[keys[2]] == answered)
    #expect(try store.judgeVerdictCount() == 3)
  }

  @Test func manyVerdictsLookedUpAtOnce() throws {
    let store = try ResultsStore.inMemory()
    let records = (0..<2_000).map { i in
      JudgeVerdictRecord(
        key: JudgeKey(model: "m", promptHash: "p", questionHash: "\(i)"), question: "q\(i)",
        verdict: i % 3 == 0 ? nil : i % 2 == 0, rawAnswer: nil, createdAt: date(1_740_000_000 + i))
    }
    try store.putJudgeVerdicts(records)
    let wanted = records.map(\.key) + [JudgeKey(model: "m", promptHash: "p", questionHash: "x")]
    let found = try store.judgeVerdicts(for: wanted)
    #expect(found.count == 2_000)
    #expect(records.allSatisfy { found[$0.key] == $0 })
  }

  @Test func predictionsSurviveReopeningAndResumeSkipsThem() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("run.sqlite").path
    let samples = ["a", "b", "c", "d"]
    let first = PredictionRecord(
      sampleID: "a", response: #"{"objects":[]}"#, latencyS: 1.5, promptTokens: 812,
      completionTokens: 230, finishReason: "stop", endpoint: "http://127.0.0.1:8000/v1",
      createdAt: date(1_740_000_010))
    let second = PredictionRecord(
      sampleID: "b", response: "", finishReason: "length", createdAt: date(1_740_000_011))
    let runID: Int64
    do {
      let store = try ResultsStore(path: path)
      runID = try store.beginRun(
        RunRecord(
          command: .run, protocolName: "default", predictions: nil,
          groundTruth: .dataset(root: "/data/vg"), dataset: "vg150", split: "test",
          toolVersion: "0.1.0"))
      try store.putPrediction(runID: runID, first)
      try store.putPrediction(runID: runID, second)
      // Killed here: finishRun is never called.
    }
    let store = try ResultsStore(path: path)
    let run = try #require(try store.run(id: runID))
    #expect(run.status == .running)
    #expect(try store.runs(filter: RunFilter(status: .running)).map(\.id) == [runID])
    let done = try store.finishedSampleIDs(runID: runID)
    #expect(done == ["a", "b"])
    #expect(samples.filter { !done.contains($0) } == ["c", "d"])
    #expect(try store.predictions(runID: runID) == [first, second])

    // Re-putting a sample replaces its response instead of adding a second row.
    var retried = second
    retried.response = #"{"objects":[{"id":"o1"}]}"#
    retried.finishReason = "stop"
    try store.putPrediction(runID: runID, retried)
    #expect(try store.predictions(runID: runID) == [first, retried])
  }
}
