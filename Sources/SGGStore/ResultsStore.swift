import Foundation
internal import GRDB

/// The SQLite results store: runs, per-sample scores, breakdowns, input issues, the judge cache
/// and runner predictions, in one file that users may also query with `sqlite3`
/// (docs/store.md documents the schema).
///
/// The database uses WAL journaling (readers never block the writer), a 10 s busy timeout (two
/// sgg-eval processes can share one file) and foreign keys, so deleting a run deletes its rows.
/// The schema is created and upgraded by named migrations when the store opens.
///
/// Every method runs its own transaction: what a method wrote is on disk when it returns, so a
/// killed process keeps all finished calls.
public final class ResultsStore: Sendable {
  /// The database file path (`:memory:` for ``inMemory()``).
  public let path: String
  let queue: DatabaseQueue

  /// Opens the store at `path`, creating the file and its schema if needed and applying any newer
  /// migrations.
  ///
  /// - Throws: ``StoreError/cannotOpen(path:reason:)`` when the file can't be opened or created,
  ///   ``StoreError/notADatabase(path:)`` when it is not SQLite, and
  ///   ``StoreError/newerSchema(path:unknownMigrations:)`` when a newer sgg-eval wrote it.
  public convenience init(path: String) throws {
    try Self.checkOpenable(path)
    var configuration = Configuration()
    configuration.journalMode = .wal
    configuration.busyMode = .timeout(10)
    configuration.foreignKeysEnabled = true
    configuration.label = "sgg-eval results"
    let queue: DatabaseQueue
    do {
      queue = try DatabaseQueue(path: path, configuration: configuration)
    } catch {
      throw Self.storeError(error, path: path)
    }
    try self.init(path: path, queue: queue)
  }

  /// A fresh store in memory, gone when released (for tests and dry runs).
  public static func inMemory() throws -> ResultsStore {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    do {
      return try ResultsStore(
        path: ":memory:", queue: DatabaseQueue(configuration: configuration))
    } catch {
      throw storeError(error, path: ":memory:")
    }
  }

  private init(path: String, queue: DatabaseQueue) throws {
    self.path = path
    self.queue = queue
    let migrator = StoreSchema.migrator
    do {
      let applied = try queue.read { try migrator.appliedIdentifiers($0) }
      let unknown = applied.subtracting(migrator.migrations)
      if !unknown.isEmpty {
        throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted())
      }
      try migrator.migrate(queue)
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// The names of the schema migrations applied to this database, in order.
  public func appliedMigrations() throws -> [String] {
    try read { db in try StoreSchema.migrator.appliedMigrations(db) }
  }

  /// Where sgg-eval keeps results unless told otherwise: `$SGG_EVAL_DB` when set and non-empty,
  /// else `sgg-eval.sqlite` in the current directory.
  public static func defaultPath(
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath
  ) -> String {
    if let path = environment["SGG_EVAL_DB"], !path.isEmpty { return path }
    return URL(fileURLWithPath: currentDirectory).appendingPathComponent("sgg-eval.sqlite").path
  }

  // MARK: - Transactions and errors

  func write<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try queue.write(body)
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try queue.read(body)
    } catch {
      throw Self.storeError(error, path: path)
    }
  }

  /// Throws ``StoreError/runNotFound(path:id:)`` unless run `id` exists.
  func requireRun(_ db: Database, id: Int64) throws {
    let found = try Bool.fetchOne(
      db, sql: "SELECT EXISTS (SELECT 1 FROM runs WHERE id = ?)", arguments: [id])
    if found != true { throw StoreError.runNotFound(path: path, id: id) }
  }

  /// Clear reasons for the common ways a path can't hold a database, before SQLite's terse
  /// "unable to open database file".
  private static func checkOpenable(_ path: String) throws {
    let files = FileManager.default
    var isDirectory: ObjCBool = false
    if files.fileExists(atPath: path, isDirectory: &isDirectory) {
      if isDirectory.boolValue {
        throw StoreError.cannotOpen(path: path, reason: "it is a directory")
      }
      return
    }
    let parent = URL(fileURLWithPath: path).deletingLastPathComponent().path
    if !files.fileExists(atPath: parent, isDirectory: &isDirectory) || !isDirectory.boolValue {
      throw StoreError.cannotOpen(path: path, reason: "directory \(parent) does not exist")
    }
  }

  /// Every error leaves the store as a ``StoreError`` naming the path.
  static func storeError(_ error: any Error, path: String) -> StoreError {
    switch error {
    case let error as StoreError:
      return error
    case let error as UnreadableValue:
      return .unexpectedValue(
        path: path, table: error.table, column: error.column, value: error.value)
    case let error as DatabaseError:
      let message = error.message ?? "\(error.resultCode)"
      switch error.resultCode {
      case .SQLITE_NOTADB: return .notADatabase(path: path)
      case .SQLITE_CANTOPEN: return .cannotOpen(path: path, reason: message)
      default: return .database(path: path, message: message)
      }
    default:
      return .database(path: path, message: "\(error)")
    }
  }
}
