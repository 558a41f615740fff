import Foundation
import SGGDatasets

/// Prints ``DatasetProgress`` updates on stderr: one line rewritten in place on a terminal
/// (at most 5 times a second), otherwise a line per 10% so logs stay short.
final class ProgressLine: @unchecked Sendable {
  // @unchecked: all state is guarded by `lock` (the loader serializes calls already; the lock
  // keeps this type correct on its own).
  private let lock = NSLock()
  private let isTerminal = isatty(STDERR_FILENO) == 1
  private var lastUpdate = DispatchTime(uptimeNanoseconds: 0)
  private var lastTenth = -1
  private var open = false

  func update(_ p: DatasetProgress) {
    lock.lock()
    defer { lock.unlock() }
    let finished = p.done >= p.total
    let text = "\(p.stage): \(p.done) / \(p.total)"
    if isTerminal {
      let now = DispatchTime.now()
      guard finished || now.uptimeNanoseconds - lastUpdate.uptimeNanoseconds > 200_000_000 else {
        return
      }
      lastUpdate = now
      write("\r" + text + (finished ? "\n" : ""))
      open = !finished
    } else {
      let tenth = p.total > 0 ? p.done * 10 / p.total : 10
      guard tenth != lastTenth else { return }
      lastTenth = tenth
      write(text + "\n")
    }
  }

  /// Ends a half-written terminal line (before an error message).
  func abandon() {
    lock.lock()
    defer { lock.unlock() }
    if open { write("\n") }
    open = false
  }

  private func write(_ s: String) {
    FileHandle.standardError.write(Data(s.utf8))
  }
}
