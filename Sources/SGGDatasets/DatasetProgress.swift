import Foundation

/// How far a long load has got, for a progress line (`sgg-eval data convert` prints it on
/// stderr).
public struct DatasetProgress: Hashable, Sendable {
  /// What is being counted, e.g. "PVSG masks decoded".
  public var stage: String
  public var done: Int
  public var total: Int

  public init(stage: String, done: Int, total: Int) {
    self.stage = stage
    self.done = done
    self.total = total
  }
}

/// Receives ``DatasetProgress`` updates. Calls are serialized (never concurrent) but may come
/// from any thread, once per unit of work, so a handler that prints should throttle itself.
public typealias DatasetProgressHandler = @Sendable (DatasetProgress) -> Void

/// A counter shared by the threads of a parallel load that forwards each step to the handler
/// under its lock (so the handler sees increasing `done` values, one call at a time).
final class ProgressCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  let stage: String
  let total: Int
  let handler: DatasetProgressHandler?

  init(stage: String, total: Int, handler: DatasetProgressHandler?) {
    self.stage = stage
    self.total = total
    self.handler = handler
  }

  func step() {
    guard let handler else { return }
    lock.lock()
    defer { lock.unlock() }
    done += 1
    handler(DatasetProgress(stage: stage, done: done, total: total))
  }
}

/// One result slot per parallel iteration, written once each under a lock.
final class ParallelSlots<T>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [T?]

  init(count: Int) { slots = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ value: T) {
    lock.lock()
    slots[i] = value
    lock.unlock()
  }

  /// The slots in index order (call after the parallel loop returned).
  var values: [T?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}
