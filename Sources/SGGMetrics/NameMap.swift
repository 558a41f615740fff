import SGGCore
import SGGVocabulary

/// The open-vocabulary mapping of every distinct predicted name of a run, resolved once before
/// encoding (each result depends only on the name, so the order and threads do not matter).
public struct NameMap: Sendable {
  public var objects: [String: NameMapping]
  public var predicates: [String: PredicateMapping]
  /// Empty statistics naming the rule and branch; the encoder fills the counts.
  public var statistics: MappingStatistics

  /// Resolves the names of `graphs` with `mapper`, on all cores. A name whose lookup throws
  /// (WordNet unreadable) is dropped and listed in ``MappingStatistics/problems``.
  public init(mapper: OpenVocabularyMapper, rule: OpenVocabularyRule, graphs: [PredictedGraph]) {
    statistics = MappingStatistics(rule: rule.rawValue, branch: mapper.branch?.rawValue)
    var objectNames = Set<String>()
    var predicateNames = Set<String>()
    for graph in graphs {
      for o in graph.objects { objectNames.insert(o.label) }
      for r in graph.relations { predicateNames.insert(r.predicate) }
    }
    objects = Self.resolve(
      objectNames, kind: "object", problems: &statistics.problems, map: mapper.object,
      dropped: NameMapping(target: nil, path: .unmapped))
    predicates = Self.resolve(
      predicateNames, kind: "predicate", problems: &statistics.problems, map: mapper.predicate,
      dropped: PredicateMapping(target: nil, path: .unmapped))
  }

  /// `map` of every name, concurrently; a name whose lookup throws gets `dropped` and a line in
  /// `problems` (names sorted, so the list does not depend on thread timing).
  private static func resolve<Mapping: Sendable>(
    _ names: Set<String>, kind: String, problems: inout [String],
    map: (String) throws -> Mapping, dropped: Mapping
  ) -> [String: Mapping] {
    let list = names.sorted()
    let results = concurrentMap(count: list.count, chunk: 16) { i in Result { try map(list[i]) } }
    var out: [String: Mapping] = [:]
    out.reserveCapacity(list.count)
    for (name, result) in zip(list, results) {
      switch result {
      case .success(let m): out[name] = m
      case .failure(let e):
        out[name] = dropped
        problems.append("\(kind) '\(name)': \(e)")
      }
    }
    return out
  }
}
