import Foundation

/// A WordNet 3.0 database read from its files, answering lookups exactly as nltk 3.10's
/// `wordnet` corpus reader does over the same files.
///
/// Opening reads the four index files and the four exception lists once and maps the data
/// files; synset lines are parsed when a lookup reaches them. The value is immutable afterwards,
/// so one instance can serve any number of threads.
///
/// ```swift
/// let wordNet = try WordNet()  // Debian's wordnet-base in /usr/share/wordnet
/// wordNet.synsets("hands").first?.lemmaNames  // ["hands", "custody"]
/// wordNet.morphy("geese", partOfSpeech: .noun)  // ["goose"]
/// ```
///
/// Reproduced on purpose (tests compare with nltk over thousands of words):
/// - ``synsets(_:)`` lowercases the word, but ``morphy(_:partOfSpeech:)`` and ``morphy(_:)`` do
///   not, as in nltk (`wn.morphy("Dogs")` is `None`).
/// - Index lemmas spell spaces as underscores and nothing translates them, so a word with a
///   space finds nothing (`synsets("traffic light")` is empty; `synsets("traffic_light")` is not).
/// - The detachment rules are applied once; an exception list entry replaces them entirely.
/// - ``synsets(_:)`` can list a synset twice when two base forms share it.
public final class WordNet: Sendable {
  /// Where Debian's `wordnet-base` package installs the database.
  public static let debianDirectory = "/usr/share/wordnet"

  /// The folder the database was read from.
  public let directory: String
  let lemmas: LemmaIndex
  /// Per part of speech, in `PartOfSpeech.allCases` order.
  let exceptions: [ExceptionList]
  /// Per part of speech, in `PartOfSpeech.allCases` order.
  let dataFiles: [SynsetDataFile]

  /// Opens the database in `directory`: `index.*`, `data.*` and `*.exc` for noun, verb, adj and
  /// adv (the layout of Princeton's `dict` folder and of Debian's `wordnet-base`).
  ///
  /// - Throws: ``WordNetError/missingFile(path:)`` naming the first absent file (its message
  ///   says to install `wordnet-base` or pass `--wordnet DIR`), or another ``WordNetError`` for
  ///   an unreadable or malformed file.
  public init(directory: String = WordNet.debianDirectory) throws(WordNetError) {
    self.directory = directory
    lemmas = try LemmaIndex(directory: directory)
    var exceptions: [ExceptionList] = []
    var dataFiles: [SynsetDataFile] = []
    for pos in PartOfSpeech.allCases {
      exceptions.append(try ExceptionList(directory: directory, partOfSpeech: pos))
      dataFiles.append(try SynsetDataFile(directory: directory, partOfSpeech: pos))
    }
    self.exceptions = exceptions
    self.dataFiles = dataFiles
  }

  /// nltk's `wn.synsets(word)` (no part of speech): the word is lowercased, then for each part of
  /// speech in ``PartOfSpeech`` order, for each base form ``morphy(_:partOfSpeech:)`` finds, the
  /// synsets of that form's index line in file order.
  ///
  /// Complexity: O(length of the word + number of synsets returned).
  public func synsets(_ word: String) -> [Synset] {
    let form = Array(word.lowercased().utf8)
    var result: [Synset] = []
    for pos in PartOfSpeech.allCases {
      for id in baseFormIDs(form, pos) {
        for offset in lemmas.offsets(of: id, pos) {
          // nltk would put None in the list for a line that is not there (a damaged file).
          if let synset = dataFiles[pos.index].synset(at: Int(offset)) {
            result.append(synset)
          }
        }
      }
    }
    return result
  }
}
