import Foundation
import SGGJudge

/// What one sample's request came to, after all retries.
public struct VLMOutcome: Sendable, Hashable {
  public var completion: VLMCompletion?
  /// Why it stayed unanswered (nil when answered).
  public var failure: JudgeFailure?
  /// One entry per failed attempt, in order.
  public var attemptFailures: [JudgeFailure]
  /// Wall time of the answered attempt in seconds.
  public var latency: Double?
  /// Base URL of the server that answered.
  public var endpoint: String?
}

/// Sends chat-completions requests to an ``EndpointPool``, retrying per SGGJudge's
/// ``RetryPolicy`` over SGGJudge's ``HTTPTransport`` (the same failure classes as
/// ``ChatCompletionsClient``: 408/429/5xx, timeouts, connection errors and malformed bodies are
/// retried, other 4xx are not). Each attempt picks an endpoint afresh, so a failing server's
/// work moves to the others.
public struct VLMClient: Sendable {
  public let pool: EndpointPool
  public let retry: RetryPolicy
  public let transport: any HTTPTransport

  public init(
    pool: EndpointPool, retry: RetryPolicy = RetryPolicy(),
    transport: any HTTPTransport = URLSessionTransport()
  ) {
    self.pool = pool
    self.retry = retry
    self.transport = transport
  }

  /// Sends `body`; `sampleID` goes in the `X-SGG-Sample-Id` header (logs, test servers).
  public func send(body: Data, sampleID: String) async -> VLMOutcome {
    var failures: [JudgeFailure] = []
    func unanswered(_ reason: JudgeFailure) -> VLMOutcome {
      VLMOutcome(
        completion: nil, failure: reason, attemptFailures: failures, latency: nil, endpoint: nil)
    }
    while true {
      if Task.isCancelled { return unanswered(.cancelled) }
      let index = await pool.acquire()
      let endpoint = pool.endpoints[index]
      var headers = [
        "Content-Type": "application/json", "Accept": "application/json",
        "X-SGG-Sample-Id": sampleID,
      ]
      if let key = endpoint.apiKey { headers["Authorization"] = "Bearer \(key)" }
      let request = HTTPRequest(
        url: endpoint.chatCompletionsURL, method: "POST", headers: headers, body: body,
        timeout: endpoint.timeout)
      let started = DispatchTime.now().uptimeNanoseconds
      let attempt = await attempt(request)
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
      switch attempt {
      case .answer(let completion):
        await pool.release(index, answered: true)
        return VLMOutcome(
          completion: completion, failure: nil, attemptFailures: failures, latency: seconds,
          endpoint: endpoint.baseURL.absoluteString)
      case .failed(.cancelled, _):
        await pool.release(index, answered: false)
        return unanswered(.cancelled)
      case .failed(let reason, let retryAfter):
        await pool.release(index, answered: false)
        failures.append(reason)
        guard reason != .clientError, failures.count < retry.maxAttempts else {
          return unanswered(reason)
        }
        let wait = retry.delay(
          afterFailedAttempts: failures.count, retryAfter: retryAfter,
          unit: Double.random(in: 0..<1))
        if wait > 0 {
          do {
            try await Task.sleep(nanoseconds: UInt64(wait * 1e9))
          } catch {
            return unanswered(.cancelled)
          }
        }
      }
    }
  }

  private enum Attempt {
    case answer(VLMCompletion)
    case failed(JudgeFailure, retryAfter: TimeInterval?)
  }

  private func attempt(_ request: HTTPRequest) async -> Attempt {
    let response: HTTPResponse
    do {
      response = try await transport.send(request)
    } catch HTTPTransportError.timedOut {
      return .failed(.timeout, retryAfter: nil)
    } catch HTTPTransportError.cancelled {
      return .failed(.cancelled, retryAfter: nil)
    } catch {
      if Task.isCancelled { return .failed(.cancelled, retryAfter: nil) }
      return .failed(.connection, retryAfter: nil)
    }
    let retryAfter = response.header("Retry-After").flatMap { RetryAfter.seconds($0) }
    switch response.status {
    case 200..<300:
      guard let completion = VLMCompletion.parse(response.body) else {
        return .failed(.malformedResponse, retryAfter: nil)
      }
      return .answer(completion)
    case 429: return .failed(.rateLimited, retryAfter: retryAfter)
    case 408: return .failed(.timeout, retryAfter: retryAfter)
    case 500..<600: return .failed(.serverError, retryAfter: retryAfter)
    default: return .failed(.clientError, retryAfter: nil)
    }
  }
}
