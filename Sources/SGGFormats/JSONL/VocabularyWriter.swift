import Foundation
import SGGCore

/// Writes the vocabulary JSON that ``VocabularyReader`` reads:
/// `{"objects": [...], "predicates": [...]}`, labels in the given order, one list a line.
public enum VocabularyWriter {
  /// The file text (ends with a newline).
  public static func text(for v: Vocabulary) -> String {
    func list(_ items: [String]) -> String {
      "[" + items.map(CanonicalNumber.jsonString).joined(separator: ", ") + "]"
    }
    return "{\n  \"objects\": \(list(v.objects)),\n  \"predicates\": \(list(v.predicates))\n}\n"
  }

  /// Writes `v` to `url` (atomically).
  public static func write(_ v: Vocabulary, to url: URL) throws {
    try Data(text(for: v).utf8).write(to: url, options: .atomic)
  }
}
