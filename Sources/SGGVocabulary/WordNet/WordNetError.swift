import Foundation

/// Why a WordNet database folder could not be opened. Each case names the file.
public enum WordNetError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A database file (`index.noun`, `data.verb`, `adj.exc`, …) is absent.
  case missingFile(path: String)
  /// The file exists but cannot be read (permissions, a directory, an I/O error).
  case unreadableFile(path: String, reason: String)
  /// An index line does not have the fields the WordNet format (wndb(5)) requires; nltk
  /// refuses the same lines.
  case malformedIndexLine(path: String, line: Int, reason: String)

  public var description: String {
    switch self {
    case .missingFile(let path):
      return
        "\(path): WordNet 3.0 file not found; install Debian's database "
        + "(`apt-get install wordnet-base`) or pass `--wordnet DIR` with a folder holding "
        + "index.{noun,verb,adj,adv}, data.{noun,verb,adj,adv} and {noun,verb,adj,adv}.exc"
    case .unreadableFile(let path, let reason):
      return "\(path): cannot read the WordNet file (\(reason))"
    case .malformedIndexLine(let path, let line, let reason):
      return
        "\(path):\(line): not a WordNet index line (\(reason)); the file is damaged or not "
        + "WordNet 3.0: reinstall `wordnet-base`"
    }
  }
}

extension WordNetError: LocalizedError {
  public var errorDescription: String? { description }
}
