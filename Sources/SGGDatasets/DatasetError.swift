import Foundation

/// Why a dataset file could not be loaded. Every case names the file and what was expected, so
/// a user can act on the message without a debugger.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A required file (or directory) is absent under the dataset root.
  case missingFile(path: String, expected: String)
  /// The file exists but its bytes do not match the format (truncated, wrong magic, bad field).
  case malformed(path: String, detail: String)
  /// The file is valid in its format but uses a feature outside the supported subset
  /// (for example a chunked HDF5 dataset or an interlaced PNG).
  case unsupported(path: String, feature: String)
  /// The split is not defined by this dataset (Action Genome has no val split).
  case unsupportedSplit(dataset: String, split: String, available: [String])

  public var description: String {
    switch self {
    case .missingFile(let path, let expected):
      return "\(path): file not found (expected \(expected))"
    case .malformed(let path, let detail):
      return "\(path): \(detail)"
    case .unsupported(let path, let feature):
      return "\(path): unsupported: \(feature)"
    case .unsupportedSplit(let dataset, let split, let available):
      return
        "\(dataset) has no '\(split)' split (available: \(available.joined(separator: ", ")))"
    }
  }
}

extension DatasetError: LocalizedError {
  public var errorDescription: String? { description }
}

/// Reads a whole file, mapping "not found" to ``DatasetError/missingFile(path:expected:)``.
func readFile(_ url: URL, expected: String, mapped: Bool = false) throws -> Data {
  guard FileManager.default.fileExists(atPath: url.path) else {
    throw DatasetError.missingFile(path: url.path, expected: expected)
  }
  do {
    return try Data(contentsOf: url, options: mapped ? [.alwaysMapped] : [])
  } catch {
    throw DatasetError.malformed(path: url.path, detail: "cannot read: \(error)")
  }
}
