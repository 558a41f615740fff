import SGGCore
import SGGVocabulary

/// `open-vocab=aliases`: a name that shares a group of the user's alias file with a vocabulary
/// class becomes that class (the first class of the first such group, in file order); other
/// names stay as written (``ScoringProtocol/restrictToVocabulary`` decides whether they count).
///
/// The file is the one the judge reads (`--aliases`, docs/judge.md): groups of interchangeable
/// labels, refined.
public struct AliasMapping: Hashable, Sendable {
  let objectTargets: [String: String]
  let predicateTargets: [String: String]
  let objectClasses: Set<String>
  let predicateClasses: Set<String>

  /// Groups as read from the alias file; classes from the run's vocabulary.
  public init(
    objectGroups: [[String]], predicateGroups: [[String]], vocabulary: Vocabulary
  ) {
    objectClasses = Set(vocabulary.objects.map(LabelNormalizer.refine))
    predicateClasses = Set(vocabulary.predicates.map(LabelNormalizer.refine))
    objectTargets = Self.targets(objectGroups, classes: objectClasses)
    predicateTargets = Self.targets(predicateGroups, classes: predicateClasses)
  }

  private static func targets(_ groups: [[String]], classes: Set<String>) -> [String: String] {
    var out: [String: String] = [:]
    for group in groups {
      let refined = group.map(LabelNormalizer.refine)
      guard let target = refined.first(where: classes.contains) else { continue }
      for name in refined where out[name] == nil && !classes.contains(name) { out[name] = target }
    }
    return out
  }

  func object(_ name: String) -> NameMapping {
    let (target, path) = Self.route(name, classes: objectClasses, targets: objectTargets)
    return NameMapping(target: target, path: path)
  }

  func predicate(_ name: String) -> PredicateMapping {
    let (target, path) = Self.route(name, classes: predicateClasses, targets: predicateTargets)
    return PredicateMapping(target: target, path: path)
  }

  /// A class stays, an alias becomes its group's class, anything else stays as written.
  private static func route(_ name: String, classes: Set<String>, targets: [String: String])
    -> (String, MappingPath)
  {
    let refined = LabelNormalizer.refine(name)
    if classes.contains(refined) { return (refined, .exact) }
    if let t = targets[refined] { return (t, .alias) }
    return (refined, .unmapped)
  }
}
