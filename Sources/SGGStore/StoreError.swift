/// Why a results-store operation failed. Each description names the database path or the row.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file could not be opened or created (missing directory, permissions, a directory).
  case cannotOpen(path: String, reason: String)
  /// The file exists but is not an SQLite database.
  case notADatabase(path: String)
  /// The database was written by a newer sgg-eval: it has migrations this version does not know.
  case newerSchema(path: String, unknownMigrations: [String])
  /// No run has this id.
  case runNotFound(path: String, id: Int64)
  /// A record given to the store is inconsistent (the message says which field).
  case invalidRecord(String)
  /// A JSON text field is not valid JSON.
  case invalidJSON(field: String, reason: String)
  /// A stored value this version cannot read (for example an unknown status), as found.
  case unexpectedValue(path: String, table: String, column: String, value: String)
  /// An input file could not be read for hashing.
  case unreadableFile(path: String, reason: String)
  /// Another process held the lock this call needed for longer than the busy timeout (`seconds`);
  /// the call wrote nothing.
  case busy(path: String, seconds: Double)
  /// Any other SQLite error, with SQLite's message.
  case database(path: String, message: String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason):
      return "\(path): cannot open the results database: \(reason)"
    case .notADatabase(let path):
      return "\(path): not an SQLite database (pass a different --db path or move the file away)"
    case .newerSchema(let path, let unknown):
      return
        "\(path): written by a newer sgg-eval (unknown migrations: \(unknown.joined(separator: ", "))); upgrade sgg-eval to use it"
    case .runNotFound(let path, let id):
      return "\(path): no run with id \(id)"
    case .invalidRecord(let message):
      return "invalid record: \(message)"
    case .invalidJSON(let field, let reason):
      return "`\(field)` is not valid JSON: \(reason)"
    case .unexpectedValue(let path, let table, let column, let value):
      return "\(path): \(table).\(column) holds \"\(value)\", which this sgg-eval does not know"
    case .unreadableFile(let path, let reason):
      return "\(path): cannot read the file to hash it: \(reason)"
    case .busy(let path, let seconds):
      let shown = seconds.rounded() == seconds ? String(Int(seconds)) : String(seconds)
      return
        "\(path): another process kept the database locked for more than \(shown) s; try again, or wait longer with --db-timeout SECONDS or SGG_EVAL_DB_TIMEOUT"
    case .database(let path, let message):
      return "\(path): \(message)"
    }
  }
}
