/// Generation settings sent with every request (nil fields are left to the server).
public struct SamplingParameters: Hashable, Sendable, Codable {
  public var temperature: Double?
  public var topP: Double?
  /// `top_k`: not in the OpenAI API, accepted by vLLM, SGLang and llama.cpp.
  public var topK: Int?
  public var maxTokens: Int?
  public var seed: Int?

  public init(
    temperature: Double? = nil, topP: Double? = nil, topK: Int? = nil, maxTokens: Int? = nil,
    seed: Int? = nil
  ) {
    self.temperature = temperature
    self.topP = topP
    self.topK = topK
    self.maxTokens = maxTokens
    self.seed = seed
  }
}
