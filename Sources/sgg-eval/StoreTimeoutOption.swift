import ArgumentParser
import Foundation
import SGGStore

/// `--db-timeout SECONDS` for the commands that write to the results store (`score`, `run`, `tag`).
///
/// Several sgg-eval processes may write one store at once; SQLite lets one write at a time, so a
/// writer that meets another's lock waits up to this long before it fails (docs/store.md,
/// "Several processes, one store"). `$SGG_EVAL_DB_TIMEOUT` sets the same for every command, the
/// report commands included (they write when they upgrade an older file).
struct StoreTimeoutOption: ParsableArguments {
  static let environmentVariable = "SGG_EVAL_DB_TIMEOUT"

  @Option(
    name: .customLong("db-timeout"),
    help: ArgumentHelp(
      "Seconds to wait while another process holds the store's lock (default: $SGG_EVAL_DB_TIMEOUT or 10).",
      valueName: "seconds"))
  var dbTimeout: Double?

  func validate() throws {
    _ = try seconds()
  }

  /// The busy timeout: `--db-timeout`, else `$SGG_EVAL_DB_TIMEOUT`, else the store's default.
  func seconds(environment: [String: String] = ProcessInfo.processInfo.environment) throws
    -> TimeInterval
  {
    guard let dbTimeout else { return try Self.fromEnvironment(environment) }
    guard Self.isValid(dbTimeout) else {
      throw ValidationError("--db-timeout must be a number of seconds, 0 or more, not \(dbTimeout)")
    }
    return dbTimeout
  }

  /// `$SGG_EVAL_DB_TIMEOUT` when set and non-empty, else ``ResultsStore/defaultBusyTimeout``.
  static func fromEnvironment(
    _ environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> TimeInterval {
    guard let text = environment[environmentVariable], !text.isEmpty else {
      return ResultsStore.defaultBusyTimeout
    }
    guard let seconds = Double(text.trimmingCharacters(in: .whitespaces)), isValid(seconds) else {
      throw ValidationError(
        "\(environmentVariable) must be a number of seconds, 0 or more, not '\(text)'")
    }
    return seconds
  }

  private static func isValid(_ seconds: Double) -> Bool {
    seconds.isFinite && seconds >= 0
  }
}
