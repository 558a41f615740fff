/// R1-SGG's `find_synonym_map([item], targets)` for one item (`src/utils/wordnet.py`):
///
/// 1. the item itself is a target → it;
/// 2. else the senses of the whole item in order, and in each its lemma names in order: the
///    first that is a target;
/// 3. else, for an item of more than one word (Python `split()`), word by word: the word itself
///    if it is a target, else the first target lemma of its senses; the first word that yields
///    one wins.
///
/// WordNet has no sense for a string with a space, so step 2 never matches a phrase, and a
/// phrase lands on whichever of its words maps first ("little girl" → short).
struct SynonymFinder {
  var source: any SynsetLemmaSource

  /// The target the item maps to and which step found it, or nil.
  func find(_ item: String, in targets: Set<String>) throws -> (target: String, path: MappingPath)?
  {
    if targets.contains(item) { return (item, .exact) }
    if let lemma = try firstLemma(of: item, in: targets) { return (lemma, .wordnetWord) }
    let words = PythonSplit.words(item)
    guard words.count > 1 else { return nil }
    for word in words {
      let w = String(word)
      if targets.contains(w) { return (w, .wordnetPhrase) }
      if let lemma = try firstLemma(of: w, in: targets) { return (lemma, .wordnetPhrase) }
    }
    return nil
  }

  private func firstLemma(of word: String, in targets: Set<String>) throws -> String? {
    for lemmas in try source.lemmaNamesOfSynsets(word) {
      if let hit = lemmas.first(where: targets.contains) { return hit }
    }
    return nil
  }
}
