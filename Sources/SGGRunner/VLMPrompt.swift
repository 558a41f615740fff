import SGGCore

/// One request's prompt: the messages' text plus how generation is steered.
public struct VLMPrompt: Hashable, Sendable {
  /// The system message, if any.
  public var system: String?
  /// The user text; the image goes before it in the same message.
  public var user: String
  /// Text the answer is continued from (sent as a final assistant message; it is put back in
  /// front of the returned text so the stored response reads as the model's whole answer).
  public var responsePrefix: String?
  /// Stop strings.
  public var stop: [String]

  public init(
    system: String? = nil, user: String, responsePrefix: String? = nil, stop: [String] = []
  ) {
    self.system = system
    self.user = user
    self.responsePrefix = responsePrefix
    self.stop = stop
  }
}

/// What the previous frame of a video contributes to a prompt.
public enum PreviousFrame: Hashable, Sendable {
  /// First frame of a video, an image dataset, or `--prev-source none`.
  case none
  /// The previous frame's ground truth ("GT-prompt").
  case groundTruth(Sample)
  /// The model's answer for the previous frame, as stored ("GEN-prompt"); empty when that
  /// request failed (the anchor then sends an empty block).
  case generated(String)
}
