import Foundation

/// The JSON body of one multimodal chat-completions request.
///
/// The user message's content is the image (`image_url` with a data URL) followed by the text,
/// as R1-SGG's `format_data` and SceneGraphVLM's `<image>\n` prompts put them. A response prefix
/// is sent as a final assistant message with `continue_final_message: true` and
/// `add_generation_prompt: false` (vLLM's switches; llama.cpp's server continues a final
/// assistant message by itself and ignores the two fields).
public enum ChatRequestBody {
  public static func encode(
    model: String, prompt: VLMPrompt, imageDataURL: String?, sampling: SamplingParameters
  ) -> Data {
    var messages: [[String: Any]] = []
    if let system = prompt.system { messages.append(["role": "system", "content": system]) }
    var content: [[String: Any]] = []
    if let imageDataURL {
      content.append(["type": "image_url", "image_url": ["url": imageDataURL]])
    }
    content.append(["type": "text", "text": prompt.user])
    messages.append(["role": "user", "content": content])
    var body: [String: Any] = ["model": model, "messages": messages, "stream": false]
    if let prefix = prompt.responsePrefix, !prefix.isEmpty {
      messages.append(["role": "assistant", "content": prefix])
      body["messages"] = messages
      body["continue_final_message"] = true
      body["add_generation_prompt"] = false
    }
    if let t = sampling.temperature { body["temperature"] = t }
    if let p = sampling.topP { body["top_p"] = p }
    if let k = sampling.topK { body["top_k"] = k }
    if let m = sampling.maxTokens { body["max_tokens"] = m }
    if let s = sampling.seed { body["seed"] = s }
    if !prompt.stop.isEmpty { body["stop"] = prompt.stop }
    // Plain strings, numbers and booleans always serialise.
    return
      (try? JSONSerialization.data(
        withJSONObject: body, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
  }
}

/// One answer of the server.
public struct VLMCompletion: Hashable, Sendable {
  /// `choices[0].message.content` ("" when null).
  public var content: String
  public var finishReason: String?
  public var promptTokens: Int?
  public var completionTokens: Int?

  /// Reads a chat-completions response body; nil unless it has `choices[0].message`.
  public static func parse(_ body: Data) -> VLMCompletion? {
    guard let root = try? JSONSerialization.jsonObject(with: body) as? [String: Any],
      let choices = root["choices"] as? [Any], let first = choices.first as? [String: Any],
      let message = first["message"] as? [String: Any]
    else { return nil }
    let content: String
    switch message["content"] {
    case let text as String: content = text
    case is NSNull, nil: content = ""
    default: return nil
    }
    let usage = root["usage"] as? [String: Any]
    func int(_ v: Any?) -> Int? {
      if let n = v as? Int { return n }
      if let d = v as? Double, d.isFinite, d == d.rounded(), abs(d) < 1e15 { return Int(d) }
      return nil
    }
    return VLMCompletion(
      content: content, finishReason: first["finish_reason"] as? String,
      promptTokens: int(usage?["prompt_tokens"]), completionTokens: int(usage?["completion_tokens"])
    )
  }
}
