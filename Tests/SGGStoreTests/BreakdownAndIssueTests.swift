import Foundation
import Testing

@testable import SGGStore

@Suite struct BreakdownAndIssueTests {
  @Test func predicateAndClassBreakdownsRoundTrip() throws {
    let store = try ResultsStore.inMemory()
    let id = try store.beginRun(sampleScoreRun())
    // Vocabulary order ("on" before "has"), not alphabetical, is what comes back.
    let predicates = [
      PredicateBreakdownRecord(
        predicate: "on", gtCount: 120, hitsAt20: 40, hitsAt50: 61, hitsAt100: 70, predCount: 300),
      PredicateBreakdownRecord(
        predicate: "has", gtCount: 3, hitsAt20: 0, hitsAt50: 1, hitsAt100: 1, predCount: 0),
    ]
    let classes = [
      ClassBreakdownRecord(label: "person", gtCount: 50, tp: 44, predCount: 61),
      ClassBreakdownRecord(label: "cat", gtCount: 2, tp: 0, predCount: 0),
    ]
    try store.insertPredicateBreakdown(runID: id, predicates)
    try store.insertClassBreakdown(runID: id, classes)
    #expect(try store.predicateBreakdown(runID: id) == predicates)
    #expect(try store.classBreakdown(runID: id) == classes)
  }

  @Test func repeatedPredicateIsAnError() throws {
    let store = try ResultsStore.inMemory()
    let id = try store.beginRun(sampleScoreRun())
    let row = PredicateBreakdownRecord(
      predicate: "on", gtCount: 1, hitsAt20: 0, hitsAt50: 0, hitsAt100: 0, predCount: 0)
    #expect(throws: StoreError.self) { try store.insertPredicateBreakdown(runID: id, [row, row]) }
    #expect(try store.predicateBreakdown(runID: id).isEmpty)
  }

  @Test func issuesRoundTripAndAppend() throws {
    let store = try ResultsStore.inMemory()
    let id = try store.beginRun(sampleScoreRun())
    let first = [
      InputIssueRecord(
        file: "preds.jsonl", line: 118, field: "box", message: "`box` has 3 numbers, expected 4",
        kind: "bad_box"),
      InputIssueRecord(file: "preds.jsonl", line: 7, message: "not JSON", kind: "bad_json"),
    ]
    let second = [
      InputIssueRecord(file: "gt.jsonl", line: nil, message: "file is empty", kind: "empty_file")
    ]
    try store.insertIssues(runID: id, first)
    try store.insertIssues(runID: id, second)
    #expect(try store.issues(runID: id) == first + second)
  }
}
