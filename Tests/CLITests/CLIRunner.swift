import Foundation

/// Runs the built `sgg-eval` binary (it sits beside the test bundle in `.build/<config>/`).
struct CLIRunner {
  struct Result {
    var status: Int32
    var stdout: String
    var stderr: String

    /// stdout parsed as a JSON object.
    func json() throws -> [String: Any] {
      guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any]
      else {
        throw CocoaError(.coderReadCorrupt)
      }
      return object
    }
  }

  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  static var binary: URL {
    var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    // Swift Testing may run from inside the .xctest bundle directory.
    if dir.path.hasSuffix(".xctest") { dir.deleteLastPathComponent() }
    let candidate = dir.appendingPathComponent("sgg-eval")
    if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
    return packageRoot.appendingPathComponent(".build/debug/sgg-eval")
  }

  static func fixture(_ path: String) -> String {
    packageRoot.appendingPathComponent("Fixtures").appendingPathComponent(path).path
  }

  static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
    try start(arguments, environment: environment).wait()
  }

  /// A started `sgg-eval` process whose output goes to temporary files (no pipe to fill up).
  final class Running {
    let process: Process
    let directory: URL

    init(process: Process, directory: URL) {
      self.process = process
      self.directory = directory
    }

    /// Waits for the process to exit and returns its status and output.
    func wait() -> Result {
      process.waitUntilExit()
      defer { try? FileManager.default.removeItem(at: directory) }
      return Result(
        status: process.terminationStatus,
        stdout: (try? String(contentsOf: directory.appendingPathComponent("out"), encoding: .utf8))
          ?? "",
        stderr: (try? String(contentsOf: directory.appendingPathComponent("err"), encoding: .utf8))
          ?? "")
    }
  }

  /// Starts `sgg-eval arguments` without waiting for it.
  static func start(_ arguments: [String], environment: [String: String] = [:]) throws -> Running {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sgg-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let out = dir.appendingPathComponent("out")
    let err = dir.appendingPathComponent("err")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    do {
      try process.run()
    } catch {
      try? FileManager.default.removeItem(at: dir)
      throw error
    }
    return Running(process: process, directory: dir)
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sgg-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
  }
}
