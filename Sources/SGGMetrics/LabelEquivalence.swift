import SGGCore

/// One disputed pair a soft matcher must settle: two object labels, or two relation triplets,
/// optionally with the scene context SceneGraphVLM's judge sees (eval-protocols §3.4).
///
/// Only disputes become questions: pairs already equal after normalisation never do.
public struct EquivalenceQuestion: Hashable, Sendable, Codable {
  public enum Kind: String, Hashable, Sendable, Codable {
    /// Do `groundTruth[0]` and `prediction[0]` name the same entity?
    case object
    /// Are the triplets `groundTruth` and `prediction` (subject, predicate, object) equivalent?
    case relation
  }

  public var kind: Kind
  /// One label (objects) or a subject–predicate–object triplet (relations), normalised.
  public var groundTruth: [String]
  public var prediction: [String]
  /// Scene summaries (`Objects: 1:person; 2:umbrella. Relations: (person, in front of, tree)`),
  /// nil in context-free mode, where identical label pairs collapse into one question.
  public var groundTruthScene: String?
  public var predictionScene: String?

  public init(
    kind: Kind, groundTruth: [String], prediction: [String], groundTruthScene: String? = nil,
    predictionScene: String? = nil
  ) {
    self.kind = kind
    self.groundTruth = groundTruth
    self.prediction = prediction
    self.groundTruthScene = groundTruthScene
    self.predictionScene = predictionScene
  }
}

/// A source of verdicts for disputed label pairs: an alias table, an LLM judge, …
///
/// Implementations answer a batch at once so a judge can deduplicate, cache and parallelise.
/// A question left out of the result is *unanswered* and counts as "not equivalent"; the
/// caller reports how many there were.
public protocol LabelEquivalence: Sendable {
  /// A short name for reports (`alias-table`, `judge:Qwen3-4B`).
  var name: String { get }
  func verdicts(for questions: [EquivalenceQuestion]) async throws -> [EquivalenceQuestion: Bool]
}
