import Foundation
import SGGCore
import SGGFormats
import SGGJudge
import SGGStore

/// Where the previous frame's graph in a video prompt comes from.
public enum PreviousSource: String, Hashable, Sendable, CaseIterable {
  /// No previous block (SceneGraphVLM's `*_noprevgraph` variants).
  case none
  /// The previous frame's ground truth ("GT-prompt", the released test files).
  case gt
  /// The model's own answer for the previous frame ("GEN-prompt", `--prev-source model`):
  /// frames of a video are then asked in order, videos in parallel.
  case model
}

/// Everything that decides what is sent for each sample.
public struct RunConfiguration: Sendable {
  public var model: String
  public var endpoints: [JudgeEndpoint]
  public var preset: PromptPreset
  /// The classes for closed prompts (r1sgg-closed, templates).
  public var vocabulary: Vocabulary?
  public var previousSource: PreviousSource
  public var images: ImagePreparation
  public var boxSpace: RunnerBoxSpace
  public var sampling: SamplingParameters
  /// Requests in flight at once, over all endpoints.
  public var concurrency: Int
  public var retry: RetryPolicy
  /// R1-SGG's think system prompt.
  public var thinkSystemPrompt: Bool
  /// The predictions JSONL written (absolute path recommended; it identifies the run for
  /// auto-resume).
  public var outputPath: String

  public init(
    model: String, endpoints: [JudgeEndpoint], preset: PromptPreset, vocabulary: Vocabulary?,
    previousSource: PreviousSource = .gt, images: ImagePreparation, boxSpace: RunnerBoxSpace,
    sampling: SamplingParameters, concurrency: Int = 4, retry: RetryPolicy = RetryPolicy(),
    thinkSystemPrompt: Bool = false, outputPath: String
  ) {
    self.model = model
    self.endpoints = endpoints
    self.preset = preset
    self.vocabulary = vocabulary
    self.previousSource = previousSource
    self.images = images
    self.boxSpace = boxSpace
    self.sampling = sampling
    self.concurrency = max(1, concurrency)
    self.retry = retry
    self.thinkSystemPrompt = thinkSystemPrompt
    self.outputPath = outputPath
  }

  /// The settings that must match for a stored run to be resumed with this configuration
  /// (endpoints and concurrency may change between sessions).
  public var fingerprint: [String: String] {
    var f: [String: String] = [
      "model": model, "prompt": preset.name, "prev_source": previousSource.rawValue,
      "resize": images.resize.name, "jpeg_quality": String(images.jpegQuality),
      "box_space": boxSpace.name, "think_system_prompt": String(thinkSystemPrompt),
      "temperature": sampling.temperature.map { String($0) } ?? "",
      "top_p": sampling.topP.map { String($0) } ?? "",
      "top_k": sampling.topK.map { String($0) } ?? "",
      "max_tokens": sampling.maxTokens.map { String($0) } ?? "",
      "seed": sampling.seed.map { String($0) } ?? "",
    ]
    if case .template(let t) = preset {
      f["prompt_sha256"] = SHA256.hexDigest(of: Array(t.text.utf8))
    }
    if case .r1sggClosed = preset, let v = vocabulary {
      f["vocabulary_sha256"] = SHA256.hexDigest(
        of: Array(
          (v.objects.joined(separator: "\n") + "\n\n" + v.predicates.joined(separator: "\n")).utf8))
    }
    return f
  }

  /// The run's `protocol_options_json`: the fingerprint plus output path, endpoints and
  /// concurrency.
  public var optionsJSON: String {
    var object: [String: Any] = fingerprint
    object["output"] = outputPath
    object["endpoints"] = endpoints.map { $0.baseURL.absoluteString }
    object["concurrency"] = concurrency
    object["runner"] = "sgg-eval run"
    let data =
      (try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    return String(decoding: data, as: UTF8.self)
  }

  /// The box space of a sample's predictions. The sent size is the resize target, or the
  /// ground truth's image size when images are sent as stored (so that a resumed run writes
  /// the same value without opening the image); `prepared` fills in sizes the ground truth
  /// lacks.
  public func boxSpace(for sample: Sample, prepared: PreparedImage? = nil) -> BoxSpace {
    var ow = Int(sample.width.rounded())
    var oh = Int(sample.height.rounded())
    if ow <= 0 || oh <= 0, let prepared {
      ow = prepared.originalWidth
      oh = prepared.originalHeight
    }
    var sw = ow
    var sh = oh
    if case .exact(let w, let h) = images.resize {
      // A resized input is always named as such, even when the size happens not to change.
      if case .sent = boxSpace { return .resized(width: Double(w), height: Double(h)) }
      sw = w
      sh = h
    }
    return boxSpace.space(sentWidth: sw, sentHeight: sh, originalWidth: ow, originalHeight: oh)
  }
}

/// Finding the run a predictions file belongs to.
public enum RunLookup {
  /// The newest `run` of `store` whose options name `outputPath` as its output, if any.
  public static func latestRun(writing outputPath: String, in store: ResultsStore) throws
    -> RunRecord?
  {
    try store.runs(filter: RunFilter(command: .run)).last { run in
      options(of: run)["output"] as? String == outputPath
    }
  }

  /// The run's options JSON as a dictionary.
  public static func options(of run: RunRecord) -> [String: Any] {
    guard let data = run.protocolOptionsJSON.data(using: .utf8),
      let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else { return [:] }
    return object
  }

  /// The fingerprint fields where `run` differs from `configuration` (empty: resumable).
  public static func differences(_ run: RunRecord, _ configuration: RunConfiguration) -> [String] {
    let stored = options(of: run)
    return configuration.fingerprint.keys.sorted().filter { key in
      (stored[key] as? String) != configuration.fingerprint[key]
    }
  }
}
