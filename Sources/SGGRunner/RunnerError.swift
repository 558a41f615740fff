/// Why the runner cannot prepare or record a sample; each message names the file or setting.
public enum RunnerError: Error, Hashable, Sendable, CustomStringConvertible {
  /// No image file for a sample under the image directory.
  case missingImage(sampleID: String, tried: [String])
  /// The image could not be read or decoded.
  case badImage(path: String, reason: String)
  /// A configuration value is unusable.
  case configuration(String)
  /// The output file could not be written.
  case output(path: String, reason: String)
  /// The results store refused an operation.
  case store(String)

  public var description: String {
    switch self {
    case .missingImage(let id, let tried):
      return "sample \(id): no image file (tried \(tried.joined(separator: ", ")))"
    case .badImage(let path, let reason): return "\(path): \(reason)"
    case .configuration(let m): return m
    case .output(let path, let reason): return "\(path): cannot write (\(reason))"
    case .store(let m): return "results store: \(m)"
    }
  }
}
