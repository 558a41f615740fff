/// R1-SGG's open-vocabulary mapping of object categories and predicates
/// (`src/sgg_gather_preds.py` at e4de64d; open-vocabulary.md), as a pure function of each name.
///
/// The anchor caches results per name within a run; every result depends only on the name, so
/// callers may resolve each distinct name once, in any order, on any thread.
///
/// Objects (the category is `id.split('.')[0]` of the cleaned WHOLE id, untrimmed):
/// 1. in the lookup set → kept as is (VG150: the classes; PSG: the predicates, by the anchor's
///    bug — then kept only if it is also a class);
/// 2. else the static table, if it has the name (its target must be a class, or the object is
///    dropped; WordNet is not tried);
/// 3. else WordNet (``SynonymFinder``) against the lookup set;
/// 4. kept iff the result is a class.
///
/// Predicates:
/// 1. not a target and in `pass2act_list` → rewritten once, endpoints swapped when flagged
///    (the caller checks the endpoints after the swap);
/// 2. still not a target: the static table if it has the name (blocking WordNet), else WordNet
///    against the targets;
/// 3. kept iff the result is a target.
public struct R1SGGNameMapper: Sendable {
  public let tables: R1SGGTables
  /// Names an object category is looked up against (see the PSG note above).
  let objectLookup: Set<String>
  /// Classes an object must end as.
  let objectClasses: Set<String>
  let predicateTargets: Set<String>
  let finder: SynonymFinder

  /// A mapper for `branch`; the class lists default to R1-SGG's own (``R1SGGTables``).
  public init(
    branch: OpenVocabularyBranch, objectClasses: [String]? = nil,
    predicateClasses: [String]? = nil, synonyms: any SynsetLemmaSource
  ) {
    tables = R1SGGTables.tables(for: branch)
    let objects = Set(objectClasses ?? tables.objectClasses)
    let predicates = Set(
      (predicateClasses ?? tables.predicateClasses).filter { $0 != "__background__" })
    self.objectClasses = objects
    predicateTargets = predicates
    objectLookup = branch == .psg ? predicates : objects
    finder = SynonymFinder(source: synonyms)
  }

  /// Where the object category `category` goes.
  public func object(_ category: String) throws -> NameMapping {
    if objectLookup.contains(category) {
      return NameMapping(target: objectClasses.contains(category) ? category : nil, path: .exact)
    }
    if let target = tables.objects[category] {
      return NameMapping(target: objectClasses.contains(target) ? target : nil, path: .table)
    }
    if let (target, path) = try finder.find(category, in: objectLookup) {
      return NameMapping(target: objectClasses.contains(target) ? target : nil, path: path)
    }
    // Nothing found: the name stays, and survives if it is a class (PSG classes that are not
    // predicates take this way).
    return NameMapping(
      target: objectClasses.contains(category) ? category : nil,
      path: objectClasses.contains(category) ? .exact : .unmapped)
  }

  /// Where the predicate `predicate` goes.
  public func predicate(_ predicate: String) throws -> PredicateMapping {
    var name = predicate
    var passive: PassiveRewrite?
    if !predicateTargets.contains(name), let rewrite = tables.passive[name] {
      passive = rewrite
      name = rewrite.target
    }
    if predicateTargets.contains(name) {
      return PredicateMapping(target: name, path: .exact, passive: passive)
    }
    if let target = tables.predicates[name] {
      return PredicateMapping(
        target: predicateTargets.contains(target) ? target : nil, path: .table, passive: passive)
    }
    if let (target, path) = try finder.find(name, in: predicateTargets) {
      return PredicateMapping(target: target, path: path, passive: passive)
    }
    return PredicateMapping(target: nil, path: .unmapped, passive: passive)
  }
}
