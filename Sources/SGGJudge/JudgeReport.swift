import SGGMetrics

/// A question the judge could not answer; it counts as "not equivalent".
public struct UnansweredQuestion: Sendable, Hashable {
  public var question: EquivalenceQuestion
  /// The last reason (e.g. ``JudgeFailure/budget`` or the final attempt's error).
  public var reason: JudgeFailure

  public init(question: EquivalenceQuestion, reason: JudgeFailure) {
    self.question = question
    self.reason = reason
  }
}

/// What a judge did over its lifetime (all ``LLMJudge/verdicts(for:)`` calls so far).
///
/// Counting: `questions` as submitted → `distinct` after merging questions whose rendered
/// prompt is the same → each distinct one is a `cacheHits` (store or earlier in this run) or
/// `asked` (needed the server). Every asked question ends `answered` or `unanswered`.
public struct JudgeReport: Sendable, Hashable {
  public var questions = 0
  public var distinct = 0
  public var cacheHits = 0
  /// Cache misses handed to the server (including those the budget then stopped).
  public var asked = 0
  public var answered = 0
  public var unanswered = 0
  /// Requests that repeated an earlier failed request for the same question.
  public var retries = 0
  /// HTTP requests sent, retries included (the budget counts these).
  public var requestsSent = 0
  /// Failed attempts by reason (an attempt that was retried and later succeeded counts too).
  public var failedAttempts: [JudgeFailure: Int] = [:]
  /// Unanswered questions by their final reason.
  public var unansweredByReason: [JudgeFailure: Int] = [:]
  /// The unanswered questions (distinct prompts; one submitted question each).
  public var unansweredQuestions: [UnansweredQuestion] = []

  public init() {}

  /// A few lines for stderr or a report footer.
  public var summary: String {
    var lines = [
      "judge: \(questions) questions, \(distinct) distinct, \(cacheHits) cached, \(asked) asked, "
        + "\(answered) answered, \(unanswered) unanswered, \(requestsSent) requests "
        + "(\(retries) retries)"
    ]
    if !failedAttempts.isEmpty {
      lines.append("judge: failed attempts: " + Self.format(failedAttempts))
    }
    if unanswered > 0 {
      lines.append(
        "judge: \(unanswered) question(s) unanswered, counted as NOT equivalent: "
          + Self.format(unansweredByReason)
          + "; rerun with the same store to ask only these again")
    }
    return lines.joined(separator: "\n")
  }

  private static func format(_ counts: [JudgeFailure: Int]) -> String {
    counts.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
      .joined(separator: ", ")
  }
}
