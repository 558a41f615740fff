import Foundation
import SGGTestSupport
import Testing

@testable import SGGVocabulary

/// nltk 3.10 over the same Debian files is the oracle: `Tests/Reference/wordnet_oracle.py`
/// answers `wn.synsets`, `wn._morphy` for each part of speech and `wn.morphy` for thousands of
/// words, and every answer must be identical. Needs python3 with nltk (`.ci/install-deps`); a
/// missing one fails the test with the command to install it.
@Suite(.enabled(if: DebianWordNet.isInstalled, DebianWordNet.skipReason))
struct WordNetOracleTests {
  static let oracleScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Reference/wordnet_oracle.py").path

  /// One synset as the oracle prints it: `[pos, offset, [lemma names]]`.
  struct OracleSynset: Decodable, Equatable, CustomStringConvertible {
    var pos: String
    var offset: Int
    var lemmaNames: [String]

    init(pos: String, offset: Int, lemmaNames: [String]) {
      self.pos = pos
      self.offset = offset
      self.lemmaNames = lemmaNames
    }

    init(from decoder: any Decoder) throws {
      var fields = try decoder.unkeyedContainer()
      pos = try fields.decode(String.self)
      offset = try fields.decode(Int.self)
      lemmaNames = try fields.decode([String].self)
    }

    var description: String { "\(pos):\(offset):\(lemmaNames.joined(separator: ","))" }
  }

  struct OracleAnswer: Decodable {
    var word: String
    var synsets: [OracleSynset]
    var morphy: [String: [String]]
    var morphyAny: String?

    enum CodingKeys: String, CodingKey {
      case word, synsets, morphy
      case morphyAny = "morphy_any"
    }
  }

  @Test func everyAnswerMatchesNltk() throws {
    let words = try OracleWords.all(directory: WordNet.debianDirectory)
    let script = """
      import runpy, sys
      sys.argv = ["wordnet_oracle.py"]
      runpy.run_path(\(String(reflecting: Self.oracleScript)), run_name="__main__")
      """
    let answers = try PythonReference.run(
      script, input: words, modules: ["nltk"], as: [OracleAnswer].self)
    try #require(answers.count == words.count)

    let start = Date()
    let wordNet = try WordNet()
    let loadSeconds = Date().timeIntervalSince(start)

    var mismatches: [String] = []
    var synsetCount = 0
    var wordsWithSynsets = 0
    for (word, answer) in zip(words, answers) {
      // JSON carries the exact code points both ways; a difference here is a harness bug.
      guard Array(answer.word.utf8) == Array(word.utf8) else {
        mismatches.append(
          "\(String(reflecting: word)): the oracle echoed \(String(reflecting: answer.word))")
        continue
      }
      let synsets = wordNet.synsets(word).map {
        OracleSynset(pos: $0.nltkPartOfSpeech, offset: $0.offset, lemmaNames: $0.lemmaNames)
      }
      if synsets != answer.synsets {
        mismatches.append(
          "synsets(\(String(reflecting: word))): \(synsets) != nltk \(answer.synsets)")
      }
      for pos in PartOfSpeech.allCases {
        let forms = wordNet.morphy(word, partOfSpeech: pos)
        if forms != answer.morphy[pos.rawValue] {
          mismatches.append(
            "morphy(\(String(reflecting: word)), \(pos)): \(forms) != nltk \(answer.morphy[pos.rawValue] ?? [])"
          )
        }
      }
      if wordNet.morphy(word) != answer.morphyAny {
        mismatches.append(
          "morphy(\(String(reflecting: word))): \(String(describing: wordNet.morphy(word))) != nltk \(String(describing: answer.morphyAny))"
        )
      }
      synsetCount += answer.synsets.count
      wordsWithSynsets += answer.synsets.isEmpty ? 0 : 1
    }
    #expect(
      mismatches.count == 0,
      "\(mismatches.count) differences, first: \(mismatches.prefix(20).joined(separator: "\n"))")

    // The comparison is not vacuous: most sampled words have synsets, and every kind occurs.
    #expect(words.count > 10_000)
    #expect(wordsWithSynsets > words.count / 2)
    #expect(answers.contains { $0.synsets.contains { $0.pos == "s" } })
    #expect(answers.contains { $0.synsets.count != Set($0.synsets.map(\.offset)).count })

    let lookupStart = Date()
    for word in words { _ = wordNet.synsets(word) }
    let lookupSeconds = Date().timeIntervalSince(lookupStart)
    print(
      "WordNet oracle: \(words.count) words (\(try OracleWords.tablePhrases().count) table strings), \(wordsWithSynsets) with synsets, \(synsetCount) synsets; "
        + "load \(String(format: "%.3f", loadSeconds)) s, synsets() for all words "
        + "\(String(format: "%.3f", lookupSeconds)) s (this build)")
  }
}
