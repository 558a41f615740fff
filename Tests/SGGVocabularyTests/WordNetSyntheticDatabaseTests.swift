import Foundation
import Testing

@testable import SGGVocabulary

/// A tiny database written by the test, for the format's corners that Debian's files do not
/// show (or show only somewhere hard to find). Runs without `wordnet-base`.
@Suite struct WordNetSyntheticDatabaseTests {
  /// Writes a database folder. `data` is the data lines per file suffix without their offsets;
  /// `index` the index lines, where `#k` stands for the offset of the k-th data line (from 0).
  static func makeDatabase(
    data: [String: [String]], index: [String: [String]], exceptions: [String: String] = [:]
  ) throws -> String {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "wordnet-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let header = "  1 This software and database is provided by Princeton University.  \n"
    for suffix in ["noun", "verb", "adj", "adv"] {
      var text = header
      var offsets: [Int] = []
      for line in data[suffix] ?? [] {
        offsets.append(text.utf8.count)
        text += String(format: "%08d ", text.utf8.count) + line + "\n"
      }
      try text.write(
        to: folder.appendingPathComponent("data.\(suffix)"), atomically: true, encoding: .utf8)
      var indexText = header
      for line in index[suffix] ?? [] {
        var resolved = line
        for (k, offset) in offsets.enumerated().reversed() {
          resolved = resolved.replacingOccurrences(
            of: "#\(k)", with: String(format: "%08d", offset))
        }
        indexText += resolved + "  \n"
      }
      try indexText.write(
        to: folder.appendingPathComponent("index.\(suffix)"), atomically: true, encoding: .utf8)
      try (exceptions[suffix] ?? "").write(
        to: folder.appendingPathComponent("\(suffix).exc"), atomically: true, encoding: .utf8)
    }
    return folder.path
  }

  // Markers: a final parenthesised group without inner parentheses is removed (nltk's
  // `(.*?)(\([^()]*\))?$`), anything else is kept.
  @Test func markerStrippingFollowsNltksPattern() throws {
    let folder = try Self.makeDatabase(
      data: [
        "adj": [
          "00 s 07 big(a) 0 a(b)c(d) 0 x(y(z)) 0 q(a)b 0 () 0 z) 0 w(ip) 1 000 | gloss"
        ]
      ],
      index: ["adj": ["big a 1 0 1 0 #0"]])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let synsets = try WordNet(directory: folder).synsets("big")
    #expect(synsets.count == 1)
    #expect(synsets.first?.lemmaNames == ["big", "a(b)c", "x(y(z))", "q(a)b", "", "z)", "w"])
    #expect(synsets.first?.isAdjectiveSatellite == true)
  }

  // Python dict semantics: a later index line for the same lemma and part of speech replaces
  // the earlier one, and so does a later exception line. An exception entry replaces the rules
  // ("cats" gives "dog", not "cat"), and the form itself still comes first.
  @Test func laterLinesReplaceEarlierOnes() throws {
    let folder = try Self.makeDatabase(
      data: ["noun": ["05 n 01 cat 0 000 | a", "05 n 01 Dog 0 000 | b", "05 n 01 cats 0 000 | c"]],
      index: [
        "noun": [
          "cat n 1 0 1 0 #0", "dog n 1 0 1 0 #0", "dog n 1 1 @ 1 0 #1", "cats n 1 0 1 0 #2",
        ]
      ],
      exceptions: ["noun": "cats cat\ncats dog\nkine cat dog cat\n"])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let wordNet = try WordNet(directory: folder)
    #expect(wordNet.morphy("cats", partOfSpeech: .noun) == ["cats", "dog"])
    #expect(wordNet.morphy("kine", partOfSpeech: .noun) == ["cat", "dog"])
    #expect(wordNet.synsets("dog").map(\.lemmaNames) == [["Dog"]])
    #expect(wordNet.synsets("DOGS").map(\.lemmaNames) == [["Dog"]])
    #expect(wordNet.morphy("dogs") == "dog")
  }

  // Index lines whose offset does not point at that synset's line are left out (nltk warns and
  // yields None there).
  @Test func offsetsNotAtALineAreLeftOut() throws {
    let folder = try Self.makeDatabase(
      data: ["verb": ["29 v 01 run 0 000 | go fast"]],
      index: ["verb": ["run v 3 0 3 0 #0 00000003 99999999"]])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let synsets = try WordNet(directory: folder).synsets("runs")
    #expect(synsets.map(\.offset) == [70])
    #expect(synsets.first?.lemmaNames == ["run"])
  }

  @Test func malformedIndexLineIsReportedWithItsNumber() throws {
    let folder = try Self.makeDatabase(
      data: ["noun": ["05 n 01 cat 0 000 | a"]],
      index: ["noun": ["cat n 1 0 1 0 #0", "dog n 2 0 1 0 #0"]])
    defer { try? FileManager.default.removeItem(atPath: folder) }
    #expect(
      throws: WordNetError.malformedIndexLine(
        path: folder + "/index.noun", line: 3, reason: "sense_cnt differs from synset_cnt")
    ) {
      try WordNet(directory: folder)
    }
  }
}
