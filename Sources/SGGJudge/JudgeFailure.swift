/// Why one attempt at a judge request failed, or why a question stayed unanswered.
public enum JudgeFailure: String, Hashable, Sendable, Codable, CaseIterable {
  /// HTTP 429.
  case rateLimited = "rate_limited"
  /// HTTP 5xx.
  case serverError = "server_error"
  /// Another HTTP 4xx (bad key, unknown model, prompt too long): not retried.
  case clientError = "client_error"
  case timeout
  /// Refused, reset or dropped connection.
  case connection
  /// HTTP 200 whose body is not a chat completion with a text answer.
  case malformedResponse = "malformed_response"
  /// The run's request budget was spent before this question could be asked (again).
  case budget
  /// The run was cancelled first.
  case cancelled
}
