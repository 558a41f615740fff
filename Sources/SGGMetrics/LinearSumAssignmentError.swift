/// Why ``LinearSumAssignment/solve(_:rows:columns:maximize:)`` rejected a cost matrix.
public enum LinearSumAssignmentError: Error, Equatable, Sendable, CustomStringConvertible {
  /// `rows` or `columns` is negative.
  case negativeDimensions(rows: Int, columns: Int)
  /// The flat cost array does not hold `rows * columns` entries.
  case shapeMismatch(rows: Int, columns: Int, count: Int)
  /// Row `row` of a nested cost matrix has `count` entries where row 0 has `expected`.
  case raggedRow(row: Int, count: Int, expected: Int)
  /// An entry is NaN, or −∞ (+∞ when maximizing), which scipy rejects as
  /// "matrix contains invalid numeric entries".
  case invalidEntry(row: Int, column: Int, value: Double)
  /// No complete assignment with finite cost exists (scipy: "cost matrix is infeasible").
  case infeasible

  public var description: String {
    switch self {
    case .negativeDimensions(let rows, let columns):
      return "cost matrix: negative dimensions \(rows)×\(columns)"
    case .shapeMismatch(let rows, let columns, let count):
      return "cost matrix: \(count) entries given, expected rows×columns = \(rows)×\(columns)"
    case .raggedRow(let row, let count, let expected):
      return "cost matrix: row \(row) has \(count) entries, expected \(expected) like row 0"
    case .invalidEntry(let row, let column, let value):
      return
        "cost matrix: entry [\(row)][\(column)] is \(value); NaN and -inf (+inf when maximizing) are invalid"
    case .infeasible:
      return "cost matrix is infeasible: no complete assignment with finite cost exists"
    }
  }
}
