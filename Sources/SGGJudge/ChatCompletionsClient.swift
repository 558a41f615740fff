import Foundation

/// What asking one prompt came to, after all retries.
public struct ChatOutcome: Sendable, Hashable {
  /// The reply text (`choices[0].message.content`), nil when unanswered.
  public var answer: String?
  /// Why it stayed unanswered (nil when answered).
  public var failure: JudgeFailure?
  /// One entry per failed attempt, in order (so `attemptFailures.count` retries happened if
  /// the question was finally answered).
  public var attemptFailures: [JudgeFailure]
  /// HTTP requests actually sent for this prompt.
  public var requestsSent: Int
}

/// A minimal OpenAI chat-completions client for one-shot judge questions
/// (`POST {base}/v1/chat/completions`, non-streaming).
public struct ChatCompletionsClient: Sendable {
  public let endpoint: JudgeEndpoint
  public let retry: RetryPolicy
  public let transport: any HTTPTransport

  public init(
    endpoint: JudgeEndpoint, retry: RetryPolicy = RetryPolicy(),
    transport: any HTTPTransport = URLSessionTransport()
  ) {
    self.endpoint = endpoint
    self.retry = retry
    self.transport = transport
  }

  /// The request body: model, the two messages, temperature and max_tokens.
  public func requestBody(for prompt: RenderedPrompt) -> Data {
    let body = RequestBody(
      model: endpoint.model,
      messages: [
        .init(role: "system", content: prompt.system), .init(role: "user", content: prompt.user),
      ],
      temperature: prompt.temperature, max_tokens: prompt.maxTokens)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Encoding plain strings and numbers cannot fail.
    return (try? encoder.encode(body)) ?? Data()
  }

  /// Asks `prompt`, retrying per ``retry``.
  ///
  /// - Parameter mayAttempt: called before every HTTP request; returning false stops with
  ///   ``JudgeFailure/budget`` (the judge's request budget).
  public func complete(
    _ prompt: RenderedPrompt, mayAttempt: @Sendable () async -> Bool = { true }
  ) async -> ChatOutcome {
    var headers = ["Content-Type": "application/json", "Accept": "application/json"]
    if let key = endpoint.apiKey { headers["Authorization"] = "Bearer \(key)" }
    let request = HTTPRequest(
      url: endpoint.chatCompletionsURL, method: "POST", headers: headers,
      body: requestBody(for: prompt), timeout: endpoint.timeout)
    var failures: [JudgeFailure] = []
    var sent = 0
    func unanswered(_ reason: JudgeFailure) -> ChatOutcome {
      ChatOutcome(answer: nil, failure: reason, attemptFailures: failures, requestsSent: sent)
    }
    while true {
      if Task.isCancelled { return unanswered(.cancelled) }
      guard await mayAttempt() else { return unanswered(.budget) }
      sent += 1
      let attempt = await attempt(request)
      switch attempt {
      case .answer(let text):
        return ChatOutcome(
          answer: text, failure: nil, attemptFailures: failures, requestsSent: sent)
      case .failed(.cancelled, _):
        return unanswered(.cancelled)
      case .failed(let reason, let retryAfter):
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
    case answer(String)
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
      guard let text = Self.content(of: response.body) else {
        return .failed(.malformedResponse, retryAfter: nil)
      }
      return .answer(text)
    case 429:
      return .failed(.rateLimited, retryAfter: retryAfter)
    case 408:
      return .failed(.timeout, retryAfter: retryAfter)
    case 500..<600:
      return .failed(.serverError, retryAfter: retryAfter)
    default:
      return .failed(.clientError, retryAfter: nil)
    }
  }

  /// `choices[0].message.content` as text; nil when the body is not such a completion.
  static func content(of body: Data) -> String? {
    guard let reply = try? JSONDecoder().decode(ResponseBody.self, from: body),
      let first = reply.choices.first
    else { return nil }
    return first.message.content
  }

  private struct RequestBody: Encodable {
    struct Message: Encodable {
      var role: String
      var content: String
    }
    var model: String
    var messages: [Message]
    var temperature: Double
    // swift-format-ignore: AlwaysUseLowerCamelCase
    var max_tokens: Int
  }

  private struct ResponseBody: Decodable {
    struct Choice: Decodable {
      struct Message: Decodable {
        var content: String?
      }
      var message: Message
    }
    var choices: [Choice]
  }
}
