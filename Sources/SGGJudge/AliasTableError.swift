/// Why an alias file could not be read; the description names the file and the entry.
public enum AliasTableError: Error, Equatable, CustomStringConvertible {
  case unreadable(file: String, reason: String)
  case notJSON(file: String, reason: String)
  /// The top level is not an object with `objects` and/or `predicates`.
  case badTopLevel(file: String)
  case unknownKey(file: String, key: String)
  /// `entry` is a JSON path such as `objects[3][1]`.
  case badEntry(file: String, entry: String, reason: String)

  public var description: String {
    switch self {
    case .unreadable(let file, let reason):
      return "\(file): cannot read alias file: \(reason)"
    case .notJSON(let file, let reason):
      return "\(file): not valid JSON: \(reason)"
    case .badTopLevel(let file):
      return
        "\(file): the alias file must be a JSON object "
        + #"{"objects": [["man", "person"], ...], "predicates": [["on", "parked on"], ...]}"#
    case .unknownKey(let file, let key):
      return "\(file): unknown key \"\(key)\" (expected \"objects\" and/or \"predicates\")"
    case .badEntry(let file, let entry, let reason):
      return "\(file): \(entry): \(reason)"
    }
  }
}
