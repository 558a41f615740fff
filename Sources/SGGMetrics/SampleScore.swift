import SGGCore

/// Everything measured on one ground-truth sample.
public struct SampleScore: Hashable, Sendable, Codable {
  public var id: String
  /// Line of the prediction in its file, when there was one.
  public var predictionLine: Int?
  /// Why the prediction was not scored as a graph (nil when it parsed).
  public var failure: FailureKind?
  public var objects: PrecisionRecall
  public var relations: PrecisionRecall
  /// `(obj_f1 + rel_f1) / 2`.
  public var sggScore: Double {
    (objects.f1 + relations.f1) / 2
  }
  /// Graph-constraint recall at ``MetricKey/ks``; nil when the protocol skips this sample.
  public var recall: [Double]?
  /// No-graph-constraint recall at ``MetricKey/ks``; nil when skipped.
  public var noGraphRecall: [Double]?

  public init(
    id: String, predictionLine: Int?, failure: FailureKind?, objects: PrecisionRecall,
    relations: PrecisionRecall, recall: [Double]?, noGraphRecall: [Double]?
  ) {
    self.id = id
    self.predictionLine = predictionLine
    self.failure = failure
    self.objects = objects
    self.relations = relations
    self.recall = recall
    self.noGraphRecall = noGraphRecall
  }
}

/// Per-predicate counts behind recall and mean recall (graph constraint).
public struct PredicateBreakdown: Hashable, Sendable, Codable {
  public var predicate: String
  /// GT relations with this predicate in recall-evaluated samples.
  public var groundTruth: Int
  /// Of those, how many were hit within the top K, for K in ``MetricKey/ks``.
  public var hits: [Int]
  /// Predicted relations with this predicate (parsed samples).
  public var predicted: Int
  /// Mean over images of the per-image recall of this predicate, for K in ``MetricKey/ks``
  /// (Kaihua's `mean_recall_collect`; 0 when the predicate never occurs).
  public var meanRecall: [Double]
}

/// Per-class object counts behind object precision and recall.
public struct ClassBreakdown: Hashable, Sendable, Codable {
  public var label: String
  public var groundTruth: Int
  public var truePositives: Int
  public var predicted: Int
}

/// The result of scoring a split under one protocol.
public struct EvaluationReport: Sendable {
  public var options: ScoringProtocol
  /// Ground-truth samples in the evaluated set.
  public var sampleCount: Int
  /// The failure-rate denominator: evaluated samples, plus unknown prediction ids when the
  /// protocol counts those as failures (R1-SGG).
  public var failureRateDenominator: Int
  /// Metric values by ``MetricKey`` (fractions in [0, 1]).
  public var metrics: [String: Double]
  /// Failed samples by kind.
  public var failures: [FailureKind: Int]
  /// Samples that entered the recall family (after the protocol's skip rules).
  public var recallSampleCount: Int
  /// Samples skipped by recall because the parsed prediction kept no relation.
  public var skippedWithoutPredictedRelations: Int
  /// Samples skipped by recall because their GT has no relation.
  public var skippedWithoutGroundTruthRelations: Int
  /// Missing predictions left out of every metric (``MissingPredictionRule/exclude``).
  public var excludedMissingPredictions: Int
  public var perPredicate: [PredicateBreakdown]
  public var perClass: [ClassBreakdown]
  public var samples: [SampleScore]
  /// Per-category AP50 by label (categories with GT only).
  public var perClassAP50: [String: Double]
  /// What soft matching asked, when it ran (the `soft_*` metrics are then in ``metrics``).
  public var soft: SoftMatchingReport?
  /// Seconds per evaluation stage (`encode`, `match`, `AP50`, …).
  public var timings: StageTimings
  /// What the open-vocabulary mapping did (nil when the protocol compares names as written).
  public var mapping: MappingStatistics? = nil
  /// Images that entered zero-shot recall (nil when no zero-shot list was given). With 0, the
  /// `zR@K` keys are absent: the anchor's mean over no image is NaN.
  public var zeroShotSampleCount: Int? = nil
}
