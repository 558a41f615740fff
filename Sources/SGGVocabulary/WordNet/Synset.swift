/// One WordNet synset as nltk's `Synset` reports it: where it lives and its lemma names.
///
/// Two values are equal when they come from the same data file line.
public struct Synset: Hashable, Sendable {
  /// The part of speech it was looked up under, which is also its data file (`data.adj` for
  /// adjective satellites).
  public let partOfSpeech: PartOfSpeech
  /// The byte offset of its line in the data file (nltk's `Synset.offset()`).
  public let offset: Int
  /// True when the data line's synset type is `s` (nltk's `Synset.pos()` is then `"s"`, not
  /// `"a"`).
  public let isAdjectiveSatellite: Bool
  /// nltk's `Synset.lemma_names()`: the data line's words in order, case preserved, underscores
  /// kept, a trailing adjective marker such as `(a)`, `(p)` or `(ip)` removed.
  public let lemmaNames: [String]

  /// A synset with the given fields (``WordNet/synsets(_:)`` makes them from the data files).
  public init(
    partOfSpeech: PartOfSpeech, offset: Int, isAdjectiveSatellite: Bool = false,
    lemmaNames: [String]
  ) {
    self.partOfSpeech = partOfSpeech
    self.offset = offset
    self.isAdjectiveSatellite = isAdjectiveSatellite
    self.lemmaNames = lemmaNames
  }

  /// nltk's `Synset.pos()`: `n`, `v`, `a`, `s` (adjective satellite) or `r`.
  public var nltkPartOfSpeech: String {
    isAdjectiveSatellite ? "s" : partOfSpeech.rawValue
  }
}
