import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// One HTTP request as the judge client sends it.
public struct HTTPRequest: Sendable, Hashable {
  public var url: URL
  public var method: String
  public var headers: [String: String]
  public var body: Data
  /// Seconds without progress before the request fails with ``HTTPTransportError/timedOut``
  /// (``URLSessionTransport`` rounds it up to whole seconds).
  public var timeout: TimeInterval

  public init(
    url: URL, method: String = "POST", headers: [String: String] = [:], body: Data = Data(),
    timeout: TimeInterval = 60
  ) {
    self.url = url
    self.method = method
    self.headers = headers
    self.body = body
    self.timeout = timeout
  }
}

/// A response: status, headers (names lower-cased) and body.
public struct HTTPResponse: Sendable, Hashable {
  public var status: Int
  public var headers: [String: String]
  public var body: Data

  public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
    self.status = status
    self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }) { a, _ in a }
    self.body = body
  }

  /// A header by case-insensitive name.
  public func header(_ name: String) -> String? { headers[name.lowercased()] }
}

/// Transport failures, sorted into the kinds the retry policy cares about.
public enum HTTPTransportError: Error, Equatable, CustomStringConvertible {
  case timedOut(url: String)
  /// Refused, reset, dropped before a response, DNS, TLS, …
  case connection(url: String, reason: String)
  case cancelled

  public var description: String {
    switch self {
    case .timedOut(let url): return "\(url): request timed out"
    case .connection(let url, let reason): return "\(url): connection failed: \(reason)"
    case .cancelled: return "request cancelled"
    }
  }
}

/// The seam between the chat-completions client and the network, so tests can point the
/// client at any server (the test suite uses a real local HTTP server through
/// ``URLSessionTransport``).
public protocol HTTPTransport: Sendable {
  /// Sends `request`; throws ``HTTPTransportError`` when no HTTP response came back.
  func send(_ request: HTTPRequest) async throws -> HTTPResponse
}

/// ``HTTPTransport`` over `URLSession` (on Linux FoundationNetworking, i.e. libcurl).
///
/// By default every request goes on a fresh connection (`Connection: close`). The reason is a
/// libcurl/FoundationNetworking interaction: when a reused keep-alive connection dies after the
/// request went out (a server closing idle connections, a proxy dropping one), libcurl silently
/// resends the request on a new connection, but FoundationNetworking cannot rewind the body, so
/// the resent request carries headers and no body and hangs until the timeout. A new TCP (and
/// TLS) handshake per question costs far less than a judge answer takes.
public final class URLSessionTransport: HTTPTransport {
  private let session: URLSession
  private let keepAlive: Bool

  /// - Parameters:
  ///   - maximumConnections: connection pool size per host; set it to at least the judge's
  ///     concurrency.
  ///   - keepAlive: reuse connections (faster against remote HTTPS servers, but exposed to
  ///     the stall described above).
  public init(maximumConnections: Int = 16, keepAlive: Bool = false) {
    self.keepAlive = keepAlive
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = max(1, maximumConnections)
    configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
    configuration.urlCache = nil
    session = URLSession(configuration: configuration)
  }

  deinit {
    session.finishTasksAndInvalidate()
  }

  public func send(_ request: HTTPRequest) async throws -> HTTPResponse {
    var urlRequest = URLRequest(url: request.url)
    urlRequest.httpMethod = request.method
    // FoundationNetworking truncates the timeout to whole seconds (`Int(timeoutInterval)`), so
    // 0.5 would become 0 and time every request out at once: round up, at least 1 s.
    urlRequest.timeoutInterval = Self.wholeSeconds(request.timeout)
    for (name, value) in request.headers {
      urlRequest.setValue(value, forHTTPHeaderField: name)
    }
    if !keepAlive { urlRequest.setValue("close", forHTTPHeaderField: "Connection") }
    if !request.body.isEmpty { urlRequest.httpBody = request.body }
    let data: Data
    let response: URLResponse
    do {
      (data, response) = try await session.data(for: urlRequest)
    } catch {
      throw Self.classify(error, url: request.url)
    }
    guard let http = response as? HTTPURLResponse else {
      throw HTTPTransportError.connection(
        url: request.url.absoluteString, reason: "not an HTTP response")
    }
    var headers: [String: String] = [:]
    for (name, value) in http.allHeaderFields {
      if let name = name as? String, let value = value as? String {
        headers[name.lowercased()] = value
      }
    }
    return HTTPResponse(status: http.statusCode, headers: headers, body: data)
  }

  /// `timeout` rounded up to whole seconds, at least 1.
  static func wholeSeconds(_ timeout: TimeInterval) -> TimeInterval {
    guard timeout.isFinite else { return 60 }
    return max(1, timeout.rounded(.up))
  }

  private static func classify(_ error: Error, url: URL) -> HTTPTransportError {
    if error is CancellationError { return .cancelled }
    if let urlError = error as? URLError {
      switch urlError.code {
      case .timedOut: return .timedOut(url: url.absoluteString)
      case .cancelled: return .cancelled
      default:
        return .connection(url: url.absoluteString, reason: urlError.localizedDescription)
      }
    }
    return .connection(url: url.absoluteString, reason: "\(error)")
  }
}
