/// Why a prediction could not be scored as a graph. Reports count samples by kind.
///
/// The raw values are stable: they appear in `--json` output and in the results store.
public enum FailureKind: String, Sendable, Codable, CaseIterable, Comparable {
  /// No answer at all: empty response, only a `<think>` block, or nothing after extraction.
  case noAnswer = "no_answer"
  /// The text is not valid JSON / TOON where a graph was expected.
  case malformed
  /// The output stops mid-structure (unterminated JSON, fewer rows than declared, cut tags).
  case truncated
  /// A required field (`objects`, `relationships`, `bbox`, `id`, `subject`, …) is absent.
  case missingField = "missing_field"
  /// A field has the wrong type (a string id expected, a number found, …).
  case badField = "bad_field"
  /// A box is not four finite numbers, or fails the protocol's box rule.
  case badBox = "bad_box"
  /// The graph parsed but has no object the protocol accepts.
  case noObjects = "no_objects"
  /// The ground truth has a sample for which the predictions file has no line.
  case missingPrediction = "missing_prediction"
  /// A prediction line whose id is not in the ground truth, under a protocol that counts it
  /// as a failure (R1-SGG's image lookup raises for it).
  case unknownID = "unknown_id"

  public static func < (a: FailureKind, b: FailureKind) -> Bool { a.rawValue < b.rawValue }
}

/// A prediction after parsing: a graph in original-image pixels, or the reason it failed.
public enum PredictionOutcome: Hashable, Sendable {
  case graph(PredictedGraph)
  case failed(FailureKind)

  /// The graph, if parsing succeeded.
  public var graph: PredictedGraph? {
    if case .graph(let g) = self { return g }
    return nil
  }

  /// The failure kind, if parsing failed.
  public var failure: FailureKind? {
    if case .failed(let k) = self { return k }
    return nil
  }
}
