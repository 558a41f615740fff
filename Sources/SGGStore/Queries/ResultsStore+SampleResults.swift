internal import GRDB
import SGGCore

extension SampleResultRecord: StoredRow {
  static let table = "sample_results"
  static let columns = [
    "sample_id", "line", "failure_kind", "obj_tp", "obj_pred", "obj_gt", "rel_tp", "rel_pred",
    "rel_gt", "obj_p", "obj_r", "obj_f1", "rel_p", "rel_r", "rel_f1", "sgg_score",
    "recall_at_20", "recall_at_50", "recall_at_100", "extra",
  ]

  var rowDescription: String { "sample \"\(sampleID)\"" }

  func bind(to b: inout RowBinder) {
    b.bind(sampleID)
    b.bind(line)
    b.bind(failure?.rawValue)
    b.bind(objTP)
    b.bind(objPred)
    b.bind(objGT)
    b.bind(relTP)
    b.bind(relPred)
    b.bind(relGT)
    b.bind(objP)
    b.bind(objR)
    b.bind(objF1)
    b.bind(relP)
    b.bind(relR)
    b.bind(relF1)
    b.bind(sggScore)
    b.bind(recallAt20)
    b.bind(recallAt50)
    b.bind(recallAt100)
    b.bind(extraJSON)
  }

  init(row: Row) throws {
    var failure: FailureKind?
    if let text = try row.decode(String?.self, atIndex: 2) {
      guard let kind = FailureKind(rawValue: text) else {
        throw UnreadableValue(table: Self.table, column: "failure_kind", value: text)
      }
      failure = kind
    }
    self.init(
      sampleID: try row.decode(atIndex: 0), line: try row.decode(atIndex: 1), failure: failure,
      objTP: try row.decode(atIndex: 3), objPred: try row.decode(atIndex: 4),
      objGT: try row.decode(atIndex: 5), relTP: try row.decode(atIndex: 6),
      relPred: try row.decode(atIndex: 7), relGT: try row.decode(atIndex: 8),
      objP: try row.double(at: 9), objR: try row.double(at: 10), objF1: try row.double(at: 11),
      relP: try row.double(at: 12), relR: try row.double(at: 13), relF1: try row.double(at: 14),
      sggScore: try row.double(at: 15), recallAt20: try row.double(at: 16),
      recallAt50: try row.double(at: 17), recallAt100: try row.double(at: 18),
      extraJSON: try row.decode(atIndex: 19))
  }
}

extension ResultsStore {
  /// Stores the per-sample scores of run `runID` in one transaction with one reused prepared
  /// statement (25,000 rows take a few tens of milliseconds in a release build).
  ///
  /// - Throws: ``StoreError/runNotFound(path:id:)``, or ``StoreError/database(path:message:)``
  ///   naming the sample when a sample id repeats (nothing of the batch is kept then).
  public func insertSampleResults(runID: Int64, _ rows: [SampleResultRecord]) throws {
    try insert(rows, runID: runID)
  }

  /// The per-sample scores of run `runID`, in insertion order.
  public func sampleResults(runID: Int64) throws -> [SampleResultRecord] {
    try fetch(SampleResultRecord.self, runID: runID)
  }
}
