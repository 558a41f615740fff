import Foundation
import SGGMetrics
import SGGStore
import Testing

@testable import SGGJudge

/// The judge against a real HTTP server on 127.0.0.1 (Support/fake_openai_server.py).
@Suite struct LLMJudgeServerTests {
  typealias F = JudgeFixture

  @Test func verdictsFollowTheTableAndASecondRunSendsNothing() async throws {
    let server = try FakeOpenAIServer()
    defer { server.stop() }
    try await server.configure([
      "answers": [
        "obj:man|person": "1", "obj:dog|cat": "0", "obj:cup|mug": "1.", "obj:car|bus": "1 or 0",
        "rel:man|on|table|man|sitting on|table": "1", "rel:near|far": "0",
      ]
    ])
    let o1 = F.object("man", "person")
    let o2 = F.object("dog", "cat")
    let o3 = F.object("cup", "mug")
    let o4 = F.object("car", "bus")
    // The predicted subject "person" was judged a synonym of "man": it is renamed before the
    // relation is asked (anchor's normalize_relation_triplet_pair).
    let r1 = EquivalenceQuestion(
      kind: .relation, groundTruth: ["man", "on", "table"],
      prediction: ["person", "sitting on", "table"], groundTruthScene: "G", predictionScene: "P")
    // dog/cat was judged 0: no renaming.
    let r2 = EquivalenceQuestion(
      kind: .relation, groundTruth: ["dog", "near", "cat"], prediction: ["cat", "far", "dog"],
      groundTruthScene: "G", predictionScene: "P")
    let questions = [r1, o1, o2, o1, o3, r2, o4]
    let expected = [o1: true, o2: false, o3: true, o4: false, r1: true, r2: false]

    let path = try F.storePath()
    let progress = Collector<JudgeProgress>()
    let judge = try F.judge(
      server, store: try ResultsStore(path: path), progress: { progress.append($0) })
    #expect(try await judge.verdicts(for: questions) == expected)
    let report = await judge.currentReport()
    #expect(report.questions == 7)
    #expect(report.distinct == 6)
    #expect(report.asked == 6)
    #expect(report.answered == 6)
    #expect(report.requestsSent == 6)
    #expect(report.retries == 0)
    #expect(report.unanswered == 0)

    let stats = try await server.stats()
    #expect(stats.requests == 6)
    // Objects first, then relations.
    #expect(stats.log.map { $0.key.hasPrefix("obj:") } == [true, true, true, true, false, false])
    for entry in stats.log {
      #expect(entry.model == "judge-model")
      #expect(entry.temperature == 0)
      #expect(entry.auth == "Bearer sk-test")
      let isObject = entry.key.hasPrefix("obj:")
      #expect(entry.maxTokens == (isObject ? 8 : 16))
      #expect(entry.system == (isObject ? JudgePrompts.objectSystem : JudgePrompts.relationSystem))
    }
    let relationUser = try #require(stats.log.first { $0.key.hasPrefix("rel:man") }?.user)
    #expect(relationUser.contains("Pred relation: subject='man', predicate='sitting on'"))
    let last = try #require(progress.items.last)
    #expect((last.phase, last.done, last.total, last.answered) == (.relations, 2, 2, 2))

    // A rerun (new judge, store reopened) is answered from the cache: zero requests.
    let store2 = try ResultsStore(path: path)
    #expect(try store2.judgeVerdictCount() == 6)
    let rerun = try F.judge(server, store: store2)
    #expect(try await rerun.verdicts(for: questions) == expected)
    let report2 = await rerun.currentReport()
    #expect(report2.cacheHits == 6)
    #expect(report2.requestsSent == 0)
    #expect(try await server.stats().requests == 6)
  }

  @Test func faultsAreRetriedAndCounted() async throws {
    let server = try FakeOpenAIServer()
    defer { server.stop() }
    let faults: [String: [String]] = [
      "obj:a|b": ["429:1"], "obj:c|d": ["429date:2"], "obj:e|f": ["500", "503:0"],
      "obj:g|h": ["drop"], "obj:i|j": ["malformed", "nocontent"], "obj:m|n": ["answer:1 or 0"],
      "obj:o|p": ["400"], "obj:q|r": ["500", "500", "500", "500", "500"],
    ]
    try await server.configure(["default": "1", "faults": faults])
    let labels = [
      ("a", "b"), ("c", "d"), ("e", "f"), ("g", "h"), ("i", "j"), ("m", "n"), ("o", "p"),
      ("q", "r"),
    ]
    let qs = labels.map { F.object($0.0, $0.1) }
    let store = try ResultsStore.inMemory()
    let judge = try F.judge(
      server, store: store, options: LLMJudgeOptions(concurrency: 4),
      retry: RetryPolicy(maxAttempts: 4, baseDelay: 0.01, maxDelay: 0.05))
    let v = try await judge.verdicts(for: qs)
    // "1 or 0" parses to 0; the 400 and the always-500 question stay unanswered.
    #expect(v == [qs[0]: true, qs[1]: true, qs[2]: true, qs[3]: true, qs[4]: true, qs[5]: false])
    let r = await judge.currentReport()
    // Requests: 2 + 2 + 3 + 2 + 3 + 1 + 1 (400, not retried) + 4 (gave up) = 18.
    #expect(r.requestsSent == 18)
    #expect(r.retries == 18 - 8)
    #expect(
      r.failedAttempts == [
        .rateLimited: 2, .serverError: 2 + 4, .connection: 1, .malformedResponse: 2,
        .clientError: 1,
      ])
    #expect(r.unansweredByReason == [.clientError: 1, .serverError: 1])
    #expect(Set(r.unansweredQuestions.map(\.question)) == [qs[6], qs[7]])
    #expect(r.summary.contains("2 question(s) unanswered, counted as NOT equivalent"))
    #expect(try store.judgeVerdictCount() == 6)  // unanswered ones are not cached

    // Retry-After honoured: the retry came at least the header's delay after the 429.
    let log = try await server.stats().log
    for key in ["obj:a|b", "obj:c|d"] {
      let times = log.filter { $0.key == key }.map(\.t)
      try #require(times.count == 2)
      #expect(times[1] - times[0] >= 1.0, "\(key): retried after \(times[1] - times[0]) s")
    }
  }

  @Test func slowRepliesTimeOutAndAreRetried() async throws {
    let server = try FakeOpenAIServer()
    defer { server.stop() }
    try await server.configure(["default": "1", "faults": ["obj:k|l": ["slow:3"]]])
    let q = F.object("k", "l")
    let judge = try F.judge(server, store: nil, timeout: 1)
    #expect(try await judge.verdicts(for: [q]) == [q: true])
    let r = await judge.currentReport()
    #expect(r.failedAttempts[.timeout] == 1)
    #expect(r.requestsSent == 2)
  }

  @Test func aRunOnADeadServerResumesWithOnlyTheRest() async throws {
    let server = try FakeOpenAIServer()
    defer { server.stop() }
    let (qs, answers) = F.numbered(8)
    // Three answers, then every connection is dropped: the server is as good as dead.
    try await server.configure(["answers": answers, "drop_after": 3])
    let path = try F.storePath()
    let first = try F.judge(
      server, store: try ResultsStore(path: path), options: LLMJudgeOptions(concurrency: 2),
      retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.01, maxDelay: 0.02))
    let partial = try await first.verdicts(for: qs)
    #expect(partial.count == 3)
    let r1 = await first.currentReport()
    #expect((r1.answered, r1.unanswered) == (3, 5))
    #expect(r1.unansweredByReason == [.connection: 5])
    let answeredFirst = Set(try await server.stats().answeredKeys)
    #expect(answeredFirst.count == 3)

    try await server.configure(["drop_after": NSNull()])
    try await server.reset()
    let second = try F.judge(server, store: try ResultsStore(path: path))
    #expect(try await second.verdicts(for: qs) == F.expectedNumbered(qs))
    let stats = try await server.stats()
    #expect(stats.requests == 5)
    #expect(Set(stats.log.map(\.key)).isDisjoint(with: answeredFirst))
  }

  @Test func aCancelledRunKeepsItsVerdictsAndResumes() async throws {
    let server = try FakeOpenAIServer()
    defer { server.stop() }
    let (qs, answers) = F.numbered(10)
    try await server.configure(["answers": answers, "delay": 0.2])
    let path = try F.storePath()
    let store = try ResultsStore(path: path)
    let judge = try F.judge(server, store: store, options: LLMJudgeOptions(concurrency: 2))
    let task = Task { try await judge.verdicts(for: qs) }
    let deadline = Date().addingTimeInterval(30)
    while try store.judgeVerdictCount() < 2, Date() < deadline {
      try await Task.sleep(nanoseconds: 20_000_000)
    }
    task.cancel()
    let outcome = await task.result
    #expect(throws: CancellationError.self) { try outcome.get() }
    let kept = try store.judgeVerdictCount()
    #expect(kept >= 2 && kept < 10, "kept \(kept)")

    try await server.configure(["delay": 0])
    try await server.reset()
    let resumed = try F.judge(server, store: try ResultsStore(path: path))
    #expect(try await resumed.verdicts(for: qs) == F.expectedNumbered(qs))
    #expect(try await server.stats().requests == 10 - kept)
  }

  @Test func theBudgetLeavesTheRestUnanswered() async throws {
    let server = try FakeOpenAIServer()
    defer { server.stop() }
    let (qs, answers) = F.numbered(10)
    try await server.configure(["answers": answers])
    let progress = Collector<JudgeProgress>()
    let judge = try F.judge(
      server, store: try ResultsStore.inMemory(),
      options: LLMJudgeOptions(concurrency: 3, budget: 4), progress: { progress.append($0) })
    let v = try await judge.verdicts(for: qs)
    #expect(v.count == 4)
    let r = await judge.currentReport()
    #expect((r.answered, r.unanswered, r.requestsSent) == (4, 6, 4))
    #expect(r.unansweredByReason == [.budget: 6])
    #expect(try await server.stats().requests == 4)
    let last = try #require(progress.items.last)
    #expect((last.done, last.total, last.answered, last.unanswered) == (10, 10, 4, 6))
    #expect(last.line.hasPrefix("judge objects: 10/10 (100%), "))
  }

  @Test func contextFreeAsksEachLabelPairOnce() async throws {
    let server = try FakeOpenAIServer()
    defer { server.stop() }
    try await server.configure(["answers": ["obj:man|person": "1"]])
    let a = F.object("man", "person", scene: "A")
    let b = F.object("man", "person", scene: "B")
    let judge = try F.judge(server, store: nil, prompts: .contextFree)
    #expect(try await judge.verdicts(for: [a, b]) == [a: true, b: true])
    #expect(try await server.stats().requests == 1)
    // With scene context the two are different questions.
    let scene = try F.judge(server, store: nil)
    #expect(try await scene.verdicts(for: [a, b]) == [a: true, b: true])
    #expect(try await server.stats().requests == 3)
  }
}
