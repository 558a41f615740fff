import Foundation
import SGGMetrics
import Testing

@testable import SGGJudge

@Suite struct AliasTableTests {
  static let json = #"""
    {"objects": [["Man", "person", "guy"], ["person", "child"]],
     "predicates": [["on", "parked_on", "sitting-on"]]}
    """#

  func table() throws -> AliasTable {
    try AliasTable(json: Data(Self.json.utf8), file: "aliases.json")
  }

  @Test func symmetricRefinedNotTransitive() throws {
    let t = try table()
    #expect(t.objectsEquivalent("man", "person"))
    #expect(t.objectsEquivalent("PERSON", "man"))
    #expect(t.objectsEquivalent("guy", "man"))
    #expect(t.objectsEquivalent("child", "person"))
    // man ~ person and person ~ child live in different groups: no closure.
    #expect(!t.objectsEquivalent("man", "child"))
    #expect(t.objectsEquivalent("table", "table"))
    #expect(!t.objectsEquivalent("man", "table"))
    #expect(t.predicatesEquivalent("parked on", "sitting on"))
    #expect(!t.predicatesEquivalent("on", "under"))
  }

  @Test func answersRelationsByPredicateOnly() async throws {
    let t = try table()
    let rel = EquivalenceQuestion(
      kind: .relation, groundTruth: ["car", "on", "street"],
      prediction: ["vehicle", "parked on", "road"])
    let bad = EquivalenceQuestion(kind: .relation, groundTruth: ["car"], prediction: ["x"])
    let obj = EquivalenceQuestion(kind: .object, groundTruth: ["man"], prediction: ["child"])
    let v = try await t.verdicts(for: [rel, bad, obj])
    #expect(v == [rel: true, bad: false, obj: false])
  }

  @Test func readsFileAndNamesItself() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "aliases-\(UUID().uuidString).json")
    try Data(Self.json.utf8).write(to: path)
    defer { try? FileManager.default.removeItem(at: path) }
    let t = try AliasTable(contentsOfFile: path.path)
    #expect(t.name == "aliases:\(path.lastPathComponent)")
    #expect(t.objectsEquivalent("guy", "person"))
  }

  @Test(arguments: [
    (#"[["a","b"]]"#, "f.json: the alias file must be a JSON object"),
    (#"{"object": []}"#, #"f.json: unknown key "object""#),
    (#"{"objects": {"man": ["person"]}}"#, "f.json: objects: must be a list of groups"),
    (#"{"objects": [["a","b"], "c"]}"#, "f.json: objects[1]: a group must be a list"),
    (#"{"predicates": [["on", 3]]}"#, "f.json: predicates[0][1]: a label must be a string"),
    (#"{"objects": [["on", " - "]]}"#, "f.json: objects[0][1]: the label is empty"),
    (#"{"objects": [["Man", "man"]]}"#, "f.json: objects[0]: a group needs at least two"),
    ("{nope", "f.json: not valid JSON"),
  ])
  func errorsNameFileAndEntry(json: String, prefix: String) {
    do {
      _ = try AliasTable(json: Data(json.utf8), file: "f.json")
      Issue.record("accepted \(json)")
    } catch {
      #expect("\(error)".hasPrefix(prefix), "\(error)")
    }
  }

  @Test func missingFileIsAnError() {
    #expect(throws: AliasTableError.self) {
      try AliasTable(contentsOfFile: "/nonexistent/aliases.json")
    }
  }
}

@Suite struct RetryTests {
  @Test func retryAfterSeconds() {
    #expect(RetryAfter.seconds("1") == 1)
    #expect(RetryAfter.seconds(" 120 ") == 120)
    #expect(RetryAfter.seconds("0.5") == 0.5)
    #expect(RetryAfter.seconds("soon") == nil)
    #expect(RetryAfter.seconds("-3") == nil)
  }

  /// 1445412480 = 2015-10-21T07:28:00Z (`date -u -d @1445412480`).
  @Test func retryAfterHTTPDates() {
    let now = Date(timeIntervalSince1970: 1_445_412_480 - 90)
    #expect(RetryAfter.seconds("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == 90)
    #expect(RetryAfter.seconds("Wednesday, 21-Oct-15 07:28:00 GMT", now: now) == 90)
    #expect(RetryAfter.seconds("Wed Oct 21 07:28:00 2015", now: now) == 90)
    // A date already past means "now".
    #expect(RetryAfter.seconds("Wed, 21 Oct 2015 07:26:00 GMT", now: now) == 0)
  }

  /// base 0.5: attempt 1 → 0.5, 2 → 1, 3 → 2, 4 → 4 (capped at 3); equal jitter puts the wait
  /// in [full/2, full].
  @Test func backoff() {
    let p = RetryPolicy(maxAttempts: 5, baseDelay: 0.5, maxDelay: 3, maxRetryAfter: 10)
    #expect(p.delay(afterFailedAttempts: 1, retryAfter: nil, unit: 0) == 0.25)
    #expect(p.delay(afterFailedAttempts: 1, retryAfter: nil, unit: 1) == 0.5)
    #expect(p.delay(afterFailedAttempts: 3, retryAfter: nil, unit: 0) == 1)
    #expect(p.delay(afterFailedAttempts: 3, retryAfter: nil, unit: 0.5) == 1.5)
    #expect(p.delay(afterFailedAttempts: 4, retryAfter: nil, unit: 1) == 3)
    #expect(p.delay(afterFailedAttempts: 1, retryAfter: 7, unit: 0) == 7)
    #expect(p.delay(afterFailedAttempts: 1, retryAfter: 70, unit: 0) == 10)
  }

  @Test func endpointURLs() throws {
    func url(_ base: String) throws -> String {
      try JudgeEndpoint(baseURL: base, model: "m").chatCompletionsURL.absoluteString
    }
    #expect(try url("http://127.0.0.1:8000") == "http://127.0.0.1:8000/v1/chat/completions")
    #expect(try url("http://127.0.0.1:8000/") == "http://127.0.0.1:8000/v1/chat/completions")
    #expect(try url("http://h:1/v1") == "http://h:1/v1/chat/completions")
    #expect(try url("https://api.x.com/v1/") == "https://api.x.com/v1/chat/completions")
    #expect(try url("http://h/v1/chat/completions") == "http://h/v1/chat/completions")
    #expect(try url("http://h/openai") == "http://h/openai/v1/chat/completions")
  }

  @Test func endpointErrors() throws {
    #expect(throws: JudgeConfigurationError.badURL("localhost:8000")) {
      try JudgeEndpoint(baseURL: "localhost:8000", model: "m")
    }
    #expect(throws: JudgeConfigurationError.emptyModel) {
      try JudgeEndpoint(baseURL: "http://h", model: " ")
    }
    #expect(throws: JudgeConfigurationError.missingAPIKey(variable: "JUDGE_KEY")) {
      try JudgeEndpoint(
        baseURL: "http://h", model: "m", apiKeyEnvironmentVariable: "JUDGE_KEY", environment: [:])
    }
    let e = try JudgeEndpoint(
      baseURL: "http://h", model: "m", apiKeyEnvironmentVariable: "JUDGE_KEY",
      environment: ["JUDGE_KEY": "sk-test"])
    #expect(e.apiKey == "sk-test")
  }

  @Test func requestBody() throws {
    let client = ChatCompletionsClient(
      endpoint: try JudgeEndpoint(baseURL: "http://h", model: "qwen"))
    let body = client.requestBody(
      for: RenderedPrompt(system: "s", user: "u/\"", maxTokens: 8, temperature: 0))
    #expect(
      String(decoding: body, as: UTF8.self)
        == #"{"max_tokens":8,"messages":[{"content":"s","role":"system"},{"content":"u/\"","role":"user"}],"model":"qwen","temperature":0}"#
    )
  }
}
