import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// The real local chat-completions server of Support/fake_openai_server.py, one process per
/// test: started on a free port, configured over HTTP, stopped (by its own PID) at the end.
final class FakeOpenAIServer: @unchecked Sendable {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  struct Entry: Decodable, Sendable {
    var key: String
    var t: Double
    var mode: String
    var user: String
    var system: String
    var model: String?
    var temperature: Double?
    var maxTokens: Int?
    var auth: String?

    enum CodingKeys: String, CodingKey {
      case key, t, mode, user, system, model, temperature, auth
      case maxTokens = "max_tokens"
    }
  }

  struct Stats: Decodable, Sendable {
    var requests: Int
    var answered: Int
    var log: [Entry]

    /// Keys of the requests that got an answer.
    var answeredKeys: [String] {
      log.filter { $0.mode == "ok" || $0.mode.hasPrefix("slow:") || $0.mode.hasPrefix("answer:") }
        .map(\.key)
    }
  }

  let port: Int
  private let process: Process
  private let stdin: Pipe

  var baseURL: String { "http://127.0.0.1:\(port)" }

  static var scriptPath: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Support/fake_openai_server.py").path
  }

  init() throws {
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.scriptPath]
    stdin = Pipe()
    let stdout = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    try process.run()
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = stdout.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
      process.terminate()
      throw Failure(description: "fake server did not print its port (got \"\(text)\")")
    }
    self.port = port
  }

  deinit { stop() }

  /// Stops the server: closing its stdin makes it exit (SIGTERM alone is not reliable here,
  /// the child may inherit a blocked signal mask); SIGKILL by PID as the last resort.
  func stop() {
    try? stdin.fileHandleForWriting.close()
    let deadline = Date().addingTimeInterval(3)
    while process.isRunning, Date() < deadline { usleep(20_000) }
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
    }
    process.waitUntilExit()
  }

  func configure(_ config: [String: Any]) async throws {
    _ = try await call("POST", "/config", body: JSONSerialization.data(withJSONObject: config))
  }

  func reset() async throws {
    _ = try await call("POST", "/reset", body: Data("{}".utf8))
  }

  func stats() async throws -> Stats {
    try JSONDecoder().decode(Stats.self, from: try await call("GET", "/stats", body: nil))
  }

  private func call(_ method: String, _ path: String, body: Data?) async throws -> Data {
    guard let url = URL(string: baseURL + path) else { throw Failure(description: "bad URL") }
    var request = URLRequest(url: url)
    request.httpMethod = method
    request.httpBody = body
    let (data, response) = try await URLSession.shared.data(for: request)
    guard (response as? HTTPURLResponse)?.statusCode == 200 else {
      throw Failure(
        description: "\(method) \(path) failed: \(String(decoding: data, as: UTF8.self))")
    }
    return data
  }
}
