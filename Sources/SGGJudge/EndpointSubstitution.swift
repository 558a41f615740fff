import SGGMetrics

/// SceneGraphVLM's `normalize_relation_triplet_pair` (eval-protocols §3.4): before a relation
/// is judged, a predicted subject or object name is replaced by the ground-truth name when the
/// two are equal or the object judge said they are synonyms, so the relation judge compares
/// predicates only.
///
/// The anchor keys the object verdicts by `(gt_name, pred_name)` in ONE dictionary over all
/// samples, built in question order, so for a pair judged several times (in different scenes)
/// the LAST verdict wins. ``record(_:verdict:)`` reproduces that when fed questions in order.
public struct EndpointSubstitution: Sendable, Hashable {
  public struct NamePair: Hashable, Sendable {
    public var groundTruth: String
    public var prediction: String
  }

  public private(set) var synonyms: [NamePair: Bool] = [:]

  public init() {}

  /// Records an object verdict (unanswered = false, which is how it is scored).
  public mutating func record(_ question: EquivalenceQuestion, verdict: Bool) {
    guard question.kind == .object else { return }
    let pair = NamePair(
      groundTruth: question.groundTruth.first ?? "", prediction: question.prediction.first ?? "")
    synonyms[pair] = verdict
  }

  /// `question` with the predicted endpoints replaced where they are synonyms of the
  /// ground-truth ones; other questions unchanged.
  public func apply(to question: EquivalenceQuestion) -> EquivalenceQuestion {
    guard question.kind == .relation, question.groundTruth.count == 3,
      question.prediction.count == 3
    else { return question }
    var out = question
    for i in [0, 2] {
      let gt = question.groundTruth[i]
      let pred = question.prediction[i]
      if gt == pred || synonyms[NamePair(groundTruth: gt, prediction: pred)] == true {
        out.prediction[i] = gt
      }
    }
    return out
  }
}
