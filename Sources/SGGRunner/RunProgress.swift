import Foundation

/// Where a run stands, reported after every sample.
public struct RunProgress: Hashable, Sendable {
  /// Samples with a response, including those finished in earlier sessions.
  public var done: Int
  /// Samples whose request failed in this session.
  public var failed: Int
  public var total: Int
  /// Samples finished before this session started.
  public var resumed: Int
  /// Seconds since this session started.
  public var elapsed: Double

  /// Samples completed (answered or failed) per second in this session.
  public var rate: Double {
    let n = done - resumed + failed
    return elapsed > 0 && n > 0 ? Double(n) / elapsed : 0
  }

  /// Seconds left at the current rate; nil before the first sample.
  public var eta: Double? {
    let left = total - done - failed
    guard rate > 0 else { return nil }
    return Double(max(0, left)) / rate
  }

  /// `123/500 (2 failed) 3.1/s ETA 2m02s`.
  public var line: String {
    var s = "\(done + failed)/\(total)"
    if failed > 0 { s += " (\(failed) failed)" }
    s += " " + String(format: "%.2f", rate) + "/s"
    if let eta {
      let t = Int(eta.rounded())
      s +=
        " ETA "
        + (t >= 3600
          ? "\(t / 3600)h\(String(format: "%02d", t % 3600 / 60))m"
          : "\(t / 60)m\(String(format: "%02d", t % 60))s")
    }
    return s
  }
}
