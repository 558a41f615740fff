import Foundation
import SGGCore

/// A vocabulary file could not be read or decoded.
public struct VocabularyError: Error, Hashable, Sendable, CustomStringConvertible {
  public var file: String
  public var message: String
  public var description: String { "\(file): \(message)" }
}

/// Reads `{"objects": [...], "predicates": [...]}` (small files: Foundation's decoder).
public enum VocabularyReader {
  public static func read(contentsOf url: URL) throws -> Vocabulary {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw VocabularyError(file: url.path, message: "cannot read: \(error.localizedDescription)")
    }
    return try read(data: data, fileName: url.lastPathComponent)
  }

  public static func read(data: Data, fileName: String) throws -> Vocabulary {
    do {
      let v = try JSONDecoder().decode(Vocabulary.self, from: data)
      if let dup = firstDuplicate(v.objects) {
        throw VocabularyError(file: fileName, message: "objects: `\(dup)` is listed twice")
      }
      if let dup = firstDuplicate(v.predicates) {
        throw VocabularyError(file: fileName, message: "predicates: `\(dup)` is listed twice")
      }
      return v
    } catch let e as VocabularyError {
      throw e
    } catch DecodingError.keyNotFound(let key, _) {
      throw VocabularyError(file: fileName, message: "\(key.stringValue): is missing")
    } catch DecodingError.typeMismatch(_, let ctx) {
      let path = ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(
        separator: ".")
      throw VocabularyError(file: fileName, message: "\(path): expected an array of strings")
    } catch {
      throw VocabularyError(file: fileName, message: "not a vocabulary JSON object (\(error))")
    }
  }

  static func firstDuplicate(_ list: [String]) -> String? {
    var seen = Set<String>()
    return list.first { !seen.insert($0).inserted }
  }
}
