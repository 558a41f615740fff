import SGGCore
import SGGFormats

/// Which predicates of a pair are evaluated (STTran's `constraint`, eval-protocols §5.3).
public enum AGConstraint: String, Hashable, Sendable, Codable, CaseIterable {
  /// One predicate per row: the row's argmax (an empty group's all-zero row yields
  /// `looking_at` with score 0, as in the anchors).
  case with
  /// Attention argmax plus every spatial / contacting cell above the threshold.
  case semi
  /// Top-100 of all `3N × 26` cells.
  case no
}

/// How equal scores are ordered when predictions are ranked. The anchors use numpy's default
/// (unstable) argsort, whose tie order is not portable (eval-protocols §0, §3.5).
public enum AGTieOrder: String, Hashable, Sendable, Codable, CaseIterable {
  /// Stable, earlier rows / cells first (default; documented, portable).
  case generation
  /// numpy's small-array behaviour (insertion sort): the cell top-100 keeps generation order,
  /// the final `argsort()[::-1]` reverses equal scores.
  case reversed
}

/// How STTran's semi constraint tells a row's group.
public enum AGSemiGroupRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// The row's true group (rows 0..<N attention, N..<2N spatial, 2N..<3N contacting).
  case trueGroups = "true-groups"
  /// STTran exactly: columns 0+1 > 0 → attention, else 3+4 → spatial, else 9+10 →
  /// contacting, else the row is dropped (so one-hot `unsure`, `in_front_of`, … rows vanish).
  case sttranColumns = "sttran-columns"
}

/// What a frame with no usable prediction contributes.
public enum AGFrameRule: String, Hashable, Sendable, Codable {
  /// Left out of every average (SceneGraphVLM: an unparsable prediction is NOT a zero).
  case skip
  /// Evaluated with no predicted rows: 0 at every K (STTran/OED evaluate every test frame).
  case zero
}

/// IoU used for triplet box matching.
public enum AGIoURule: String, Hashable, Sendable, Codable {
  /// Plain IoU, float64 (OED `box_iou`, SceneGraphVLM `_box_iou_numpy`).
  case plain
  /// STTran's Cython `bbox_overlaps`: `+1` widths in float64.
  case sttranPlusOne = "sttran-plus-one"

  @inlinable
  public func iou(_ a: Box, _ b: Box) -> Double {
    switch self {
    case .plain: return IoU.plain(a, b)
    case .sttranPlusOne:
      guard a.isFinite && b.isFinite else { return 0 }
      let iw = min(a.x2, b.x2) - max(a.x1, b.x1) + 1
      guard iw > 0 else { return 0 }
      let ih = min(a.y2, b.y2) - max(a.y1, b.y1) + 1
      guard ih > 0 else { return 0 }
      let ua =
        (b.x2 - b.x1 + 1) * (b.y2 - b.y1 + 1) + (a.x2 - a.x1 + 1) * (a.y2 - a.y1 + 1) - iw * ih
      return ua > 0 ? iw * ih / ua : 0
    }
  }
}

/// Every choice the Action Genome evaluator makes; the presets reproduce the anchors.
public struct AGProtocol: Hashable, Sendable, Codable {
  public var name: String
  public var constraint: AGConstraint
  /// Constraints the anchor implements (others are rejected by ``validate()``).
  public var supportedConstraints: [AGConstraint]
  public var ks: [Int]
  public var iouThreshold: Double
  public var iou: AGIoURule
  public var tieOrder: AGTieOrder
  /// No-constraint: keep zero-score filler cells in the top-100 (anchor parity) or only cells
  /// the model predicted.
  public var zeroScoreCells: Bool
  /// How many cells the no-constraint ranking keeps.
  public var noConstraintTop: Int
  public var semiGroups: AGSemiGroupRule
  /// Semi: a spatial / contacting cell is kept when its score is `>` this (STTran 0.9).
  public var semiThreshold: Double
  /// The parser's box rule in the model's frame (SceneGraphVLM 640×480), nil for none.
  public var boxLimitWidth: Double?
  public var boxLimitHeight: Double?
  public var unparsablePrediction: AGFrameRule
  public var missingPrediction: AGFrameRule
  /// Added to per-class counts in the summed mR (OED way 2 divides by `count + 1e-10`;
  /// SceneGraphVLM gives 0 to absent classes and divides by `count`).
  public var summedMeanRecallEpsilon: Double

  public var boxLimit: (width: Double, height: Double)? {
    guard let w = boxLimitWidth, let h = boxLimitHeight else { return nil }
    return (w, h)
  }

  /// SceneGraphVLM `eval_classical_metrics_extended.py` (eval-protocols §3.5).
  public static let scenegraphvlmAG = AGProtocol(
    name: "scenegraphvlm-ag", constraint: .with, supportedConstraints: [.with, .no],
    ks: [10, 20, 50, 100], iouThreshold: 0.5, iou: .plain, tieOrder: .generation,
    zeroScoreCells: true, noConstraintTop: 100, semiGroups: .trueGroups, semiThreshold: 0.9,
    boxLimitWidth: 640, boxLimitHeight: 480, unparsablePrediction: .skip,
    missingPrediction: .skip, summedMeanRecallEpsilon: 0)

  /// STTran `lib/evaluation_recall.py` (eval-protocols §5.3).
  public static let sttran = AGProtocol(
    name: "sttran", constraint: .with, supportedConstraints: [.with, .semi, .no],
    ks: [10, 20, 50, 100], iouThreshold: 0.5, iou: .sttranPlusOne, tieOrder: .generation,
    zeroScoreCells: true, noConstraintTop: 100, semiGroups: .sttranColumns, semiThreshold: 0.9,
    boxLimitWidth: nil, boxLimitHeight: nil, unparsablePrediction: .zero,
    missingPrediction: .zero, summedMeanRecallEpsilon: 0)

  /// OED `models/evaluate_recall.py` (eval-protocols §5.4).
  public static let oed = AGProtocol(
    name: "oed", constraint: .with, supportedConstraints: [.with, .no],
    ks: [10, 20, 50, 100], iouThreshold: 0.5, iou: .plain, tieOrder: .generation,
    zeroScoreCells: true, noConstraintTop: 100, semiGroups: .trueGroups, semiThreshold: 0.9,
    boxLimitWidth: nil, boxLimitHeight: nil, unparsablePrediction: .zero,
    missingPrediction: .zero, summedMeanRecallEpsilon: 1e-10)

  public static let presets: [String: AGProtocol] = [
    "scenegraphvlm-ag": scenegraphvlmAG, "sttran": sttran, "oed": oed,
  ]

  /// Problems with this configuration, for the CLI to show.
  public func validate() -> String? {
    if !supportedConstraints.contains(constraint) {
      return
        "\(name) has no \(constraint.rawValue) constraint (it implements "
        + supportedConstraints.map(\.rawValue).joined(separator: ", ") + ")"
    }
    if ks.isEmpty || ks.contains(where: { $0 <= 0 }) { return "K values must be positive" }
    return nil
  }
}
