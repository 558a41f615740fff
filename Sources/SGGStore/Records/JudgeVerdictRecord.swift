import Foundation

/// What a judge verdict is cached under: the judge model, the prompt template and the question.
public struct JudgeKey: Hashable, Sendable {
  /// The judge model name as sent to the server.
  public var model: String
  /// Hash of the prompt template (so a changed prompt misses the cache).
  public var promptHash: String
  /// Hash of the question (the label pair or phrase being judged).
  public var questionHash: String

  public init(model: String, promptHash: String, questionHash: String) {
    self.model = model
    self.promptHash = promptHash
    self.questionHash = questionHash
  }
}

/// A cached LLM-judge answer (one row of `judge_verdicts`).
public struct JudgeVerdictRecord: Hashable, Sendable {
  public var key: JudgeKey
  /// The question text, kept so the cache can be read by a person.
  public var question: String
  /// true = yes (1), false = no (0), nil = asked but no usable answer.
  public var verdict: Bool?
  /// The judge's raw reply.
  public var rawAnswer: String?
  /// Stored as ISO-8601 UTC text with millisecond precision.
  public var createdAt: Date

  public init(
    key: JudgeKey, question: String, verdict: Bool?, rawAnswer: String?, createdAt: Date = Date()
  ) {
    self.key = key
    self.question = question
    self.verdict = verdict
    self.rawAnswer = rawAnswer
    self.createdAt = createdAt
  }
}
