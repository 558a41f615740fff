import Foundation
import Testing

@testable import SGGVocabulary

/// Debian's `wordnet-base` database, opened once for every test that reads it.
enum DebianWordNet {
  /// Whether the database is installed (CI installs it in `.ci/install-deps`).
  static let isInstalled = FileManager.default.fileExists(
    atPath: WordNet.debianDirectory + "/index.noun")

  /// The comment a skipped test shows.
  static let skipReason: Comment =
    "Debian's wordnet-base is not installed in /usr/share/wordnet (apt-get install wordnet-base)"

  /// The opened database, or the error that prevented opening it.
  static let shared = Result { () throws(WordNetError) in try WordNet() }

  static func open() throws -> WordNet { try shared.get() }
}
