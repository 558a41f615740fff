/// Base forms: nltk's `_morphy` and `morphy`.
extension WordNet {
  /// nltk's `wn._morphy(form, pos)`: the base forms of `form` that have an index line for
  /// `partOfSpeech`, without duplicates, in this order: `form` itself, then either the forms its
  /// exception list entry gives (`geese` → `goose`, `went` → `go`) or, when it has none, the
  /// results of each detachment rule that fits (``MorphologicalSubstitutions``, applied once).
  ///
  /// `form` is used as given: index lemmas are lower case, so `"Geese"` finds nothing.
  public func morphy(_ form: String, partOfSpeech: PartOfSpeech) -> [String] {
    baseFormIDs(Array(form.utf8), partOfSpeech).map { lemmas.lemma($0) }
  }

  /// nltk's `wn.morphy(form)`: the first base form of the first part of speech (in
  /// ``PartOfSpeech`` order) that has any, or nil.
  public func morphy(_ form: String) -> String? {
    let bytes = Array(form.utf8)
    for pos in PartOfSpeech.allCases {
      if let first = baseFormIDs(bytes, pos).first { return lemmas.lemma(first) }
    }
    return nil
  }

  /// `_morphy` on UTF-8 bytes, giving lemma ids.
  func baseFormIDs(_ form: [UInt8], _ pos: PartOfSpeech) -> [Int] {
    var result: [Int] = []
    func consider(_ candidate: some Collection<UInt8>) {
      if let id = lemmas.id(of: candidate), lemmas.has(id, pos), !result.contains(id) {
        result.append(id)
      }
    }
    consider(form)
    if let listed = exceptions[pos.index].baseForms(of: form) {
      for candidate in listed { consider(candidate) }
    } else {
      // Suffixes and replacements are ASCII, so byte suffixes are code point suffixes.
      for (suffix, replacement) in MorphologicalSubstitutions.rules(for: pos)
      where form.count >= suffix.count && form.suffix(suffix.count).elementsEqual(suffix) {
        consider(form.dropLast(suffix.count) + replacement)
      }
    }
    return result
  }
}
