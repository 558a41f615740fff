/// One zero-shot triplet by name, in reading order: `subject predicate object`
/// ("man riding horse").
///
/// Names are kept as written (`SGGDatasets`' `ZeroShotTriplets.derive` takes them from
/// ground-truth labels, `ZeroShotTriplets.names` from the dataset's class lists); zero-shot recall
/// compares them after ``LabelNormalizer/refine(_:)``, like every label.
public struct ZeroShotTriplet: Hashable, Sendable, Codable, CustomStringConvertible {
  public var subject: String
  public var predicate: String
  public var object: String

  public init(subject: String, predicate: String, object: String) {
    self.subject = subject
    self.predicate = predicate
    self.object = object
  }

  /// `(man, riding, horse)`.
  public var description: String { "(\(subject), \(predicate), \(object))" }
}
