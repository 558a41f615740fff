/// The route by which a predicted name reached (or failed to reach) a dataset class under
/// R1-SGG's open-vocabulary mapping (open-vocabulary.md, "Order of operations").
public enum MappingPath: String, Hashable, Sendable, Codable, CaseIterable {
  /// Already a class as written.
  case exact
  /// A class only after R1-SGG's clean-up of the written text (case, `_`, `-`, outer spaces).
  case cleaned
  /// Through a static table (`obj2vg_list`, `obj2psg_list`, `rel2vg_list`).
  case table
  /// WordNet: a lemma of a sense of the whole name (first sense, first lemma in the target set).
  case wordnetWord = "wordnet_word"
  /// WordNet's phrase rule: the first word of a multi-word name that is, or has a sense lemma
  /// that is, a target.
  case wordnetPhrase = "wordnet_phrase"
  /// A user alias table (`open-vocab=aliases`).
  case alias
  /// No route. R1-SGG drops the name (an object with every relation that touches it); an
  /// alias table keeps it as written.
  case unmapped
}

/// How one object name maps.
public struct NameMapping: Hashable, Sendable {
  /// The class the name becomes, or nil when it is dropped.
  public var target: String?
  /// The last step that decided (`table` with a nil target: a table entry whose target is not
  /// a class, which drops the name and stops WordNet from trying).
  public var path: MappingPath

  public init(target: String?, path: MappingPath) {
    self.target = target
    self.path = path
  }
}

/// How one predicate maps.
public struct PredicateMapping: Hashable, Sendable {
  /// The predicate after the whole chain, or nil when the relation is dropped.
  public var target: String?
  public var path: MappingPath
  /// The `pass2act_list` entry applied first, if any (it may swap subject and object).
  public var passive: PassiveRewrite?

  public init(target: String?, path: MappingPath, passive: PassiveRewrite? = nil) {
    self.target = target
    self.path = path
    self.passive = passive
  }

  /// Subject and object change places.
  public var swapsEndpoints: Bool { passive?.swapsEndpoints ?? false }
}
