import Foundation
import SGGCore
import Testing

@testable import SGGStore

@Suite struct SampleResultTests {
  /// Rows that exercise every column: counts, rates that decimal text would not keep
  /// (1/3, 0.1+0.2), the smallest subnormal, the largest double, infinity, NaN (stored as NULL),
  /// -0.0 (SQLite keeps integral REALs as integers on disk, so it reads back as +0.0), a failure,
  /// an empty id, and text with quotes, escapes and non-ASCII.
  static let rows: [SampleResultRecord] = [
    SampleResultRecord(
      sampleID: "2343728", line: 1, objTP: 7, objPred: 9, objGT: 8, relTP: 3, relPred: 11,
      relGT: 5, objP: 7.0 / 9.0, objR: 7.0 / 8.0, objF1: 14.0 / 17.0, relP: 3.0 / 11.0,
      relR: 0.6, relF1: 6.0 / 16.0, sggScore: 0.1 + 0.2, recallAt20: 0.4, recallAt50: 0.6,
      recallAt100: 0.6, extraJSON: #"{"mean_iou":0.71}"#),
    SampleResultRecord(
      sampleID: "vid_7/frame_0042", line: nil, failure: .missingPrediction, objGT: 4, relGT: 2,
      objP: .nan, relP: .nan, recallAt20: 0, recallAt50: 0, recallAt100: 0),
    SampleResultRecord(
      sampleID: "", line: 3, failure: .truncated, objP: .leastNonzeroMagnitude,
      objR: .greatestFiniteMagnitude, objF1: -0.0, relP: .infinity,
      extraJSON: #"{"note":"say \"hi\"\n","label":"caf\u00e9 ☕"}"#),
  ]

  @Test func rowsRoundTripExactly() throws {
    let store = try ResultsStore.inMemory()
    let id = try store.beginRun(sampleScoreRun())
    try store.insertSampleResults(runID: id, Self.rows)
    let back = try store.sampleResults(runID: id)
    #expect(back.count == Self.rows.count)
    for (a, b) in zip(Self.rows, back) {
      #expect(sameValues(a, b), "\(a.sampleID) changed: \(b)")
    }
    // Bit patterns, not just ==.
    #expect(back[2].objF1.bitPattern == (0.0 as Double).bitPattern)
    #expect(back[2].objP.bitPattern == Double.leastNonzeroMagnitude.bitPattern)
  }

  @Test func repeatedSampleIDRollsBackTheBatch() throws {
    let store = try ResultsStore.inMemory()
    let id = try store.beginRun(sampleScoreRun())
    let rows = [
      SampleResultRecord(sampleID: "a"), SampleResultRecord(sampleID: "b"),
      SampleResultRecord(sampleID: "a"),
    ]
    #expect {
      try store.insertSampleResults(runID: id, rows)
    } throws: { error in
      guard case .database(_, let message) = error as? StoreError else { return false }
      return message.contains("UNIQUE") && message.contains("sample \"a\"")
    }
    #expect(try store.sampleResults(runID: id).isEmpty)
    // The same statement path still works afterwards.
    try store.insertSampleResults(runID: id, Array(rows.prefix(2)))
    #expect(try store.sampleResults(runID: id).map(\.sampleID) == ["a", "b"])
  }

  /// Python's sqlite3 module reads the file on its own: the column names are the documented ones
  /// and every REAL is the same double (`float.hex` shows all 64 bits).
  @Test func pythonSeesTheSameValues() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("r.sqlite").path
    let id: Int64
    do {
      let store = try ResultsStore(path: path)
      id = try store.beginRun(sampleScoreRun())
      try store.insertSampleResults(runID: id, Self.rows)
    }
    let script = """
      import sqlite3, sys
      db = sqlite3.connect(sys.argv[1])
      for r in db.execute("SELECT sample_id, line, failure_kind, rel_tp, obj_p, obj_f1, \
      sgg_score, recall_at_50 FROM sample_results WHERE run_id = ? ORDER BY rowid", (int(sys.argv[2]),)):
          print("|".join("None" if v is None else (v.hex() if isinstance(v, float) else str(v)) for v in r))
      """
    let lines = try runPython(script, arguments: [path, String(id)])
      .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    func hex(_ d: Double) -> String {
      // Python's float.hex form, e.g. 0x1.8e38e38e38e39p-1.
      if d == 0 { return d.sign == .minus ? "-0x0.0p+0" : "0x0.0p+0" }
      let out = try? runPython("import sys; print(float(sys.argv[1]).hex())", arguments: ["\(d)"])
      return (out ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }
    #expect(
      lines[0]
        == "2343728|1|None|3|\(hex(7.0 / 9.0))|\(hex(14.0 / 17.0))|\(hex(0.1 + 0.2))|\(hex(0.6))")
    #expect(
      lines[1] == "vid_7/frame_0042|None|missing_prediction|0|None|0x0.0p+0|0x0.0p+0|0x0.0p+0")
    #expect(lines[2].hasPrefix("|3|truncated|0|\(hex(.leastNonzeroMagnitude))|0x0.0p+0|"))
  }

  /// The acceptance size: 25,000 rows in, the same 25,000 out. (The speed, well under 0.2 s in a
  /// release build, is measured by hand; a debug-build timing here would only be noise.)
  @Test func twentyFiveThousandRowsRoundTrip() throws {
    let store = try ResultsStore.inMemory()
    let id = try store.beginRun(sampleScoreRun())
    let rows = (0..<25_000).map { (i: Int) -> SampleResultRecord in
      let failure: FailureKind? = i % 97 == 0 ? .malformed : nil
      let objP = Double(i) / 25_000
      let recall = Double(i % 5) / 5
      return SampleResultRecord(
        sampleID: "img\(i)", line: i + 1, failure: failure, objTP: i % 7, objPred: 9, objGT: 8,
        relTP: i % 5, relPred: 11, relGT: 5, objP: objP, recallAt50: recall)
    }
    try store.insertSampleResults(runID: id, rows)
    let back = try store.sampleResults(runID: id)
    #expect(back == rows)
  }
}

@Suite struct UnreadableValueTests {
  /// A failure kind this version does not know (written by hand, or by a newer sgg-eval) is
  /// reported with table, column and value instead of crashing or being dropped.
  @Test func unknownFailureKindIsReported() throws {
    let store = try ResultsStore.inMemory()
    let id = try store.beginRun(sampleScoreRun())
    try store.insertSampleResults(runID: id, [SampleResultRecord(sampleID: "s1")])
    try store.queue.write { db in
      try db.execute(sql: "UPDATE sample_results SET failure_kind = 'exploded'")
    }
    #expect(
      throws: StoreError.unexpectedValue(
        path: ":memory:", table: "sample_results", column: "failure_kind", value: "exploded")
    ) {
      try store.sampleResults(runID: id)
    }
  }
}
