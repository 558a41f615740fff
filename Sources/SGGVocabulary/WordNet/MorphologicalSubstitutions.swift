/// nltk's `WordNetCorpusReader.MORPHOLOGICAL_SUBSTITUTIONS`: the detachment rules of WordNet's
/// morphy(7WN), as (suffix, replacement) pairs in nltk's order, which is the order of the
/// candidates `_morphy` returns.
enum MorphologicalSubstitutions {
  /// The rules for `partOfSpeech`; adverbs have none.
  static func rules(for partOfSpeech: PartOfSpeech) -> [(suffix: [UInt8], replacement: [UInt8])] {
    switch partOfSpeech {
    case .noun: return noun
    case .verb: return verb
    case .adjective: return adjective
    case .adverb: return []
    }
  }

  private static let noun = make([
    ("s", ""), ("ses", "s"), ("ves", "f"), ("xes", "x"), ("zes", "z"), ("ches", "ch"),
    ("shes", "sh"), ("men", "man"), ("ies", "y"),
  ])
  private static let verb = make([
    ("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"),
    ("ing", ""),
  ])
  private static let adjective = make([("er", ""), ("est", ""), ("er", "e"), ("est", "e")])

  private static func make(_ pairs: [(String, String)]) -> [(
    suffix: [UInt8], replacement: [UInt8]
  )] {
    pairs.map { (Array($0.0.utf8), Array($0.1.utf8)) }
  }
}
