import SGGMetrics
import SGGStore

/// One chat request a judge question becomes: the two messages and the sampling limits.
public struct RenderedPrompt: Hashable, Sendable {
  public var system: String
  public var user: String
  public var maxTokens: Int
  public var temperature: Double

  public init(system: String, user: String, maxTokens: Int, temperature: Double) {
    self.system = system
    self.user = user
    self.maxTokens = maxTokens
    self.temperature = temperature
  }
}

/// The judge's prompts: SceneGraphVLM's, with or without scene context (eval-protocols §3.4).
///
/// The texts are the anchor's verbatim (`SYSTEM_SYNONYM`, `SYSTEM_TRIPLET`,
/// `_build_synonym_prompt_with_full_scene`, the relation prompt of
/// `batch_relation_triplet_check`, and their context-free fallbacks), including the trailing
/// spaces before line breaks in the system prompts and Python's `repr` quoting of labels.
public struct JudgePrompts: Hashable, Sendable {
  public enum Preset: String, Hashable, Sendable, CaseIterable {
    /// Objects and relations judged with both scene summaries, as SceneGraphVLM does.
    case scenegraphvlm
    /// The anchor's fallback prompts without scene summaries; identical label pairs from
    /// different images become one question.
    case contextFree = "context-free"
  }

  public var preset: Preset

  public init(preset: Preset) {
    self.preset = preset
  }

  public static let scenegraphvlm = JudgePrompts(preset: .scenegraphvlm)
  public static let contextFree = JudgePrompts(preset: .contextFree)

  /// The anchor's sampling: greedy, 8 new tokens for objects, 16 for relations.
  public static let temperature = 0.0
  public static let objectMaxTokens = 8
  public static let relationMaxTokens = 16

  // The anchor's triple-quoted strings: note the space before each line break.
  static let objectSystem =
    "You are a judge for scene graph evaluation. \n"
    + "You must answer with a single digit: 1 if the two given terms are synonymous in the given "
    + "context, 0 otherwise. \n"
    + "No explanation, only 1 or 0."

  static let relationSystem =
    "You are a judge for scene graph evaluation. \n"
    + "You must answer with a single digit: 1 if the two given relationship triplets (subject, "
    + "predicate, object) \n"
    + "are semantically equivalent in the scene context, 0 otherwise. No explanation, only 1 or 0."

  /// The request for `question`.
  ///
  /// In the `scenegraphvlm` preset a question without both scene summaries gets the context-free
  /// prompt, which is also what the anchor falls back to. A relation "triplet" with fewer than
  /// three parts is padded with empty strings rather than rejected (bad input never crashes).
  public func render(_ question: EquivalenceQuestion) -> RenderedPrompt {
    var scenes: (String, String)?
    if preset == .scenegraphvlm, let gt = question.groundTruthScene,
      let pred = question.predictionScene
    {
      scenes = (gt, pred)
    }
    switch question.kind {
    case .object:
      let gt = question.groundTruth.first ?? ""
      let pred = question.prediction.first ?? ""
      return RenderedPrompt(
        system: Self.objectSystem, user: Self.objectUser(gt: gt, pred: pred, scenes: scenes),
        maxTokens: Self.objectMaxTokens, temperature: Self.temperature)
    case .relation:
      return RenderedPrompt(
        system: Self.relationSystem,
        user: Self.relationUser(
          gt: Self.triplet(question.groundTruth), pred: Self.triplet(question.prediction),
          scenes: scenes),
        maxTokens: Self.relationMaxTokens, temperature: Self.temperature)
    }
  }

  /// Text that identifies these prompts; its SHA-256 is the cache's `prompt_hash`. It holds
  /// every template and sampling setting, so any change to a prompt misses the old verdicts.
  public var fingerprint: String {
    let placeholders = (gt: "{gt}", pred: "{pred}")
    let scenes = preset == .scenegraphvlm ? ("{gt_scene}", "{pred_scene}") : nil
    let t = ["{s1}", "{p1}", "{o1}"]
    let u = ["{s2}", "{p2}", "{o2}"]
    return [
      "sgg-eval judge prompts v1", "preset=\(preset.rawValue)",
      "temperature=\(Self.temperature)", "object.max_tokens=\(Self.objectMaxTokens)",
      "relation.max_tokens=\(Self.relationMaxTokens)", "object.system=\(Self.objectSystem)",
      "relation.system=\(Self.relationSystem)",
      "object.user=\(Self.objectUser(gt: placeholders.gt, pred: placeholders.pred, scenes: scenes))",
      "object.user.fallback=\(Self.objectUser(gt: placeholders.gt, pred: placeholders.pred, scenes: nil))",
      "relation.user=\(Self.relationUser(gt: t, pred: u, scenes: scenes))",
      "relation.user.fallback=\(Self.relationUser(gt: t, pred: u, scenes: nil))",
    ].joined(separator: "\n")
  }

  /// Lower-case hex SHA-256 of ``fingerprint``.
  public var promptHash: String {
    SHA256.hexDigest(of: Array(fingerprint.utf8))
  }

  private static func triplet(_ parts: [String]) -> [String] {
    (0..<3).map { parts.indices.contains($0) ? parts[$0] : "" }
  }

  private static func objectUser(gt: String, pred: String, scenes: (String, String)?) -> String {
    guard let (gtScene, predScene) = scenes else {
      // `_build_synonym_prompt(term_gt, term_pred, "object")`: plain double quotes, no repr.
      return "Are \"\(gt)\" and \"\(pred)\" synonymous in the context of object/category labels "
        + "in a scene graph (e.g. person, car, tree). Answer with only 1 or 0."
    }
    return "You are given the full ground-truth and predicted scene graphs for one image. "
      + "Based on this full context, decide if the two object/category labels below refer to "
      + "the same entity.\n\n"
      + "Full GT scene graph: \(gtScene)\n\n"
      + "Full predicted scene graph: \(predScene)\n\n"
      + "Do the two labels \(PythonRepr.string(gt)) (from GT) and \(PythonRepr.string(pred)) "
      + "(from prediction) refer to the same entity in this scene? Answer only 1 or 0."
  }

  private static func relationUser(gt: [String], pred: [String], scenes: (String, String)?)
    -> String
  {
    let r = PythonRepr.string
    let gtLine = "subject=\(r(gt[0])), predicate=\(r(gt[1])), object=\(r(gt[2]))."
    let predLine = "subject=\(r(pred[0])), predicate=\(r(pred[1])), object=\(r(pred[2]))."
    guard let (gtScene, predScene) = scenes else {
      return "Subject and object in both triplets refer to the same entities (already matched). "
        + "Judge only whether the predicates are semantically equivalent in the scene graph "
        + "context.\n"
        + "Triplet 1: \(gtLine)\n"
        + "Triplet 2: \(predLine)\n"
        + "Answer only 1 or 0."
    }
    return "You are given the full ground-truth and predicted scene graphs for one image. "
      + "Based on this full context, decide if the specific relation pair below are "
      + "semantically equivalent.\n\n"
      + "Full GT scene graph: \(gtScene)\n\n"
      + "Full predicted scene graph: \(predScene)\n\n"
      + "Now consider this specific relation pair (same entities, matched by bounding box):\n"
      + "GT relation: \(gtLine)\n"
      + "Pred relation: \(predLine)\n"
      + "Are these two relations semantically equivalent in the context of the scene above? "
      + "Answer only 1 or 0."
  }
}
