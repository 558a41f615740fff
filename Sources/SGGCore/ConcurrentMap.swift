import Dispatch

/// `(0..<count).map(transform)` spread over all cores in chunks, results in index order.
///
/// `transform` must be safe to call concurrently (pure, or touching only its own index).
public func concurrentMap<T>(count: Int, chunk: Int = 64, _ transform: (Int) -> T) -> [T] {
  guard count > 0 else { return [] }
  if count <= chunk { return (0..<count).map(transform) }
  let chunks = (count + chunk - 1) / chunk
  return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
    let base = SendableBuffer(buffer.baseAddress!)
    withoutActuallyEscaping(transform) { transform in
      let work = SendableBox(transform)
      DispatchQueue.concurrentPerform(iterations: chunks) { c in
        for i in (c * chunk)..<min(count, (c + 1) * chunk) {
          (base.pointer + i).initialize(to: work.value(i))
        }
      }
    }
    initialized = count
  }
}

/// A pointer written at disjoint indices by concurrent iterations.
private struct SendableBuffer<T>: @unchecked Sendable {
  let pointer: UnsafeMutablePointer<T>
  init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}

/// A non-Sendable closure shared by iterations that only read through it.
private struct SendableBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
