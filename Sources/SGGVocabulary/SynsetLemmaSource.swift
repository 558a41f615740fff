/// Where R1-SGG's synonym search gets its senses: for a word, the lemma names of each synset in
/// nltk's `wn.synsets(word)` order. ``LazyWordNet`` serves it from WordNet 3.0; tests may serve a
/// fixed table.
public protocol SynsetLemmaSource: Sendable {
  /// `[s.lemma_names() for s in wn.synsets(word)]`.
  func lemmaNamesOfSynsets(_ word: String) throws -> [[String]]
}
