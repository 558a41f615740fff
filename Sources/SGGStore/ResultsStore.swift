import Foundation
internal import GRDB

/// The SQLite results store: runs, per-sample scores, breakdowns, input issues, the judge cache
/// and runner predictions, in one file that users may also query with `sqlite3`
/// (docs/store.md documents the schema).
///
/// The database uses WAL journaling (readers never block the writer), a busy timeout (10 s unless
/// told otherwise: a process that meets another's write lock waits that long before failing) and
/// foreign keys, so deleting a run deletes its rows. The schema is created and upgraded by named
/// migrations when the store opens, under one write lock, so any number of processes may open the
/// same new file at once (``StoreMigrator``).
///
/// Every method runs its own transaction: what a method wrote is on disk when it returns, so a
/// killed process keeps all finished calls.
public final class ResultsStore: Sendable {
  /// The database file path (`:memory:` for ``inMemory()``).
  public let path: String
  /// Seconds a call waits for another process's lock before it fails with
  /// ``StoreError/busy(path:seconds:)``.
  public let busyTimeout: TimeInterval
  let queue: DatabaseQueue

  /// The busy timeout when none is given: long enough for another process to write a large run.
  public static let defaultBusyTimeout: TimeInterval = 10

  /// Opens the store at `path`, creating the file and its schema if needed and applying any newer
  /// migrations.
  ///
  /// Safe when other processes open, create or migrate the same file at the same moment: each
  /// step that needs a lock waits up to `busyTimeout` seconds for it.
  ///
  /// - Parameters:
  ///   - path: The database file; its directory must exist.
  ///   - busyTimeout: Seconds to wait for another process's lock; negative counts as 0, and a value
  ///     that is not finite as ``defaultBusyTimeout``.
  /// - Throws: ``StoreError/cannotOpen(path:reason:)`` when the file can't be opened or created,
  ///   ``StoreError/notADatabase(path:)`` when it is not SQLite,
  ///   ``StoreError/newerSchema(path:unknownMigrations:)`` when a newer sgg-eval wrote it, and
  ///   ``StoreError/busy(path:seconds:)`` when another process held it locked for too long.
  public convenience init(path: String, busyTimeout: TimeInterval = defaultBusyTimeout) throws {
    try Self.checkOpenable(path)
    // SQLite takes whole milliseconds in an Int32: about 24 days at most.
    let timeout =
      busyTimeout.isFinite ? min(max(0, busyTimeout), 2_000_000) : Self.defaultBusyTimeout
    var configuration = Configuration()
    // WAL is switched on by `openWAL`, not by GRDB, which gives up when the switch meets a lock.
    configuration.busyMode = .timeout(timeout)
    configuration.foreignKeysEnabled = true
    configuration.label = "sgg-eval results"
    do {
      let queue = try Self.openWAL(path: path, configuration: configuration, timeout: timeout)
      try self.init(path: path, busyTimeout: timeout, queue: queue)
    } catch {
      throw Self.storeError(error, path: path, busyTimeout: timeout)
    }
  }

  /// A fresh store in memory, gone when released (for tests and dry runs).
  public static func inMemory() throws -> ResultsStore {
    var configuration = Configuration()
    configuration.foreignKeysEnabled = true
    do {
      return try ResultsStore(
        path: ":memory:", busyTimeout: 0, queue: DatabaseQueue(configuration: configuration))
    } catch {
      throw storeError(error, path: ":memory:", busyTimeout: 0)
    }
  }

  private init(path: String, busyTimeout: TimeInterval, queue: DatabaseQueue) throws {
    self.path = path
    self.busyTimeout = busyTimeout
    self.queue = queue
    try StoreSchema.migrator.migrate(queue, path: path)
  }

  /// Opens `path` and puts it in WAL mode, retrying until `timeout` seconds have passed.
  ///
  /// Switching a new file to WAL needs an exclusive lock, and SQLite may refuse it at once
  /// (SQLITE_BUSY without calling the busy handler, to avoid a deadlock) while another process
  /// creates the same file, so a busy open is retried rather than reported. A file already in WAL
  /// mode keeps it; the switch is then a no-op.
  private static func openWAL(path: String, configuration: Configuration, timeout: TimeInterval)
    throws
    -> DatabaseQueue
  {
    let deadline = ContinuousClock.now + .milliseconds(Int((timeout * 1000).rounded()))
    while true {
      do {
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        try queue.writeWithoutTransaction { db in
          let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
          guard mode == "wal" else {
            throw DatabaseError(
              resultCode: .SQLITE_BUSY, message: "could not switch to WAL (still \(mode ?? "?"))")
          }
          // What SQLite advises with WAL: durable at checkpoints, far fewer fsyncs.
          try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        return queue
      } catch let error as DatabaseError where isBusy(error) && ContinuousClock.now < deadline {
        // A short random pause, so processes that collided do not collide again in step.
        Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.05))
      }
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
      throw Self.storeError(error, path: path, busyTimeout: busyTimeout)
    }
  }

  func read<T>(_ body: (Database) throws -> T) throws -> T {
    do {
      return try queue.read(body)
    } catch {
      throw Self.storeError(error, path: path, busyTimeout: busyTimeout)
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

  /// Whether `error` means another connection holds a lock we need.
  static func isBusy(_ error: DatabaseError) -> Bool {
    error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
  }

  /// Every error leaves the store as a ``StoreError`` naming the path.
  static func storeError(_ error: any Error, path: String, busyTimeout: TimeInterval) -> StoreError
  {
    switch error {
    case let error as StoreError:
      return error
    case let error as UnreadableValue:
      return .unexpectedValue(
        path: path, table: error.table, column: error.column, value: error.value)
    case let error as DatabaseError:
      let message = error.message ?? "\(error.resultCode)"
      if isBusy(error) { return .busy(path: path, seconds: busyTimeout) }
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
