import Foundation

/// When and how long the judge client waits before trying a request again.
///
/// Retried: HTTP 408, 429 and 5xx, timeouts, connection errors and malformed replies. Not
/// retried: other 4xx (a bad key or model name will not fix itself).
public struct RetryPolicy: Sendable, Hashable {
  /// Attempts per question, the first included; after the last failed one the question is
  /// unanswered.
  public var maxAttempts: Int
  /// The first backoff; attempt n waits `baseDelay · 2^(n−1)`, capped at ``maxDelay``, with
  /// "equal jitter" (a uniformly random value between half and all of it).
  public var baseDelay: TimeInterval
  public var maxDelay: TimeInterval
  /// A `Retry-After` longer than this is cut to it (a server asking for an hour would stall
  /// the run; the question then most likely stays unanswered).
  public var maxRetryAfter: TimeInterval

  public init(
    maxAttempts: Int = 5, baseDelay: TimeInterval = 0.5, maxDelay: TimeInterval = 30,
    maxRetryAfter: TimeInterval = 120
  ) {
    self.maxAttempts = max(1, maxAttempts)
    self.baseDelay = max(0, baseDelay)
    self.maxDelay = max(0, maxDelay)
    self.maxRetryAfter = max(0, maxRetryAfter)
  }

  /// The wait before attempt `failedAttempts + 1`. A server's `Retry-After` wins over the
  /// backoff: it is waited exactly (capped at ``maxRetryAfter``), never less.
  ///
  /// - Parameter unit: a number in `[0, 1)` for the jitter (injectable for tests).
  public func delay(
    afterFailedAttempts failedAttempts: Int, retryAfter: TimeInterval?, unit: Double
  )
    -> TimeInterval
  {
    if let retryAfter { return min(max(0, retryAfter), maxRetryAfter) }
    let exponent = Double(max(0, min(failedAttempts - 1, 60)))
    let full = min(maxDelay, baseDelay * pow(2, exponent))
    return full / 2 + full / 2 * min(max(unit, 0), 1)
  }
}

/// `Retry-After` header values (RFC 9110 §10.2.3): delay-seconds or an HTTP-date.
public enum RetryAfter {
  /// Seconds to wait from `now`, or nil when the value is neither form. A date in the past
  /// gives 0.
  public static func seconds(_ value: String, now: Date = Date()) -> TimeInterval? {
    let text = value.trimmingCharacters(in: .whitespaces)
    if !text.isEmpty, text.unicodeScalars.allSatisfy({ $0 >= "0" && $0 <= "9" }) {
      return Double(text)
    }
    // Not allowed by the RFC, but some proxies send fractional seconds.
    if let seconds = Double(text), seconds.isFinite, seconds >= 0, text.first != "+" {
      return seconds
    }
    guard let date = httpDate(text) else { return nil }
    return max(0, date.timeIntervalSince(now))
  }

  /// IMF-fixdate, and the obsolete RFC 850 and asctime forms recipients must accept.
  public static func httpDate(_ text: String) -> Date? {
    for format in [
      "EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy",
    ] {
      let formatter = DateFormatter()
      formatter.locale = Locale(identifier: "en_US_POSIX")
      formatter.timeZone = TimeZone(identifier: "GMT")
      formatter.dateFormat = format
      if let date = formatter.date(from: text) { return date }
    }
    return nil
  }
}
