/// Latency and throughput of a run, as SceneGraphVLM reports speed: seconds per graph and
/// generated tokens per second.
public struct RunLatencySummary: Hashable, Sendable {
  /// Answered requests with a latency.
  public var count: Int
  /// Seconds per graph: mean, median and 95th percentile of request wall time.
  public var meanSeconds: Double
  public var p50Seconds: Double
  public var p95Seconds: Double
  public var minSeconds: Double
  public var maxSeconds: Double
  /// Completion tokens over the requests that report them.
  public var completionTokens: Int
  public var promptTokens: Int
  /// Σ completion tokens / Σ request seconds over the requests reporting tokens (per-request
  /// decode speed, independent of concurrency).
  public var tokensPerSecond: Double?
  /// Graphs per wall-clock second in this session (depends on concurrency and servers).
  public var graphsPerSecond: Double?

  /// Summarises request `latencies` (seconds) with their token counts; `wallSeconds` and
  /// `sessionCount` give the session throughput.
  public init?(
    latencies: [Double], promptTokens: [Int?], completionTokens: [Int?],
    wallSeconds: Double? = nil, sessionCount: Int? = nil
  ) {
    let finite = latencies.filter { $0.isFinite && $0 >= 0 }
    guard !finite.isEmpty else { return nil }
    let sorted = finite.sorted()
    count = sorted.count
    meanSeconds = sorted.reduce(0, +) / Double(sorted.count)
    p50Seconds = Self.percentile(sorted, 0.50)
    p95Seconds = Self.percentile(sorted, 0.95)
    minSeconds = sorted[0]
    maxSeconds = sorted[sorted.count - 1]
    var tokens = 0
    var tokenSeconds = 0.0
    var prompt = 0
    for i in latencies.indices {
      if i < promptTokens.count, let p = promptTokens[i] { prompt += p }
      if i < completionTokens.count, let c = completionTokens[i], latencies[i].isFinite,
        latencies[i] >= 0
      {
        tokens += c
        tokenSeconds += latencies[i]
      }
    }
    self.completionTokens = tokens
    self.promptTokens = prompt
    tokensPerSecond = tokenSeconds > 0 ? Double(tokens) / tokenSeconds : nil
    if let wallSeconds, let sessionCount, wallSeconds > 0, sessionCount > 0 {
      graphsPerSecond = Double(sessionCount) / wallSeconds
    } else {
      graphsPerSecond = nil
    }
  }

  /// numpy's default percentile (linear interpolation between closest ranks) of sorted values.
  public static func percentile(_ sorted: [Double], _ q: Double) -> Double {
    guard let first = sorted.first else { return .nan }
    guard sorted.count > 1 else { return first }
    let position = q * Double(sorted.count - 1)
    let lo = Int(position.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    let fraction = position - Double(lo)
    return sorted[lo] + (sorted[hi] - sorted[lo]) * fraction
  }

  /// The summary as a JSON object (the run's `usage_json`).
  public var json: String {
    func n(_ v: Double?) -> String {
      guard let v, v.isFinite else { return "null" }
      return String(v)
    }
    let pairs: [(String, String)] = [
      ("samples", String(count)), ("mean_s", n(meanSeconds)), ("p50_s", n(p50Seconds)),
      ("p95_s", n(p95Seconds)), ("min_s", n(minSeconds)), ("max_s", n(maxSeconds)),
      ("prompt_tokens", String(promptTokens)), ("completion_tokens", String(completionTokens)),
      ("tokens_per_s", n(tokensPerSecond)), ("graphs_per_s", n(graphsPerSecond)),
    ]
    return "{" + pairs.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
  }
}
