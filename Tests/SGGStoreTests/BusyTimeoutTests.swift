import Dispatch
import Foundation
import GRDB
import Testing

@testable import SGGStore

/// What a store call does when another process holds the write lock: wait up to the busy timeout,
/// then fail with ``StoreError/busy(path:seconds:)``.
@Suite struct BusyTimeoutTests {
  /// Another connection to `path` that holds the write lock (BEGIN IMMEDIATE) from when
  /// `locked` returns until `release` is signalled.
  final class LockHolder: @unchecked Sendable {
    // @unchecked: the semaphores are thread-safe and `queue` is only used by the holder thread.
    private let acquired = DispatchSemaphore(value: 0)
    private let releaseSignal = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(path: String) throws {
      let queue = try DatabaseQueue(path: path)
      Thread.detachNewThread { [acquired, releaseSignal, finished] in
        try? queue.inTransaction(.immediate) { db in
          try db.execute(sql: "UPDATE runs SET name = name")
          acquired.signal()
          releaseSignal.wait()
          return .commit
        }
        try? queue.close()
        finished.signal()
      }
      acquired.wait()
    }

    /// Lets the holder commit, after `delay` seconds, without waiting for it.
    func release(after delay: TimeInterval = 0) {
      DispatchQueue.global().asyncAfter(deadline: .now() + delay) { [releaseSignal] in
        releaseSignal.signal()
      }
    }

    /// Releases the lock and waits until the holder has let go of the file.
    func releaseAndWait() {
      releaseSignal.signal()
      finished.wait()
    }
  }

  static func migratedStore() throws -> (URL, String) {
    let dir = try makeTemporaryDirectory()
    let path = dir.appendingPathComponent("busy.sqlite").path
    _ = try ResultsStore(path: path).beginRun(sampleScoreRun())
    return (dir, path)
  }

  @Test func aWriterWaitsForALockReleasedInTime() throws {
    let (dir, path) = try Self.migratedStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try ResultsStore(path: path, busyTimeout: 60)
    let holder = try LockHolder(path: path)
    holder.release(after: 0.3)
    // Without waiting this would fail at once: the lock is held when the call starts.
    _ = try store.beginRun(sampleScoreRun(name: "waited"))
    holder.releaseAndWait()
    #expect(try store.runs().map(\.name).contains("waited"))
  }

  @Test func aLockHeldPastTheTimeoutIsReportedAsBusy() throws {
    let (dir, path) = try Self.migratedStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let store = try ResultsStore(path: path, busyTimeout: 0.1)
    let holder = try LockHolder(path: path)
    defer { holder.releaseAndWait() }
    #expect(throws: StoreError.busy(path: path, seconds: 0.1)) {
      try store.beginRun(sampleScoreRun(name: "refused"))
    }
    let description = StoreError.busy(path: path, seconds: 0.1).description
    #expect(description.hasPrefix(path + ": another process kept the database locked"))
    #expect(description.contains("0.1 s"))
    #expect(description.contains("--db-timeout"))
    #expect(StoreError.busy(path: path, seconds: 10).description.contains(" 10 s"))
  }

  /// Opening a store that is fully migrated needs no write lock, so it succeeds while another
  /// process writes, even without waiting.
  @Test func aMigratedStoreOpensWhileAnotherProcessWrites() throws {
    let (dir, path) = try Self.migratedStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let holder = try LockHolder(path: path)
    defer { holder.releaseAndWait() }
    let store = try ResultsStore(path: path, busyTimeout: 0)
    #expect(try store.runs().count == 1)
    #expect(try store.appliedMigrations() == OpeningTests.migrations)
  }

  @Test func busyTimeoutIsSetOnTheConnection() throws {
    let (dir, path) = try Self.migratedStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    for (given, expected) in [(2.5, 2.5), (-1, 0), (.nan, ResultsStore.defaultBusyTimeout)] {
      let store = try ResultsStore(path: path, busyTimeout: given)
      #expect(store.busyTimeout == expected)
      let milliseconds = try store.queue.read { db in
        try Int.fetchOne(db, sql: "PRAGMA busy_timeout")
      }
      #expect(milliseconds == Int(expected * 1000))
    }
  }
}
