import Foundation

/// Why the judge cannot be set up; each message says which flag or variable to fix.
public enum JudgeConfigurationError: Error, Equatable, CustomStringConvertible {
  case badURL(String)
  case emptyModel
  case missingAPIKey(variable: String)

  public var description: String {
    switch self {
    case .badURL(let url):
      return "judge URL \"\(url)\" is not an http(s) URL such as http://127.0.0.1:8000/v1"
    case .emptyModel:
      return
        "the judge model name is empty (give the name the server serves, e.g. Qwen/Qwen3-4B-Instruct-2507)"
    case .missingAPIKey(let variable):
      return "the judge API key variable \(variable) is not set or is empty"
    }
  }
}

/// Where the judge's OpenAI-compatible server is and how to talk to it.
public struct JudgeEndpoint: Sendable, Hashable {
  /// The server's base URL as given (with or without `/v1`).
  public var baseURL: URL
  /// The model name sent in every request; also part of the cache key.
  public var model: String
  /// Sent as `Authorization: Bearer …` when present. Never stored or logged.
  public var apiKey: String?
  /// Seconds a request may go without progress (whole seconds: FoundationNetworking truncates).
  public var timeout: TimeInterval

  /// - Parameters:
  ///   - baseURL: `http://host:port`, `http://host:port/v1`, or a full `…/chat/completions` URL.
  ///   - apiKeyEnvironmentVariable: the NAME of the variable holding the key (the key itself
  ///     never appears on a command line); nil for servers without authentication.
  ///   - environment: where the variable is looked up (the process environment by default).
  public init(
    baseURL: String, model: String, apiKeyEnvironmentVariable: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    timeout: TimeInterval = 60
  ) throws {
    guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(),
      scheme == "http" || scheme == "https", url.host != nil
    else {
      throw JudgeConfigurationError.badURL(baseURL)
    }
    guard !model.trimmingCharacters(in: .whitespaces).isEmpty else {
      throw JudgeConfigurationError.emptyModel
    }
    var key: String?
    if let variable = apiKeyEnvironmentVariable {
      guard let value = environment[variable], !value.isEmpty else {
        throw JudgeConfigurationError.missingAPIKey(variable: variable)
      }
      key = value
    }
    self.baseURL = url
    self.model = model
    self.apiKey = key
    self.timeout = timeout
  }

  /// `{base}/v1/chat/completions`, not doubling a `/v1` the base already ends with.
  public var chatCompletionsURL: URL {
    var text = baseURL.absoluteString
    while text.hasSuffix("/") { text.removeLast() }
    if text.hasSuffix("/chat/completions") { return URL(string: text) ?? baseURL }
    if !text.hasSuffix("/v1") { text += "/v1" }
    return URL(string: text + "/chat/completions") ?? baseURL
  }
}
