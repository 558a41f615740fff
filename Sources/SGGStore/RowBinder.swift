internal import GRDB
internal import GRDBSQLite

/// Binds one row's values straight onto a prepared `INSERT` and runs it.
///
/// Bulk inserts (`sample_results`, 25k rows a run) bind with the SQLite C calls instead of
/// building a GRDB `StatementArguments` array per row: that array and its boxed values are most of
/// the per-row cost (spec/swift-notes.md section 1 measured 190k rows/s with arguments for six
/// columns; this path does not allocate per value). The statement comes from GRDB and runs inside
/// a GRDB transaction; only binding and stepping are done here.
struct RowBinder {
  /// `SQLITE_TRANSIENT`: SQLite copies the text before the call returns.
  private static let transient = unsafeBitCast(
    OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

  private let statement: OpaquePointer
  private var index: Int32 = 1
  /// The first failed bind of the current row (SQLITE_TOOBIG for a huge text, …), reported by
  /// ``step(path:context:)``.
  private var bindFailure: Int32 = SQLITE_OK

  init(_ statement: Statement) {
    self.statement = statement.sqliteStatement
  }

  mutating func bind(_ value: Int64) {
    check(sqlite3_bind_int64(statement, index, value))
  }

  mutating func bind(_ value: Int) {
    bind(Int64(value))
  }

  mutating func bind(_ value: Int?) {
    if let value { bind(Int64(value)) } else { bindNull() }
  }

  /// A NaN is bound as NULL, which is what SQLite would store for it anyway.
  mutating func bind(_ value: Double) {
    if value.isNaN {
      bindNull()
    } else {
      check(sqlite3_bind_double(statement, index, value))
    }
  }

  mutating func bind(_ value: Double?) {
    if let value { bind(value) } else { bindNull() }
  }

  mutating func bind(_ value: String) {
    // The explicit byte count keeps an embedded NUL; withCString never hands out a nil pointer,
    // so an empty string stays '' rather than becoming NULL.
    let count = Int32(clamping: value.utf8.count)
    check(value.withCString { sqlite3_bind_text(statement, index, $0, count, Self.transient) })
  }

  mutating func bind(_ value: String?) {
    if let value { bind(value) } else { bindNull() }
  }

  mutating func bind(_ value: Bool?) {
    bind(value.map { $0 ? 1 : 0 })
  }

  mutating func bindNull() {
    check(sqlite3_bind_null(statement, index))
  }

  private mutating func check(_ code: Int32) {
    if code != SQLITE_OK && bindFailure == SQLITE_OK { bindFailure = code }
    index += 1
  }

  /// Runs the statement with the bound row, then resets it for the next row.
  /// - Throws: ``StoreError/database(path:message:)`` with SQLite's message and `context`.
  mutating func step(path: String, context: @autoclosure () -> String) throws {
    index = 1
    if bindFailure != SQLITE_OK {
      let message = String(cString: sqlite3_errstr(bindFailure))
      bindFailure = SQLITE_OK
      sqlite3_clear_bindings(statement)
      throw StoreError.database(path: path, message: "\(message) (\(context()))")
    }
    let code = sqlite3_step(statement)
    guard code == SQLITE_DONE else {
      let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(statement)))
      sqlite3_reset(statement)
      throw StoreError.database(path: path, message: "\(message) (\(context()))")
    }
    sqlite3_reset(statement)
  }
}
