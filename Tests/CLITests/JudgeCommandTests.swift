import Foundation
import Testing

/// `sgg-eval score --judge-url …` against a real chat-completions server on 127.0.0.1
/// (Tests/SGGJudgeTests/Support/fake_openai_server.py, answering from a table).
@Suite struct JudgeCommandTests {
  let preds = CLIRunner.fixture("score/preds.jsonl")
  let gt = CLIRunner.fixture("score/gt.jsonl")
  let vocab = CLIRunner.fixture("score/vocab.json")

  /// Starts the server; it exits when its stdin closes.
  final class Server {
    let process = Process()
    let stdin = Pipe()
    let port: Int

    init() throws {
      let script = CLIRunner.packageRoot.appendingPathComponent(
        "Tests/SGGJudgeTests/Support/fake_openai_server.py")
      process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      process.arguments = ["python3", script.path]
      let out = Pipe()
      process.standardInput = stdin
      process.standardOutput = out
      try process.run()
      var line = Data()
      while !line.contains(0x0A) {
        let chunk = out.fileHandleForReading.availableData
        if chunk.isEmpty { break }
        line.append(chunk)
      }
      let text = String(decoding: line, as: UTF8.self)
      guard let port = Int(text.split(separator: "\n").first?.split(separator: " ").last ?? "")
      else {
        throw CocoaError(.fileReadCorruptFile)
      }
      self.port = port
    }

    /// A POST (with `body`) or GET through python3's urllib; returns the response text.
    func request(_ path: String, body: String? = nil) throws -> String {
      let code = """
        import sys, urllib.request
        data = sys.argv[2].encode() if len(sys.argv) > 2 else None
        print(urllib.request.urlopen(urllib.request.Request(sys.argv[1], data=data)).read().decode())
        """
      let p = Process()
      p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
      p.arguments =
        ["python3", "-c", code, "http://127.0.0.1:\(port)\(path)"] + (body.map { [$0] } ?? [])
      let out = Pipe()
      p.standardOutput = out
      try p.run()
      let data = out.fileHandleForReading.readDataToEndOfFile()
      p.waitUntilExit()
      return String(decoding: data, as: UTF8.self)
    }

    deinit {
      try? stdin.fileHandleForWriting.close()
      process.waitUntilExit()
    }
  }

  // The table says "on" means "holding" for img3's person–bike pair (and nothing else), so the
  // soft numbers equal the alias-table case worked out in SoftMatchingCommandTests.
  @Test func judgedVerdictsAreCachedAcrossRuns() throws {
    let server = try Server()
    _ = try server.request(
      "/config",
      body: #"{"answers": {"rel:person|holding|bike|person|on|bike": "1"}, "default": "0"}"#)
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let db = dir.appendingPathComponent("runs.sqlite").path
    let arguments = [
      "score", preds, "--gt", gt, "--vocab", vocab, "--judge-url",
      "http://127.0.0.1:\(server.port)/v1",
      "--judge-model", "table-judge", "--db", db, "--json",
    ]
    let first = try CLIRunner.run(arguments)
    #expect(first.status == 0, "\(first.stderr)")
    let m = try #require(try first.json()["metrics"] as? [String: Any])
    #expect(abs((m["soft_rel_f1"] as? Double ?? 0) - (2.0 / 3.0 + 1 + 1) / 12) < 1e-12)
    let soft = try #require(try first.json()["soft_matching"] as? [String: Any])
    #expect(soft["relation_questions"] as? Int == 3)
    #expect(soft["unanswered_relations"] as? Int == 0)
    let stats = try server.request("/stats")
    #expect(stats.contains("\"requests\": 3"), "\(stats)")
    // Same store: every verdict comes from the cache, no request is sent, same numbers.
    let second = try CLIRunner.run(arguments)
    let m2 = try #require(try second.json()["metrics"] as? [String: Any])
    #expect((m2["soft_rel_f1"] as? Double) == (m["soft_rel_f1"] as? Double))
    #expect(try server.request("/stats").contains("\"requests\": 3"))
  }
}
