/// A WordNet part of speech, as nltk's `wn.NOUN`, `wn.VERB`, `wn.ADJ` and `wn.ADV`.
///
/// The declaration order is nltk's `POS_LIST` (noun, verb, adjective, adverb): ``WordNet``
/// searches the parts of speech in `allCases` order, as `wn.synsets(word)` and `wn.morphy(form)`
/// do. Adjective satellites (nltk's `s`) are adjectives here; ``Synset/isAdjectiveSatellite``
/// tells them apart.
public enum PartOfSpeech: String, CaseIterable, Hashable, Sendable {
  case noun = "n"
  case verb = "v"
  case adjective = "a"
  case adverb = "r"

  /// The database file suffix: `index.noun`, `data.noun`, `noun.exc`.
  var fileSuffix: String {
    switch self {
    case .noun: return "noun"
    case .verb: return "verb"
    case .adjective: return "adj"
    case .adverb: return "adv"
    }
  }

  /// Position in `allCases`, for per-part-of-speech arrays.
  var index: Int {
    switch self {
    case .noun: return 0
    case .verb: return 1
    case .adjective: return 2
    case .adverb: return 3
    }
  }

  /// The part of speech an index line names in its second field (`n`, `v`, `a`, `r`).
  init?(indexByte: UInt8) {
    switch indexByte {
    case UInt8(ascii: "n"): self = .noun
    case UInt8(ascii: "v"): self = .verb
    case UInt8(ascii: "a"): self = .adjective
    case UInt8(ascii: "r"): self = .adverb
    default: return nil
    }
  }
}
