/// Per-object-class counts of one run (one row of `class_breakdown`).
public struct ClassBreakdownRecord: Hashable, Sendable {
  public var label: String
  /// Ground-truth objects of this class.
  public var gtCount: Int
  /// Predicted objects of this class matched to a ground-truth object.
  public var tp: Int
  /// Predicted objects of this class.
  public var predCount: Int

  public init(label: String, gtCount: Int, tp: Int, predCount: Int) {
    self.label = label
    self.gtCount = gtCount
    self.tp = tp
    self.predCount = predCount
  }
}
