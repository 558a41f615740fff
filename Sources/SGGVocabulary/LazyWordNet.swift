import Foundation

/// WordNet opened on first use: a run whose names are all classes or table keys never reads the
/// database. Thread-safe; the first caller loads, the others wait.
public final class LazyWordNet: SynsetLemmaSource, @unchecked Sendable {
  public let directory: String
  private let lock = NSLock()
  private var state: Result<WordNet, WordNetError>?

  public init(directory: String = WordNet.debianDirectory) {
    self.directory = directory
  }

  /// Checks that the database files are there without loading them, so a command can refuse
  /// to start instead of failing on the first unknown name.
  public func checkFiles() throws(WordNetError) {
    for name in DatabaseFile.names { try DatabaseFile.check(name, in: directory) }
  }

  /// The loaded database.
  public func wordNet() throws(WordNetError) -> WordNet {
    lock.lock()
    defer { lock.unlock() }
    if let state { return try state.get() }
    let loaded = Result { () throws(WordNetError) -> WordNet in try WordNet(directory: directory) }
    state = loaded
    return try loaded.get()
  }

  public func lemmaNamesOfSynsets(_ word: String) throws -> [[String]] {
    try wordNet().synsets(word).map(\.lemmaNames)
  }
}
