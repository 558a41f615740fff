import SGGCore

/// Why a model answer failed to parse: the counted kind plus a message for a human
/// ("object 3: `bbox` has 3 numbers, expected 4").
public struct ParseFailure: Error, Hashable, Sendable, CustomStringConvertible {
  public var kind: FailureKind
  public var message: String

  public init(_ kind: FailureKind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { "\(kind.rawValue): \(message)" }
}

/// Something a parser noticed but accepted; the scorer counts these by kind.
public struct ParseWarning: Hashable, Sendable, CustomStringConvertible {
  /// Stable names (they appear in reports).
  public enum Kind: String, Hashable, Sendable, CaseIterable, Comparable {
    /// A box coordinate is NaN or ±infinity (accepted by the anchor, IoU will be garbage/0).
    case nonFiniteCoordinate = "non_finite_coordinate"
    /// A relation names an id that no object has.
    case danglingRelationID = "dangling_relation_id"
    /// Two objects share an id.
    case duplicateObjectID = "duplicate_object_id"
    /// A JSON object repeats a key (the last one is used, as Python does).
    case duplicateKey = "duplicate_key"
    /// A TOON row that could not be read was skipped.
    case skippedRow = "skipped_row"
    /// A TOON block has a different number of rows than its header declares (not at the end
    /// of the output, so not treated as truncation).
    case rowCountMismatch = "row_count_mismatch"
    /// `<answer>` was opened but never closed (possibly truncated output).
    case unclosedAnswer = "unclosed_answer"
    /// A ``` fence was opened but never closed.
    case unclosedFence = "unclosed_fence"
    /// Non-blank text before or after the graph was ignored.
    case textOutsideGraph = "text_outside_graph"
    /// A TOON answer has no `rel[…]` block (read as zero relations).
    case missingRelations = "missing_relations"
    /// A field the format does not define was ignored.
    case unknownField = "unknown_field"
    /// A box had reversed corners and the parser swapped them (SceneGraphVLM parity).
    case swappedCorners = "swapped_corners"

    public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
  }

  public var kind: Kind
  public var message: String

  public init(_ kind: Kind, _ message: String) {
    self.kind = kind
    self.message = message
  }

  public var description: String { "\(kind.rawValue): \(message)" }
}

/// What a parser made of one model answer: the outcome, the failure detail if it failed, and
/// every warning.
public struct ParseResult: Hashable, Sendable {
  public var outcome: PredictionOutcome
  /// Set exactly when ``outcome`` is `.failed`.
  public var failure: ParseFailure?
  public var warnings: [ParseWarning]

  public init(graph: PredictedGraph, warnings: [ParseWarning] = []) {
    self.outcome = .graph(graph)
    self.failure = nil
    self.warnings = warnings
  }

  public init(failure: ParseFailure, warnings: [ParseWarning] = []) {
    self.outcome = .failed(failure.kind)
    self.failure = failure
    self.warnings = warnings
  }

  /// The graph, if parsing succeeded.
  public var graph: PredictedGraph? { outcome.graph }

  /// Number of warnings of each kind.
  public var warningCounts: [ParseWarning.Kind: Int] {
    warnings.reduce(into: [:]) { $0[$1.kind, default: 0] += 1 }
  }
}

/// A parser from raw model text to a graph. Every parser in this module conforms, so a protocol
/// preset can pick one.
public protocol GraphTextParser: Sendable {
  func parse(_ text: String) -> ParseResult
}

/// Warnings every graph parser emits the same way: duplicate object ids, dangling relation ids,
/// non-finite coordinates.
enum GraphChecks {
  static func warnings(for graph: PredictedGraph, checkFinite: Bool = true) -> [ParseWarning] {
    var out: [ParseWarning] = []
    var table = IDTable(capacity: graph.objects.count)
    for (i, o) in graph.objects.enumerated() {
      if !table.insert(index: i, graph.objects) {
        out.append(
          ParseWarning(
            .duplicateObjectID, "object \(i + 1): id `\(o.id)` is used by an earlier object"))
      }
      if checkFinite && !o.box.isFinite {
        out.append(
          ParseWarning(
            .nonFiniteCoordinate, "object \(i + 1): box \(o.box.coordinates) is not finite"))
      }
    }
    for (i, r) in graph.relations.enumerated() {
      if !table.contains(r.subject, graph.objects) {
        out.append(
          ParseWarning(
            .danglingRelationID, "relation \(i + 1): subject `\(r.subject)` is not an object id"))
      }
      if !table.contains(r.object, graph.objects) {
        out.append(
          ParseWarning(
            .danglingRelationID, "relation \(i + 1): object `\(r.object)` is not an object id"))
      }
    }
    return out
  }
}

/// A small open-addressing set of object ids (indices into the object list), hashed with
/// FNV-1a over UTF-8: much cheaper than `Set<String>` for the few dozen short ids of a graph.
/// Ids compare as `String` (canonical equivalence), so the hash is only a filter: strings
/// that are equal but differently encoded would hash apart — they cannot arise from the
/// parsers' refined ASCII ids, and at worst a duplicate goes unreported.
struct IDTable {
  var slots: [Int32]
  var hashes: [UInt64]
  let mask: Int

  init(capacity: Int) {
    var size = 8
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: 0, count: size)
    hashes = Array(repeating: 0, count: size)
    mask = size - 1
  }

  static func hash(_ s: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 {
      h ^= UInt64(b)
      h = h &* 0x100_0000_01b3
    }
    return h
  }

  /// Inserts `objects[index].id`; false if an earlier object has the same id.
  mutating func insert(index: Int, _ objects: [PredictedObject]) -> Bool {
    let id = objects[index].id
    let h = Self.hash(id)
    var i = Int(truncatingIfNeeded: h) & mask
    while slots[i] != 0 {
      if hashes[i] == h && objects[Int(slots[i]) - 1].id == id { return false }
      i = (i + 1) & mask
    }
    slots[i] = Int32(index + 1)
    hashes[i] = h
    return true
  }

  func contains(_ id: String, _ objects: [PredictedObject]) -> Bool {
    let h = Self.hash(id)
    var i = Int(truncatingIfNeeded: h) & mask
    while slots[i] != 0 {
      if hashes[i] == h && objects[Int(slots[i]) - 1].id == id { return true }
      i = (i + 1) & mask
    }
    return false
  }
}
