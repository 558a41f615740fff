/// Per-predicate counts of one run (one row of `predicate_breakdown`), from which per-predicate
/// recall and mean recall are computed: recall@K = `hitsAtK / gtCount`.
public struct PredicateBreakdownRecord: Hashable, Sendable {
  public var predicate: String
  /// Ground-truth relations with this predicate.
  public var gtCount: Int
  /// Ground-truth relations with this predicate matched within the top 20 / 50 / 100 predictions.
  public var hitsAt20: Int
  public var hitsAt50: Int
  public var hitsAt100: Int
  /// Predicted relations with this predicate.
  public var predCount: Int

  public init(
    predicate: String, gtCount: Int, hitsAt20: Int, hitsAt50: Int, hitsAt100: Int, predCount: Int
  ) {
    self.predicate = predicate
    self.gtCount = gtCount
    self.hitsAt20 = hitsAt20
    self.hitsAt50 = hitsAt50
    self.hitsAt100 = hitsAt100
    self.predCount = predCount
  }
}
