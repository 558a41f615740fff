import Foundation

/// One model response collected by the runner (one row of `predictions`). At most one per
/// (run, sample): a resumed run asks ``ResultsStore/finishedSampleIDs(runID:)`` and skips those.
public struct PredictionRecord: Hashable, Sendable {
  public var sampleID: String
  /// The model's raw response text.
  public var response: String
  /// Wall time of the request in seconds.
  public var latencyS: Double?
  public var promptTokens: Int?
  public var completionTokens: Int?
  /// The server's `finish_reason` (`stop`, `length`, …).
  public var finishReason: String?
  /// The server base URL that answered.
  public var endpoint: String?
  /// Stored as ISO-8601 UTC text with millisecond precision.
  public var createdAt: Date

  public init(
    sampleID: String, response: String, latencyS: Double? = nil, promptTokens: Int? = nil,
    completionTokens: Int? = nil, finishReason: String? = nil, endpoint: String? = nil,
    createdAt: Date = Date()
  ) {
    self.sampleID = sampleID
    self.response = response
    self.latencyS = latencyS
    self.promptTokens = promptTokens
    self.completionTokens = completionTokens
    self.finishReason = finishReason
    self.endpoint = endpoint
    self.createdAt = createdAt
  }
}
