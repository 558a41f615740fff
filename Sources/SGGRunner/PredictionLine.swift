import SGGCore
import SGGFormats

/// One line of the runner's predictions JSONL, in the form `sgg-eval score` reads
/// (`PredictionsReader`): `id`, `response`, `box_space`, `gen_time_s`, `usage`,
/// `finish_reason`, plus `endpoint` (ignored by the reader).
public enum PredictionLine {
  /// An answered sample.
  public static func answered(
    id: String, response: String, boxSpace: BoxSpace, seconds: Double?, promptTokens: Int?,
    completionTokens: Int?, finishReason: String?, endpoint: String?
  ) -> String {
    var fields = [
      ("id", CanonicalNumber.jsonString(id)), ("response", CanonicalNumber.jsonString(response)),
      ("box_space", CanonicalNumber.jsonString(boxSpace.name)),
    ]
    if let seconds { fields.append(("gen_time_s", CanonicalNumber.json(seconds))) }
    if promptTokens != nil || completionTokens != nil {
      var usage: [String] = []
      if let p = promptTokens { usage.append("\"prompt_tokens\": \(p)") }
      if let c = completionTokens { usage.append("\"completion_tokens\": \(c)") }
      fields.append(("usage", "{" + usage.joined(separator: ", ") + "}"))
    }
    if let finishReason {
      fields.append(("finish_reason", CanonicalNumber.jsonString(finishReason)))
    }
    if let endpoint { fields.append(("endpoint", CanonicalNumber.jsonString(endpoint))) }
    return render(fields)
  }

  /// A sample whose request failed after all retries: `"response": null`, which scoring counts
  /// as `no_answer`, with the reason in `error`.
  public static func failed(id: String, boxSpace: BoxSpace, error: String) -> String {
    render([
      ("id", CanonicalNumber.jsonString(id)), ("response", "null"),
      ("box_space", CanonicalNumber.jsonString(boxSpace.name)),
      ("error", CanonicalNumber.jsonString(error)),
    ])
  }

  static func render(_ fields: [(String, String)]) -> String {
    "{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}"
  }
}
