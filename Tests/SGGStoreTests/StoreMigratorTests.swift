import GRDB
import Testing

@testable import SGGStore

@Suite struct StoreMigratorTests {
  /// Either every pending migration is applied or none: a failing one leaves no trace, so a
  /// process that dies or fails mid-way never leaves a half-built schema for the next one.
  @Test func pendingMigrationsApplyAsOneTransaction() throws {
    var migrator = StoreMigrator()
    migrator.registerMigration("a") { db in try db.create(table: "a") { $0.column("x") } }
    migrator.registerMigration("b") { _ in throw DatabaseError(message: "broken migration") }
    let queue = try DatabaseQueue()
    #expect(throws: DatabaseError.self) { try migrator.migrate(queue, path: ":memory:") }
    let (tableExists, applied) = try queue.read { db in
      (try db.tableExists("a"), try migrator.appliedIdentifiers(db))
    }
    #expect(!tableExists)
    #expect(applied.isEmpty)
  }
}
