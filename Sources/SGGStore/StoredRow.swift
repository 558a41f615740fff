internal import GRDB

/// A record stored as rows that belong to one run (`sample_results`, the breakdowns,
/// `input_issues`): its table, its columns after `run_id`, and how to write and read one row.
///
/// The conformance is internal, so the public record types stay free of GRDB.
protocol StoredRow {
  static var table: String { get }
  /// The columns after `run_id`, in the order ``bind(to:)`` binds them and ``init(row:)`` reads
  /// them (index 0 is the first of these).
  static var columns: [String] { get }
  /// Names the row in an error message.
  var rowDescription: String { get }
  func bind(to binder: inout RowBinder)
  init(row: Row) throws
}

/// A stored value this version cannot interpret; ``ResultsStore`` turns it into
/// ``StoreError/unexpectedValue(path:table:column:value:)``.
struct UnreadableValue: Error {
  var table: String
  var column: String
  var value: String
}

extension Row {
  /// A REAL column whose NULL stands for NaN.
  func double(at index: Int) throws -> Double {
    try decode(Double?.self, atIndex: index) ?? .nan
  }
}

extension ResultsStore {
  /// Inserts `rows` for `runID` in one transaction with one prepared statement.
  func insert<R: StoredRow>(_ rows: [R], runID: Int64) throws {
    try write { db in
      try requireRun(db, id: runID)
      guard !rows.isEmpty else { return }
      let names = ["run_id"] + R.columns
      let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
      let statement = try db.makeStatement(
        sql: "INSERT INTO \(R.table) (\(names.joined(separator: ", "))) VALUES (\(placeholders))")
      var binder = RowBinder(statement)
      for row in rows {
        binder.bind(runID)
        row.bind(to: &binder)
        try binder.step(path: path, context: "\(R.table), run \(runID), \(row.rowDescription)")
      }
    }
  }

  /// The rows of `runID` in insertion order.
  func fetch<R: StoredRow>(_ type: R.Type, runID: Int64) throws -> [R] {
    try read { db in
      try requireRun(db, id: runID)
      let rows = try Row.fetchCursor(
        db,
        sql:
          "SELECT \(R.columns.joined(separator: ", ")) FROM \(R.table) WHERE run_id = ? ORDER BY rowid",
        arguments: [runID])
      var out: [R] = []
      while let row = try rows.next() {
        out.append(try R(row: row))
      }
      return out
    }
  }
}
