import Foundation

/// A progress snapshot, sent after every settled question (the CLI prints ``line`` to stderr).
public struct JudgeProgress: Sendable, Hashable {
  /// `objects` or `relations`: relation questions are rendered only after the object
  /// verdicts are in (see ``LLMJudge``).
  public var phase: EquivalenceQuestionPhase
  /// Distinct questions in this phase.
  public var total: Int
  /// Settled so far: cache hits + answered + unanswered.
  public var done: Int
  public var cacheHits: Int
  public var answered: Int
  public var unanswered: Int
  /// Failed attempts so far in this phase (each followed by a retry or by giving up).
  public var failedAttempts: Int
  /// Seconds since the phase started.
  public var elapsed: TimeInterval

  /// Questions settled by the server per second (cache hits excluded).
  public var rate: Double {
    elapsed > 0 ? Double(answered + unanswered) / elapsed : 0
  }

  /// `judge objects: 120/500 (24%), 8.3 q/s, 300 cached, 2 unanswered, 5 failed attempts`.
  public var line: String {
    let percent = total > 0 ? 100 * done / total : 100
    var text =
      "judge \(phase.rawValue): \(done)/\(total) (\(percent)%), "
      + String(format: "%.1f q/s", rate) + ", \(cacheHits) cached"
    if unanswered > 0 { text += ", \(unanswered) unanswered" }
    if failedAttempts > 0 { text += ", \(failedAttempts) failed attempts" }
    return text
  }
}

/// The two rounds of a judge batch.
public enum EquivalenceQuestionPhase: String, Hashable, Sendable, Codable {
  case objects
  case relations
}
