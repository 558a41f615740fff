import Foundation
import SGGMetrics
import SGGStore

@testable import SGGJudge

/// A thread-safe list for values reported from other tasks (progress snapshots).
final class Collector<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var storage: [T] = []

  func append(_ value: T) {
    lock.lock()
    storage.append(value)
    lock.unlock()
  }

  var items: [T] {
    lock.lock()
    defer { lock.unlock() }
    return storage
  }
}

enum JudgeFixture {
  /// A fresh store file in a temporary directory (reopened by path to simulate a new process).
  static func storePath() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sgg-judge-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir.appendingPathComponent("store.sqlite").path
  }

  static func judge(
    _ server: FakeOpenAIServer, store: ResultsStore?, prompts: JudgePrompts = .scenegraphvlm,
    options: LLMJudgeOptions = LLMJudgeOptions(),
    retry: RetryPolicy = RetryPolicy(maxAttempts: 3, baseDelay: 0.01, maxDelay: 0.05),
    timeout: TimeInterval = 20, progress: (@Sendable (JudgeProgress) -> Void)? = nil
  ) throws -> LLMJudge {
    let endpoint = try JudgeEndpoint(
      baseURL: server.baseURL + "/v1", model: "judge-model",
      apiKeyEnvironmentVariable: "SGG_TEST_JUDGE_KEY",
      environment: ["SGG_TEST_JUDGE_KEY": "sk-test"], timeout: timeout)
    let client = ChatCompletionsClient(
      endpoint: endpoint, retry: retry,
      transport: URLSessionTransport(maximumConnections: options.concurrency))
    return LLMJudge(
      client: client, prompts: prompts, store: store, options: options, progress: progress)
  }

  static func object(_ gt: String, _ pred: String, scene: String? = "S") -> EquivalenceQuestion {
    EquivalenceQuestion(
      kind: .object, groundTruth: [gt], prediction: [pred],
      groundTruthScene: scene.map { "Objects: 1:\(gt). Relations: \($0)" },
      predictionScene: scene.map { "Objects: 1:\(pred). Relations: \($0)" })
  }

  /// Numbered object questions `x0/y0 …`, with the table answering "1" for even i.
  static func numbered(_ n: Int) -> (questions: [EquivalenceQuestion], answers: [String: String]) {
    let questions = (0..<n).map { object("x\($0)", "y\($0)") }
    var answers: [String: String] = [:]
    for i in 0..<n { answers["obj:x\(i)|y\(i)"] = i % 2 == 0 ? "1" : "0" }
    return (questions, answers)
  }

  static func expectedNumbered(_ questions: [EquivalenceQuestion]) -> [EquivalenceQuestion: Bool] {
    var out: [EquivalenceQuestion: Bool] = [:]
    for (i, q) in questions.enumerated() { out[q] = i % 2 == 0 }
    return out
  }
}
