import Foundation
import SGGCore
import SGGMetrics

/// Soft matching from a user's alias file: two labels are equivalent when some group of the
/// file lists both (after ``LabelNormalizer/refine(_:)``).
///
/// File format (JSON; both keys optional):
/// ```json
/// {"objects":    [["man", "person", "woman"], ["bike", "bicycle"]],
///  "predicates": [["on", "parked on", "sitting on"]]}
/// ```
/// Each group lists labels that are all interchangeable. Equivalence is symmetric but NOT closed
/// across groups: with groups `[man, person]` and `[person, child]`, "man" ~ "child" is false.
/// Relations are equivalent iff their predicates are aliases; the endpoints are the matcher's
/// business (they were matched by box).
public struct AliasTable: LabelEquivalence, Hashable {
  /// Unordered pairs of distinct refined labels, stored both ways round.
  public private(set) var objectPairs: Set<Pair>
  public private(set) var predicatePairs: Set<Pair>
  /// The groups as listed (refined, file order), for `open-vocab=aliases` (``AliasMapping``).
  public private(set) var objectGroups: [[String]]
  public private(set) var predicateGroups: [[String]]
  public let name: String

  public struct Pair: Hashable, Sendable {
    public var a: String
    public var b: String
  }

  /// A table from groups given in code (labels refined here).
  public init(objects: [[String]] = [], predicates: [[String]] = [], name: String = "aliases") {
    self.name = name
    objectGroups = objects.map { $0.map(LabelNormalizer.refine) }
    predicateGroups = predicates.map { $0.map(LabelNormalizer.refine) }
    objectPairs = Self.pairs(objectGroups)
    predicatePairs = Self.pairs(predicateGroups)
  }

  /// Reads the alias file at `path`.
  public init(contentsOfFile path: String) throws {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw AliasTableError.unreadable(file: path, reason: error.localizedDescription)
    }
    try self.init(json: data, file: path)
  }

  /// Parses alias-file JSON; `file` names the source in errors.
  public init(json data: Data, file: String) throws {
    let top: Any
    do {
      top = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    } catch {
      throw AliasTableError.notJSON(file: file, reason: "\(error)")
    }
    guard let dictionary = top as? [String: Any] else {
      throw AliasTableError.badTopLevel(file: file)
    }
    for key in dictionary.keys.sorted() where key != "objects" && key != "predicates" {
      throw AliasTableError.unknownKey(file: file, key: key)
    }
    let objects = try Self.groups(dictionary["objects"], key: "objects", file: file)
    let predicates = try Self.groups(dictionary["predicates"], key: "predicates", file: file)
    self.name = "aliases:\(URL(fileURLWithPath: file).lastPathComponent)"
    objectGroups = objects
    predicateGroups = predicates
    objectPairs = Self.pairs(objects)
    predicatePairs = Self.pairs(predicates)
  }

  /// Whether two object labels are equal or aliases (after refining).
  public func objectsEquivalent(_ x: String, _ y: String) -> Bool {
    Self.lookup(x, y, in: objectPairs)
  }

  /// Whether two predicates are equal or aliases (after refining).
  public func predicatesEquivalent(_ x: String, _ y: String) -> Bool {
    Self.lookup(x, y, in: predicatePairs)
  }

  /// Answers every question (an alias table never leaves one unanswered).
  public func verdicts(for questions: [EquivalenceQuestion]) async throws
    -> [EquivalenceQuestion: Bool]
  {
    answer(questions)
  }

  /// The synchronous form of ``verdicts(for:)``.
  public func answer(_ questions: [EquivalenceQuestion]) -> [EquivalenceQuestion: Bool] {
    var result: [EquivalenceQuestion: Bool] = [:]
    for q in questions {
      switch q.kind {
      case .object:
        result[q] = objectsEquivalent(q.groundTruth.first ?? "", q.prediction.first ?? "")
      case .relation:
        // The predicate is the middle of the triplet; a malformed triplet is "not equivalent".
        guard q.groundTruth.count == 3, q.prediction.count == 3 else {
          result[q] = false
          continue
        }
        result[q] = predicatesEquivalent(q.groundTruth[1], q.prediction[1])
      }
    }
    return result
  }

  private static func lookup(_ x: String, _ y: String, in pairs: Set<Pair>) -> Bool {
    let a = LabelNormalizer.refine(x)
    let b = LabelNormalizer.refine(y)
    return a == b || pairs.contains(Pair(a: a, b: b))
  }

  private static func pairs(_ groups: [[String]]) -> Set<Pair> {
    var out: Set<Pair> = []
    for group in groups {
      for a in group {
        for b in group where a != b {
          out.insert(Pair(a: a, b: b))
        }
      }
    }
    return out
  }

  private static func groups(_ value: Any?, key: String, file: String) throws -> [[String]] {
    guard let value else { return [] }
    guard let list = value as? [Any] else {
      throw AliasTableError.badEntry(
        file: file, entry: key, reason: "must be a list of groups such as [[\"man\", \"person\"]]")
    }
    var groups: [[String]] = []
    for (i, item) in list.enumerated() {
      guard let members = item as? [Any] else {
        throw AliasTableError.badEntry(
          file: file, entry: "\(key)[\(i)]", reason: "a group must be a list of label strings")
      }
      var labels: [String] = []
      for (j, member) in members.enumerated() {
        guard let text = member as? String else {
          throw AliasTableError.badEntry(
            file: file, entry: "\(key)[\(i)][\(j)]", reason: "a label must be a string")
        }
        let label = LabelNormalizer.refine(text)
        guard !label.isEmpty else {
          throw AliasTableError.badEntry(
            file: file, entry: "\(key)[\(i)][\(j)]", reason: "the label is empty")
        }
        if !labels.contains(label) { labels.append(label) }
      }
      guard labels.count >= 2 else {
        throw AliasTableError.badEntry(
          file: file, entry: "\(key)[\(i)]",
          reason: "a group needs at least two different labels (after normalisation)")
      }
      groups.append(labels)
    }
    return groups
  }
}
