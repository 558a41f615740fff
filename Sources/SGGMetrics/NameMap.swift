import SGGCore
import SGGVocabulary

/// The open-vocabulary mapping of every distinct predicted name of a run, resolved once before
/// encoding (each result depends only on the name, so the order and threads do not matter).
public struct NameMap: Sendable {
  public var objects: [String: NameMapping] = [:]
  public var predicates: [String: PredicateMapping] = [:]
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
    let objectList = objectNames.sorted()
    let predicateList = predicateNames.sorted()
    let objectResults = concurrentMap(count: objectList.count, chunk: 16) { i in
      Result { try mapper.object(objectList[i]) }
    }
    let predicateResults = concurrentMap(count: predicateList.count, chunk: 16) { i in
      Result { try mapper.predicate(predicateList[i]) }
    }
    for (name, result) in zip(objectList, objectResults) {
      switch result {
      case .success(let m): objects[name] = m
      case .failure(let e):
        objects[name] = NameMapping(target: nil, path: .unmapped)
        statistics.problems.append("object '\(name)': \(e)")
      }
    }
    for (name, result) in zip(predicateList, predicateResults) {
      switch result {
      case .success(let m): predicates[name] = m
      case .failure(let e):
        predicates[name] = PredicateMapping(target: nil, path: .unmapped)
        statistics.problems.append("predicate '\(name)': \(e)")
      }
    }
  }
}
