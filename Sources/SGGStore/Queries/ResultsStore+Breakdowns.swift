internal import GRDB

extension PredicateBreakdownRecord: StoredRow {
  static let table = "predicate_breakdown"
  static let columns = [
    "predicate", "gt_count", "hits_at_20", "hits_at_50", "hits_at_100", "pred_count",
  ]

  var rowDescription: String { "predicate \"\(predicate)\"" }

  func bind(to b: inout RowBinder) {
    b.bind(predicate)
    b.bind(gtCount)
    b.bind(hitsAt20)
    b.bind(hitsAt50)
    b.bind(hitsAt100)
    b.bind(predCount)
  }

  init(row: Row) throws {
    self.init(
      predicate: try row.decode(atIndex: 0), gtCount: try row.decode(atIndex: 1),
      hitsAt20: try row.decode(atIndex: 2), hitsAt50: try row.decode(atIndex: 3),
      hitsAt100: try row.decode(atIndex: 4), predCount: try row.decode(atIndex: 5))
  }
}

extension ClassBreakdownRecord: StoredRow {
  static let table = "class_breakdown"
  static let columns = ["label", "gt_count", "tp", "pred_count"]

  var rowDescription: String { "label \"\(label)\"" }

  func bind(to b: inout RowBinder) {
    b.bind(label)
    b.bind(gtCount)
    b.bind(tp)
    b.bind(predCount)
  }

  init(row: Row) throws {
    self.init(
      label: try row.decode(atIndex: 0), gtCount: try row.decode(atIndex: 1),
      tp: try row.decode(atIndex: 2), predCount: try row.decode(atIndex: 3))
  }
}

extension ResultsStore {
  /// Stores run `runID`'s per-predicate counts (one row per predicate; a repeated predicate is an
  /// error and nothing of the batch is kept).
  public func insertPredicateBreakdown(runID: Int64, _ rows: [PredicateBreakdownRecord]) throws {
    try insert(rows, runID: runID)
  }

  /// Run `runID`'s per-predicate counts, in insertion order.
  public func predicateBreakdown(runID: Int64) throws -> [PredicateBreakdownRecord] {
    try fetch(PredicateBreakdownRecord.self, runID: runID)
  }

  /// Stores run `runID`'s per-class object counts (one row per label).
  public func insertClassBreakdown(runID: Int64, _ rows: [ClassBreakdownRecord]) throws {
    try insert(rows, runID: runID)
  }

  /// Run `runID`'s per-class object counts, in insertion order.
  public func classBreakdown(runID: Int64) throws -> [ClassBreakdownRecord] {
    try fetch(ClassBreakdownRecord.self, runID: runID)
  }
}
