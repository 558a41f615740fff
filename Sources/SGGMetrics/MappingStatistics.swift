import SGGVocabulary

/// What the open-vocabulary mapping did in a run: how many predicted objects and relations went
/// through each route, so a user sees how much of a score came through a mapping.
///
/// Objects: every object of every parsed prediction has one ``MappingPath``; `dropped` counts
/// those that ended without a class (a subset, across paths). Relations: `dropped_endpoint`
/// counts relations whose subject or object id names no surviving object (after a passive swap);
/// the others have the path of their predicate, and `dropped` counts those whose predicate ended
/// without a class. `passive` counts relations rewritten by `pass2act_list` (those later dropped
/// at an endpoint included: the rewrite comes first), `swapped` those of them whose subject and
/// object changed places.
public struct MappingStatistics: Hashable, Sendable {
  /// `open-vocab` (`r1sgg`, `aliases`).
  public var rule: String
  /// R1-SGG's branch (`vg150`, `psg`), nil for aliases.
  public var branch: String?
  public var objects: [MappingPath: Int] = [:]
  public var objectsDropped = 0
  public var relations: [MappingPath: Int] = [:]
  public var relationsDropped = 0
  public var relationsDroppedAtEndpoint = 0
  public var passive = 0
  public var swapped = 0
  /// Names whose mapping could not be computed (WordNet unreadable), each dropped.
  public var problems: [String] = []

  public init(rule: String, branch: String?) {
    self.rule = rule
    self.branch = branch
  }

  public var objectCount: Int { objects.values.reduce(0, +) }
  /// Relations that reached predicate mapping plus those dropped at an endpoint.
  public var relationCount: Int { relations.values.reduce(0, +) + relationsDroppedAtEndpoint }

  /// Objects that ended as a class by a route other than an exact name.
  public var mappedObjects: Int {
    objects.filter { $0.key != .exact && $0.key != .unmapped }.values.reduce(0, +)
  }

  mutating func add(_ other: MappingStatistics) {
    objects.merge(other.objects, uniquingKeysWith: +)
    relations.merge(other.relations, uniquingKeysWith: +)
    objectsDropped += other.objectsDropped
    relationsDropped += other.relationsDropped
    relationsDroppedAtEndpoint += other.relationsDroppedAtEndpoint
    passive += other.passive
    swapped += other.swapped
  }

  /// Stable keys for JSON and the store: paths, then the drop and swap counters.
  public var objectCounts: [(String, Int)] {
    MappingPath.allCases.map { ($0.rawValue, objects[$0] ?? 0) } + [("dropped", objectsDropped)]
  }

  public var relationCounts: [(String, Int)] {
    MappingPath.allCases.map { ($0.rawValue, relations[$0] ?? 0) } + [
      ("dropped", relationsDropped), ("dropped_endpoint", relationsDroppedAtEndpoint),
      ("passive", passive), ("swapped", swapped),
    ]
  }
}
