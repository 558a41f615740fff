/// Why a zero-shot triplet list could not be resolved to names.
public enum ZeroShotTripletsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// Entry `row` (0-based, as in the tensor) holds an index outside the class list it points
  /// into. `role` is `subject`, `object` or `predicate`; `valid` is the accepted index range
  /// (empty when the list is).
  case indexOutOfRange(
    row: Int, entry: ZeroShotTriplets.Entry, role: String, index: Int, valid: Range<Int>)

  public var description: String {
    switch self {
    case .indexOutOfRange(let row, let entry, let role, let index, let valid):
      let range =
        valid.isEmpty
        ? "there are no \(role == "predicate" ? "predicates" : "object classes")"
        : "valid: \(valid.lowerBound)...\(valid.upperBound - 1)"
      return
        "zero-shot triplet row \(row) \(entry): \(role) index \(index) is out of range (\(range))"
    }
  }
}
