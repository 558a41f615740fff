/// One zero-shot triplet by name, in reading order: `subject predicate object`
/// ("man riding horse").
///
/// Names are compared exactly as written; ``ZeroShotTriplets/derive(train:test:)`` takes them
/// from ground-truth labels, ``ZeroShotTriplets/names(objectClasses:predicates:objectIndexBase:predicateIndexBase:)``
/// from the dataset's class lists.
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
