import Foundation
import SGGMetrics
import SGGStore

/// Settings of an ``LLMJudge`` run.
public struct LLMJudgeOptions: Sendable, Hashable {
  /// Requests in flight at once (`--judge-concurrency`).
  public var concurrency: Int
  /// Most HTTP requests (retries included) this judge may send (`--judge-budget`); nil = no cap.
  /// Questions that would need more stay unanswered with reason ``JudgeFailure/budget``.
  public var budget: Int?
  /// SceneGraphVLM's renaming of predicted relation endpoints after the object verdicts
  /// (``EndpointSubstitution``). On for both presets, as in the anchor.
  public var substituteEndpoints: Bool

  public init(concurrency: Int = 4, budget: Int? = nil, substituteEndpoints: Bool = true) {
    self.concurrency = max(1, concurrency)
    self.budget = budget.map { max(0, $0) }
    self.substituteEndpoints = substituteEndpoints
  }
}

/// The cache key of a question: `(model, prompt_hash, question_hash)` in `judge_verdicts`.
///
/// `prompt_hash` = SHA-256 of ``JudgePrompts/fingerprint`` (preset, templates, system prompts,
/// temperature, max_tokens); `question_hash` = SHA-256 of the rendered user message. A changed
/// model name, prompt or question therefore never reuses an old verdict.
public enum JudgeCacheKey {
  public static func key(model: String, prompts: JudgePrompts, rendered: RenderedPrompt)
    -> JudgeKey
  {
    JudgeKey(
      model: model, promptHash: prompts.promptHash,
      questionHash: SHA256.hexDigest(of: Array(rendered.user.utf8)))
  }
}

/// Soft matching by an LLM judge on an OpenAI-compatible server, SceneGraphVLM-style
/// (eval-protocols §3.4).
///
/// One ``verdicts(for:)`` call:
/// 1. object questions first: render, merge identical prompts, look them up in the store, ask
///    the misses with at most `concurrency` requests in flight, and store EACH verdict the
///    moment it arrives (a killed run keeps it);
/// 2. then relation questions, after renaming predicted endpoints judged synonymous
///    (``EndpointSubstitution``, its map accumulating over this judge's lifetime), the same way.
///
/// A reply becomes a verdict through ``JudgeAnswer/parse(_:)``. Unanswered questions are left
/// out of the result (the matcher counts them as not equivalent) and are NOT cached, so a rerun
/// with the same store asks exactly those again.
public actor LLMJudge: LabelEquivalence {
  public nonisolated let name: String
  public nonisolated let client: ChatCompletionsClient
  public nonisolated let prompts: JudgePrompts
  public nonisolated let options: LLMJudgeOptions
  private let store: ResultsStore?
  private let progress: (@Sendable (JudgeProgress) -> Void)?
  private let budget: RequestBudget

  private var substitution = EndpointSubstitution()
  /// Verdicts settled in this run, by question hash (so a second call asks nothing twice).
  private var memo: [String: Bool] = [:]
  private var report = JudgeReport()

  /// - Parameters:
  ///   - store: the verdict cache; nil runs without one (questions are still merged in-run).
  ///   - progress: called after every settled question, on the judge's executor; keep it short.
  public init(
    client: ChatCompletionsClient, prompts: JudgePrompts = .scenegraphvlm,
    store: ResultsStore? = nil, options: LLMJudgeOptions = LLMJudgeOptions(),
    progress: (@Sendable (JudgeProgress) -> Void)? = nil
  ) {
    self.client = client
    self.prompts = prompts
    self.store = store
    self.options = options
    self.progress = progress
    self.budget = RequestBudget(limit: options.budget)
    let suffix = prompts.preset == .scenegraphvlm ? "" : " (\(prompts.preset.rawValue))"
    self.name = "judge:\(client.endpoint.model)\(suffix)"
  }

  /// Everything this judge did so far.
  public func currentReport() -> JudgeReport { report }

  public func verdicts(for questions: [EquivalenceQuestion]) async throws
    -> [EquivalenceQuestion: Bool]
  {
    report.questions += questions.count
    let objects = questions.filter { $0.kind == .object }
    let relations = questions.filter { $0.kind == .relation }
    var result = try await resolve(objects.map { ($0, $0) }, phase: .objects)
    if options.substituteEndpoints {
      for q in objects { substitution.record(q, verdict: result[q] ?? false) }
    }
    let renamed = relations.map {
      ($0, options.substituteEndpoints ? substitution.apply(to: $0) : $0)
    }
    let relationVerdicts = try await resolve(renamed, phase: .relations)
    result.merge(relationVerdicts) { a, _ in a }
    return result
  }

  private struct Pending {
    var rendered: RenderedPrompt
    var key: JudgeKey
    var asked: [EquivalenceQuestion]
  }

  /// Settles `items` (original question, question to render) and returns verdicts keyed by the
  /// original question.
  private func resolve(
    _ items: [(EquivalenceQuestion, EquivalenceQuestion)], phase: EquivalenceQuestionPhase
  )
    async throws -> [EquivalenceQuestion: Bool]
  {
    guard !items.isEmpty else { return [:] }
    // Merge questions with the same rendered prompt, keeping first-seen order.
    var order: [String] = []
    var pending: [String: Pending] = [:]
    for (original, toRender) in items {
      let rendered = prompts.render(toRender)
      let key = JudgeCacheKey.key(
        model: client.endpoint.model, prompts: prompts, rendered: rendered)
      if pending[key.questionHash] == nil {
        order.append(key.questionHash)
        pending[key.questionHash] = Pending(rendered: rendered, key: key, asked: [])
      }
      pending[key.questionHash]?.asked.append(original)
    }
    report.distinct += order.count

    var settled: [String: Bool] = [:]
    var snapshot = JudgeProgress(
      phase: phase, total: order.count, done: 0, cacheHits: 0, answered: 0, unanswered: 0,
      failedAttempts: 0, elapsed: 0)
    let start = Date()

    // In-run memo, then the store.
    for hash in order {
      if let verdict = memo[hash] { settled[hash] = verdict }
    }
    if let store {
      let keys = order.filter { settled[$0] == nil }.compactMap { pending[$0]?.key }
      let cached = try store.judgeVerdicts(for: keys)
      for (key, record) in cached {
        // A NULL verdict means "asked, no usable answer": ask again.
        if let verdict = record.verdict { settled[key.questionHash] = verdict }
      }
    }
    for hash in settled.keys { memo[hash] = settled[hash] }
    snapshot.cacheHits = settled.count
    snapshot.done = settled.count
    report.cacheHits += settled.count
    progress?(snapshot)

    let misses = order.filter { settled[$0] == nil }
    report.asked += misses.count
    let client = self.client
    let budget = self.budget
    try await withThrowingTaskGroup(of: (String, ChatOutcome).self) { group in
      var next = 0
      func launch() {
        guard next < misses.count, let item = pending[misses[next]] else { return }
        let hash = misses[next]
        next += 1
        group.addTask {
          let outcome = await client.complete(item.rendered) { await budget.take() }
          return (hash, outcome)
        }
      }
      for _ in 0..<min(options.concurrency, misses.count) { launch() }
      while let (hash, outcome) = try await group.next() {
        guard let item = pending[hash] else { continue }
        report.requestsSent += outcome.requestsSent
        report.retries += max(0, outcome.requestsSent - 1)
        for failure in outcome.attemptFailures {
          report.failedAttempts[failure, default: 0] += 1
        }
        snapshot.failedAttempts += outcome.attemptFailures.count
        if let answer = outcome.answer {
          let verdict = JudgeAnswer.parse(answer) == 1
          try store?.putJudgeVerdict(
            JudgeVerdictRecord(
              key: item.key, question: item.rendered.user, verdict: verdict, rawAnswer: answer))
          settled[hash] = verdict
          memo[hash] = verdict
          report.answered += 1
          snapshot.answered += 1
        } else {
          let reason = outcome.failure ?? .connection
          report.unanswered += 1
          report.unansweredByReason[reason, default: 0] += 1
          if let first = item.asked.first {
            report.unansweredQuestions.append(UnansweredQuestion(question: first, reason: reason))
          }
          snapshot.unanswered += 1
        }
        snapshot.done += 1
        snapshot.elapsed = Date().timeIntervalSince(start)
        progress?(snapshot)
        if Task.isCancelled {
          group.cancelAll()
        } else {
          launch()
        }
      }
    }
    try Task.checkCancellation()

    var result: [EquivalenceQuestion: Bool] = [:]
    for hash in order {
      guard let verdict = settled[hash], let item = pending[hash] else { continue }
      for q in item.asked { result[q] = verdict }
    }
    return result
  }
}

/// The run's request budget, shared by all in-flight questions.
actor RequestBudget {
  private var remaining: Int?

  init(limit: Int?) { remaining = limit }

  /// Takes one request from the budget; false when it is spent.
  func take() -> Bool {
    guard let left = remaining else { return true }
    guard left > 0 else { return false }
    remaining = left - 1
    return true
  }
}
