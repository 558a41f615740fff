import Foundation
import SGGStore

/// Opening the results store for the report commands, with errors as ``CLIError/store(_:)``.
enum StoreAccess {
  /// Opens the existing store at `path` (default: `$SGG_EVAL_DB` or `./sgg-eval.sqlite`), waiting
  /// up to `busyTimeout` seconds for other processes' locks (default: `$SGG_EVAL_DB_TIMEOUT` or
  /// 10).
  static func open(_ path: String?, busyTimeout: TimeInterval? = nil) throws -> ResultsStore {
    let resolved = path ?? ResultsStore.defaultPath()
    guard FileManager.default.fileExists(atPath: resolved) else {
      throw CLIError.store("\(resolved) does not exist (score a run with --db \(resolved) first)")
    }
    let timeout = try busyTimeout ?? StoreTimeoutOption.fromEnvironment()
    do {
      return try ResultsStore(path: resolved, busyTimeout: timeout)
    } catch {
      throw CLIError.store("\(error)")
    }
  }

  /// Runs `body`, turning store errors into ``CLIError/store(_:)``.
  static func query<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as CLIError {
      throw error
    } catch let error as StoreError {
      throw CLIError.store("\(error)")
    }
  }

  /// The run with `id`, or a store error naming it.
  static func run(_ store: ResultsStore, _ id: Int64) throws -> RunRecord {
    guard let run = try query({ try store.run(id: id) }) else {
      throw CLIError.store("\(store.path): no run \(id) (sgg-eval runs lists them)")
    }
    return run
  }

  /// Writes `text` to `path`, or prints it when `path` is nil.
  static func emit(_ text: String, to path: String?) throws {
    guard let path else {
      print(text)
      return
    }
    do {
      try Data((text.hasSuffix("\n") ? text : text + "\n").utf8).write(
        to: URL(fileURLWithPath: path))
    } catch {
      throw CLIError.input("\(path): cannot write (\(error.localizedDescription))")
    }
    Console.note("wrote \(path)")
  }
}
