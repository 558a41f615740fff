/// Precision, recall and F1 from counts, SceneGraphVLM's `_precision_recall_f1` (§3.3 step 2).
///
/// A zero denominator makes that value 0, and F1 is 0 unless `P + R > 0`.
public struct PrecisionRecall: Hashable, Sendable, Codable {
  public var truePositives: Int
  public var predicted: Int
  public var groundTruth: Int

  public init(truePositives: Int, predicted: Int, groundTruth: Int) {
    self.truePositives = truePositives
    self.predicted = predicted
    self.groundTruth = groundTruth
  }

  public var precision: Double {
    predicted > 0 ? Double(truePositives) / Double(predicted) : 0
  }
  public var recall: Double {
    groundTruth > 0 ? Double(truePositives) / Double(groundTruth) : 0
  }
  public var f1: Double {
    let p = precision
    let r = recall
    return p + r > 0 ? 2 / (1 / p + 1 / r) : 0
  }
}
