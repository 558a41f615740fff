internal import GRDB

extension InputIssueRecord: StoredRow {
  static let table = "input_issues"
  static let columns = ["file", "line", "field", "message", "kind"]

  var rowDescription: String { "\(file):\(line.map(String.init) ?? "-")" }

  func bind(to b: inout RowBinder) {
    b.bind(file)
    b.bind(line)
    b.bind(field)
    b.bind(message)
    b.bind(kind)
  }

  init(row: Row) throws {
    self.init(
      file: try row.decode(atIndex: 0), line: try row.decode(atIndex: 1),
      field: try row.decode(atIndex: 2), message: try row.decode(atIndex: 3),
      kind: try row.decode(atIndex: 4))
  }
}

extension ResultsStore {
  /// Stores the skipped or bad input lines of run `runID` (appended to any stored before).
  public func insertIssues(runID: Int64, _ issues: [InputIssueRecord]) throws {
    try insert(issues, runID: runID)
  }

  /// The input issues of run `runID`, in insertion order.
  public func issues(runID: Int64) throws -> [InputIssueRecord] {
    try fetch(InputIssueRecord.self, runID: runID)
  }
}
