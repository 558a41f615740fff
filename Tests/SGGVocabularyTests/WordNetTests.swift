import Foundation
import Testing

@testable import SGGVocabulary

/// Lookups worked out by hand from Debian's files (the lines are quoted in each test).
@Suite(.enabled(if: DebianWordNet.isInstalled, DebianWordNet.skipReason))
struct WordNetTests {
  // index.noun: `hands n 2 4 @ ~ %m %p 2 2 00818678 08212347`; the noun form "hands" comes
  // first (the original form precedes the rule results), and data.noun at 00818678 is
  // `00818678 04 n 02 hands 0 custody 2 ...`.
  @Test func handsStartsWithItsOwnNounLine() throws {
    let wordNet = try DebianWordNet.open()
    let synsets = wordNet.synsets("hands")
    #expect(synsets.first?.lemmaNames == ["hands", "custody"])
    #expect(synsets.first?.offset == 818_678)
    #expect(synsets.first?.partOfSpeech == .noun)
    #expect(wordNet.morphy("hands", partOfSpeech: .noun) == ["hands", "hand"])
    #expect(wordNet.morphy("hands", partOfSpeech: .verb) == ["hand"])
  }

  // noun.exc: `geese goose`; verb.exc: `went go` ("went" has no noun line, so the public
  // morphy falls through to the verb).
  @Test func exceptionListsGiveIrregularBaseForms() throws {
    let wordNet = try DebianWordNet.open()
    #expect(wordNet.morphy("geese", partOfSpeech: .noun) == ["goose"])
    #expect(wordNet.morphy("went", partOfSpeech: .verb) == ["go"])
    #expect(wordNet.morphy("went", partOfSpeech: .noun) == [])
    #expect(wordNet.morphy("went") == "go")
    // adj.exc: `better good well`; "better" has its own adjective line, so it comes first.
    #expect(wordNet.morphy("better", partOfSpeech: .adjective) == ["better", "good", "well"])
    // adv.exc: `better well`.
    #expect(wordNet.morphy("better", partOfSpeech: .adverb) == ["better", "well"])
  }

  // noun.exc: `axes ax axis` (the exception replaces the rules); index.verb has `ax` and `axe`,
  // both `2 ... 01257971 00354317`, reached by the verb rules "s"→"" (axe) and "es"→"" (ax).
  // nltk keeps both, so each verb synset is listed twice: 1 + 6 + 2 + 2 = 11.
  @Test func sharedSynsetsAreListedOncePerBaseForm() throws {
    let wordNet = try DebianWordNet.open()
    #expect(wordNet.morphy("axes", partOfSpeech: .noun) == ["ax", "axis"])
    #expect(wordNet.morphy("axes", partOfSpeech: .verb) == ["axe", "ax"])
    let synsets = wordNet.synsets("axes")
    #expect(synsets.count == 11)
    let verbOffsets = synsets.filter { $0.partOfSpeech == .verb }.map(\.offset)
    #expect(verbOffsets == [1_257_971, 354_317, 1_257_971, 354_317])
  }

  // index.adj: `ablaze a 4 1 & 4 1 01726022 00475308 00402731 00270496`; data.adj at 00475308:
  // `00475308 00 s 06 ablaze(p) 0 afire(p) 0 aflame(p) 0 aflare(p) 0 alight(p) 0 on_fire(p) 0`.
  @Test func adjectiveMarkersAreStripped() throws {
    let synsets = try DebianWordNet.open().synsets("ablaze")
    #expect(synsets.map(\.offset) == [1_726_022, 475_308, 402_731, 270_496])
    #expect(synsets[1].lemmaNames == ["ablaze", "afire", "aflame", "aflare", "alight", "on_fire"])
    #expect(synsets.allSatisfy { $0.partOfSpeech == .adjective && $0.isAdjectiveSatellite })
    #expect(synsets[1].nltkPartOfSpeech == "s")
  }

  @Test func synsetsLowercasesButMorphyDoesNot() throws {
    let wordNet = try DebianWordNet.open()
    #expect(wordNet.synsets("Dogs") == wordNet.synsets("dogs"))
    #expect(!wordNet.synsets("Dogs").isEmpty)
    #expect(wordNet.morphy("Dogs") == nil)
    #expect(wordNet.morphy("dogs") == "dog")
    // Case is kept in lemma names: data.noun 02084071 lists `Canis_familiaris`.
    #expect(
      wordNet.synsets("dog").first?.lemmaNames == ["dog", "domestic_dog", "Canis_familiaris"])
    // U+212A KELVIN SIGN lowercases to ASCII "k" in Python and in Swift.
    #expect(wordNet.synsets("\u{212A}ing") == wordNet.synsets("king"))
  }

  @Test func phrasesWithSpacesFindNothing() throws {
    let wordNet = try DebianWordNet.open()
    #expect(wordNet.synsets("traffic light").isEmpty)
    #expect(wordNet.morphy("traffic light") == nil)
    #expect(
      wordNet.synsets("traffic_light").first?.lemmaNames == [
        "traffic_light", "traffic_signal", "stoplight",
      ])
  }

  // Rules are applied once: "churches" → "church" (ches→ch), but nothing undoes two suffixes.
  @Test func rulesApplyOnce() throws {
    let wordNet = try DebianWordNet.open()
    #expect(wordNet.morphy("churches", partOfSpeech: .noun) == ["church"])
    #expect(wordNet.morphy("dogses", partOfSpeech: .noun) == [])
    #expect(wordNet.morphy("book", partOfSpeech: .adjective) == [])
    #expect(wordNet.morphy("hardrock", partOfSpeech: .adverb) == [])
  }

  @Test func missingFolderNamesTheFileAndTheFix() {
    #expect {
      try WordNet(directory: "/nonexistent/wordnet")
    } throws: { error in
      guard let error = error as? WordNetError,
        case .missingFile(let path) = error
      else { return false }
      return path == "/nonexistent/wordnet/index.adj"
        && error.description.contains("apt-get install wordnet-base")
        && error.description.contains("--wordnet DIR")
    }
  }
}
