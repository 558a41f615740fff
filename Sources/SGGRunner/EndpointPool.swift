import SGGJudge

/// The servers of a run; each request goes to the one with the fewest requests in flight
/// (ties: the one used least recently), so faster servers take more of the work.
public actor EndpointPool {
  public let endpoints: [JudgeEndpoint]
  private var inFlight: [Int]
  private var lastUsed: [Int]
  private var clock = 0
  /// Requests answered per endpoint (for the summary).
  public private(set) var answered: [Int]

  public init(_ endpoints: [JudgeEndpoint]) {
    self.endpoints = endpoints
    inFlight = Array(repeating: 0, count: endpoints.count)
    lastUsed = Array(repeating: -1, count: endpoints.count)
    answered = Array(repeating: 0, count: endpoints.count)
  }

  /// Picks an endpoint for one request; call ``release(_:answered:)`` when it is done.
  public func acquire() -> Int {
    var best = 0
    for i in endpoints.indices.dropFirst()
    where inFlight[i] < inFlight[best]
      || (inFlight[i] == inFlight[best] && lastUsed[i] < lastUsed[best])
    {
      best = i
    }
    inFlight[best] += 1
    clock += 1
    lastUsed[best] = clock
    return best
  }

  public func release(_ index: Int, answered ok: Bool) {
    guard inFlight.indices.contains(index) else { return }
    inFlight[index] = max(0, inFlight[index] - 1)
    if ok { answered[index] += 1 }
  }
}
