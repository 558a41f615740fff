import Foundation

@testable import SGGVocabulary

/// The words the nltk comparison looks up, built from the vocabulary tables and from the
/// database files themselves (read here with plain string splitting, not the reader's code).
enum OracleWords {
  /// Every string in the embedded tables: class names, predicates, `source` and `target`.
  static func tablePhrases() throws -> [String] {
    var phrases: [String] = []
    for name in SGGVocabularyModule.tableFiles.keys.sorted() {
      let bytes = SGGVocabularyModule.tableFiles[name] ?? []
      let json = try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any]
      for entry in json?["entries"] as? [[String: Any]] ?? [] {
        for key in ["objects", "predicates"] {
          phrases += entry[key] as? [String] ?? []
        }
        for key in ["source", "target"] {
          if let text = entry[key] as? String { phrases.append(text) }
        }
      }
    }
    return phrases
  }

  /// The single words of `phrases`, split on single spaces as R1-SGG does (so a double space
  /// gives an empty word) and on any whitespace.
  static func phraseWords(_ phrases: [String]) -> [String] {
    phrases.flatMap { phrase in
      phrase.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        + phrase.split(whereSeparator: \.isWhitespace).map(String.init)
    }
  }

  /// Every `step`-th lemma of each index file (lemma lines only), in file order.
  static func sampledLemmas(directory: String, step: Int, start: Int) throws -> [String: [String]] {
    var result: [String: [String]] = [:]
    for suffix in ["noun", "verb", "adj", "adv"] {
      let text = try String(contentsOfFile: "\(directory)/index.\(suffix)", encoding: .utf8)
      let lemmas = text.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map {
        String($0.prefix { $0 != " " })
      }
      result[suffix] = stride(from: start, to: lemmas.count, by: step).map { lemmas[$0] }
    }
    return result
  }

  /// Regular inflections of `lemma` for its part of speech (right or wrong, morphy decides).
  static func inflections(_ lemma: String, suffix: String) -> [String] {
    let stem = lemma.hasSuffix("e") ? String(lemma.dropLast()) : lemma
    let yStem = lemma.hasSuffix("y") ? String(lemma.dropLast()) + "i" : lemma
    switch suffix {
    case "noun":
      return [
        lemma + "s", lemma + "es", yStem + "es", lemma.replacingOccurrences(of: "man", with: "men"),
      ]
    case "verb":
      return [lemma + "s", yStem + "es", stem + "ing", lemma + "ing", stem + "ed", lemma + "ed"]
    case "adj":
      return [lemma + "er", stem + "est", yStem + "er", lemma + "est"]
    default:
      return [lemma + "er", lemma + "s"]
    }
  }

  /// Every `step`-th line of each exception list: the inflected form and its base forms.
  static func exceptionForms(directory: String, step: Int) throws -> [String] {
    var forms: [String] = []
    for suffix in ["noun", "verb", "adj", "adv"] {
      let text = try String(contentsOfFile: "\(directory)/\(suffix).exc", encoding: .utf8)
      let lines = text.split(separator: "\n")
      for index in stride(from: 0, to: lines.count, by: suffix == "adv" ? 1 : step) {
        forms += lines[index].split(separator: " ").map(String.init)
      }
    }
    return forms
  }

  /// Hand-picked corners: digits, hyphens, apostrophes, periods, slashes, underscores, affix-only
  /// strings, the empty string, case and non-ASCII text (nothing non-ASCII is in WordNet 3.0,
  /// but U+212A KELVIN SIGN lowercases to ASCII "k").
  static let corners = [
    "", " ", "s", "es", "ies", "ses", "men", "ing", "ed", "er", "est", "man", "y", "e",
    "3-D", "3-d", "10", "1st", ".22", ".22-caliber", "20/20", "4-H", "9/11", "1000", "007",
    "o'clock", "jack-o'-lantern", "rock'n'roll", "'hood", "ma'am", "o'er", "e'er",
    "a.m.", "p.m.", "u.s.", "U.S.", "st.", "mr.", "Mr.", "dr.", "e.g.", "i.e.", "etc.", "...",
    "traffic light", "traffic_light", "Traffic_Light", "hot dog", "hot_dog", "hot-dog",
    "t-shirt", "T-shirt", "tshirt", "t_shirt", "x-ray", "X-rays", "x-rays", "e-mail", "emails",
    "Dogs", "GEESE", "Geese", "Went", "WENT", "Paris", "PARIS", "paris", "Mice", "mice",
    "aardwolves", "abaci", "churches", "hardrock", "book", "oxen", "Oxen", "feet", "teeth",
    "children", "women", "Women", "better", "best", "worse", "worst", "went", "gone", "saw",
    "seen", "was", "were", "been", "is", "are", "am", "has", "had", "did", "does", "done",
    "dies", "dying", "lying", "lay", "lain", "leaves", "leaf", "knives", "wolves", "selves",
    "axes", "bases", "crises", "analyses", "data", "media", "criteria", "phenomena", "cacti",
    "fungi", "alumni", "octopi", "buses", "busses", "gases", "quizzes", "boxes", "foxes",
    "wishes", "matches", "fezzes", "hoping", "hopping", "stopped", "stoped", "bigger",
    "biggest", "happier", "happiest", "nicer", "nicest", "redder", "drier", "dryer",
    "\u{212A}ing", "\u{212A}", "K\u{212A}", "caf\u{E9}", "cafe\u{301}", "na\u{EF}ve", "Stra\u{DF}e",
    "\u{130}stanbul", "\u{130}", "\u{39F}\u{394}\u{39F}\u{3A3}", "\u{65E5}\u{672C}", "\u{37E}",
    "\u{C5}ngstr\u{F6}m", "\u{212B}ngstr\u{F6}m", "r\u{E9}sum\u{E9}", "\u{1F600}", "pi\u{F1}ata",
    "dog\u{A0}house", "dog\thouse", "dog\nhouse", "  dog", "dog  ", "DOG", "dOg",
  ]

  /// The whole list, without duplicates, in a fixed order.
  static func all(directory: String) throws -> [String] {
    let phrases = try tablePhrases()
    var words = phrases + phraseWords(phrases) + corners
    let sampled = try sampledLemmas(directory: directory, step: 20, start: 0)
    let toInflect = try sampledLemmas(directory: directory, step: 20, start: 10)
    for suffix in ["noun", "verb", "adj", "adv"] {
      for (index, lemma) in (sampled[suffix] ?? []).enumerated() {
        words.append(lemma)
        if lemma.contains("_") { words.append(lemma.replacingOccurrences(of: "_", with: " ")) }
        if index % 3 == 0 { words.append(lemma.capitalized) }
        if index % 7 == 0 { words.append(lemma.uppercased()) }
      }
      for lemma in toInflect[suffix] ?? [] { words += inflections(lemma, suffix: suffix) }
    }
    let exceptions = try exceptionForms(directory: directory, step: 4)
    words += exceptions
    words += exceptions.enumerated().filter { $0.offset % 5 == 0 }.map { $0.element.capitalized }
    var seen = Set<[UInt8]>()
    // Byte-wise de-duplication: canonically equivalent spellings are different words for nltk.
    return words.filter { seen.insert(Array($0.utf8)).inserted }
  }
}
