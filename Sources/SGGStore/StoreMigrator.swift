internal import GRDB

/// Applies the store's named migrations (``StoreSchema/migrations``) so that any number of
/// processes may open the same new or old file at once.
///
/// GRDB's `DatabaseMigrator` reads the applied migrations outside any transaction and then runs
/// each migration in a transaction of its own. Two processes opening a new file together both see
/// "nothing applied" and both create `runs`, and the second fails with `table "runs" already
/// exists` (issue 17). Here every pending migration runs in one `BEGIN IMMEDIATE` transaction that
/// reads the applied list again after it holds the write lock: the first process migrates, the
/// others wait for the lock (the connection's busy timeout), find nothing left to do and go on.
///
/// Applied migrations are recorded in `grdb_migrations`, the table GRDB's migrator used, so files
/// written by earlier sgg-eval versions keep their history.
struct StoreMigrator {
  /// One named schema step. A shipped migration is never edited: a change is a new migration.
  struct Migration: Sendable {
    var identifier: String
    var migrate: @Sendable (Database) throws -> Void
  }

  /// The name of the table that records applied migrations (kept from GRDB's migrator).
  static let historyTable = "grdb_migrations"

  private(set) var migrations: [Migration] = []

  /// Appends a migration; they run in the order they are registered.
  mutating func registerMigration(
    _ identifier: String, migrate: @escaping @Sendable (Database) throws -> Void
  ) {
    precondition(
      !migrations.contains { $0.identifier == identifier },
      "migration \(identifier) is registered twice")
    migrations.append(Migration(identifier: identifier, migrate: migrate))
  }

  /// Every identifier recorded in the history table, known to this version or not.
  func appliedIdentifiers(_ db: Database) throws -> Set<String> {
    guard try db.tableExists(Self.historyTable) else { return [] }
    return try String.fetchSet(db, sql: "SELECT identifier FROM \(Self.historyTable)")
  }

  /// The applied migrations this version knows, in registration order.
  func appliedMigrations(_ db: Database) throws -> [String] {
    let applied = try appliedIdentifiers(db)
    return migrations.map(\.identifier).filter(applied.contains)
  }

  /// Brings the database at `path` up to date.
  ///
  /// A database that is already migrated is only read, so read-only users never wait for the
  /// write lock. Otherwise the pending migrations run in one IMMEDIATE transaction, or none does.
  ///
  /// - Throws: ``StoreError/newerSchema(path:unknownMigrations:)`` when the file has migrations
  ///   this version does not know (it is then left untouched), or the failing SQLite error.
  func migrate(_ queue: DatabaseQueue, path: String) throws {
    let applied = try queue.read { try appliedIdentifiers($0) }
    if try isComplete(applied, path: path) { return }
    try queue.writeWithoutTransaction { db in
      // SQLite ignores `PRAGMA foreign_keys` inside a transaction, so it is switched off before
      // BEGIN: a later migration may rebuild a table the way
      // https://www.sqlite.org/lang_altertable.html#otheralter describes, and the constraints are
      // checked as a whole before the commit instead.
      let foreignKeys = try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false
      if foreignKeys { try db.execute(sql: "PRAGMA foreign_keys = OFF") }
      defer { if foreignKeys { try? db.execute(sql: "PRAGMA foreign_keys = ON") } }
      try db.inTransaction(.immediate) {
        try db.execute(
          sql:
            "CREATE TABLE IF NOT EXISTS \(Self.historyTable) (identifier TEXT NOT NULL PRIMARY KEY)"
        )
        // Read again under the write lock: another process may have migrated while we waited.
        let applied = try appliedIdentifiers(db)
        if try isComplete(applied, path: path) { return .commit }
        for migration in migrations where !applied.contains(migration.identifier) {
          try migration.migrate(db)
          try db.execute(
            sql: "INSERT INTO \(Self.historyTable) (identifier) VALUES (?)",
            arguments: [migration.identifier])
        }
        if foreignKeys { try db.checkForeignKeys() }
        return .commit
      }
    }
  }

  /// Whether `applied` holds every known migration; throws when it holds unknown ones.
  private func isComplete(_ applied: Set<String>, path: String) throws -> Bool {
    let known = Set(migrations.map(\.identifier))
    let unknown = applied.subtracting(known)
    if !unknown.isEmpty {
      throw StoreError.newerSchema(path: path, unknownMigrations: unknown.sorted())
    }
    return known.isSubset(of: applied)
  }
}
