import SGGCore
import SGGVocabulary

/// Maps predicted object names and predicates to vocabulary classes under a protocol's
/// ``OpenVocabularyRule`` (open-vocabulary.md). Every result depends only on the name.
public enum OpenVocabularyMapper: Sendable {
  /// R1-SGG's gather step.
  case r1sgg(R1SGGNameMapper)
  /// A user alias table.
  case aliases(AliasMapping)

  /// The mapper a protocol asks for: R1-SGG's branch is chosen from the vocabulary when the
  /// protocol says `auto`; `synonyms` serves WordNet (loaded on first use). Nil for `none`, and
  /// for `aliases` without a table.
  public static func forProtocol(
    _ options: ScoringProtocol, vocabulary: Vocabulary?, aliases: AliasMapping? = nil,
    synonyms: @autoclosure () -> any SynsetLemmaSource
  ) -> OpenVocabularyMapper? {
    switch options.openVocabulary {
    case .none: return nil
    case .aliases: return aliases.map { .aliases($0) }
    case .r1sgg:
      let branch = resolvedBranch(options.openVocabularyTables, vocabulary: vocabulary)
      let objects = vocabulary?.objects.isEmpty == false ? vocabulary?.objects : nil
      let predicates = vocabulary?.predicates.isEmpty == false ? vocabulary?.predicates : nil
      return .r1sgg(
        R1SGGNameMapper(
          branch: branch, objectClasses: objects.map { $0.map(LabelNormalizer.refine) },
          predicateClasses: predicates.map { $0.map(LabelNormalizer.refine) },
          synonyms: synonyms()))
    }
  }

  /// `auto`: PSG when the vocabulary's objects are PSG's classes, VG150 otherwise.
  public static func resolvedBranch(_ tables: OpenVocabularyTables, vocabulary: Vocabulary?)
    -> OpenVocabularyBranch
  {
    switch tables {
    case .vg150: return .vg150
    case .psg: return .psg
    case .auto:
      guard let objects = vocabulary?.objects, !objects.isEmpty else { return .vg150 }
      let psg = Set(R1SGGTables.psg.objectClasses)
      return Set(objects.map(LabelNormalizer.refine)) == psg ? .psg : .vg150
    }
  }

  /// The R1-SGG branch, when this is R1-SGG's mapping.
  public var branch: OpenVocabularyBranch? {
    if case .r1sgg(let m) = self { return m.tables.branch }
    return nil
  }

  public func object(_ name: String) throws -> NameMapping {
    switch self {
    case .r1sgg(let m): return try m.object(name)
    case .aliases(let a): return a.object(name)
    }
  }

  public func predicate(_ name: String) throws -> PredicateMapping {
    switch self {
    case .r1sgg(let m): return try m.predicate(name)
    case .aliases(let a): return a.predicate(name)
    }
  }
}
