import SGGCore

/// The scores of one sample in one run (one row of `sample_results`).
///
/// Bootstrap confidence intervals resample these rows, so every number round-trips exactly
/// (SQLite REAL is an IEEE-754 double). A non-finite rate (for example recall of a sample with no
/// ground-truth relation, where a protocol leaves it undefined) is stored as SQL NULL and read
/// back as `.nan`.
public struct SampleResultRecord: Hashable, Sendable {
  /// The ground-truth sample id.
  public var sampleID: String
  /// 1-based line of the sample's prediction in the predictions file; nil when it had none.
  public var line: Int?
  /// Why the prediction could not be scored as a graph; nil when it parsed.
  public var failure: FailureKind?
  /// Matched predicted objects.
  public var objTP: Int
  /// Predicted objects.
  public var objPred: Int
  /// Ground-truth objects.
  public var objGT: Int
  /// Matched predicted relations (triplets).
  public var relTP: Int
  /// Predicted relations.
  public var relPred: Int
  /// Ground-truth relations.
  public var relGT: Int
  public var objP: Double
  public var objR: Double
  public var objF1: Double
  public var relP: Double
  public var relR: Double
  public var relF1: Double
  /// The protocol's combined per-sample score.
  public var sggScore: Double
  /// Triplet recall at K = 20, 50, 100.
  public var recallAt20: Double
  public var recallAt50: Double
  public var recallAt100: Double
  /// Anything else, as JSON text (nil when there is nothing).
  public var extraJSON: String?

  public init(
    sampleID: String, line: Int? = nil, failure: FailureKind? = nil, objTP: Int = 0,
    objPred: Int = 0, objGT: Int = 0, relTP: Int = 0, relPred: Int = 0, relGT: Int = 0,
    objP: Double = 0, objR: Double = 0, objF1: Double = 0, relP: Double = 0, relR: Double = 0,
    relF1: Double = 0, sggScore: Double = 0, recallAt20: Double = 0, recallAt50: Double = 0,
    recallAt100: Double = 0, extraJSON: String? = nil
  ) {
    self.sampleID = sampleID
    self.line = line
    self.failure = failure
    self.objTP = objTP
    self.objPred = objPred
    self.objGT = objGT
    self.relTP = relTP
    self.relPred = relPred
    self.relGT = relGT
    self.objP = objP
    self.objR = objR
    self.objF1 = objF1
    self.relP = relP
    self.relR = relR
    self.relF1 = relF1
    self.sggScore = sggScore
    self.recallAt20 = recallAt20
    self.recallAt50 = recallAt50
    self.recallAt100 = recallAt100
    self.extraJSON = extraJSON
  }
}
