import Foundation
import SGGCore

/// Why a prompt cannot be built.
public enum PromptError: Error, Hashable, Sendable, CustomStringConvertible {
  case unknownPreset(String)
  case unreadableTemplate(path: String, reason: String)
  case closedNeedsVocabulary

  public var description: String {
    switch self {
    case .unknownPreset(let name):
      return
        "unknown prompt '\(name)': use \(PromptPreset.names.joined(separator: ", ")) or a template FILE"
    case .unreadableTemplate(let path, let reason):
      return "\(path): cannot read the prompt template (\(reason))"
    case .closedNeedsVocabulary:
      return
        "prompt r1sgg-closed lists the dataset's classes: give --vocab or --dataset (the vocabulary is empty)"
    }
  }
}

/// The prompt families the runner knows, plus user templates.
public enum PromptPreset: Hashable, Sendable {
  /// R1-SGG `PROMPT_SG` (open vocabulary, JSON).
  case r1sggOpen
  /// R1-SGG `PROMPT_CLOSE` with the run's vocabulary.
  case r1sggClosed
  /// SceneGraphVLM PSG (TOON, closed vocabulary, 640×480).
  case sceneGraphVLMPSG
  /// SceneGraphVLM PVSG (TOON, previous frame's graph).
  case sceneGraphVLMPVSG
  /// SceneGraphVLM Action Genome (`rel_pairs` TOON, previous frame's graph).
  case sceneGraphVLMAG
  /// A user template (``PromptTemplate``).
  case template(PromptTemplate)

  /// The preset names accepted by ``init(name:)``.
  public static let names = [
    "r1sgg-open", "r1sgg-closed", "scenegraphvlm-psg", "scenegraphvlm-pvsg", "scenegraphvlm-ag",
  ]

  /// A preset by name, or a template file when `name` is not a preset.
  public init(name: String) throws {
    switch name {
    case "r1sgg-open": self = .r1sggOpen
    case "r1sgg-closed": self = .r1sggClosed
    case "scenegraphvlm-psg": self = .sceneGraphVLMPSG
    case "scenegraphvlm-pvsg": self = .sceneGraphVLMPVSG
    case "scenegraphvlm-ag": self = .sceneGraphVLMAG
    default:
      guard FileManager.default.fileExists(atPath: name) else {
        throw PromptError.unknownPreset(name)
      }
      self = .template(try PromptTemplate(contentsOfFile: name))
    }
  }

  /// The name stored with the run (`template:<path>` for templates).
  public var name: String {
    switch self {
    case .r1sggOpen: return "r1sgg-open"
    case .r1sggClosed: return "r1sgg-closed"
    case .sceneGraphVLMPSG: return "scenegraphvlm-psg"
    case .sceneGraphVLMPVSG: return "scenegraphvlm-pvsg"
    case .sceneGraphVLMAG: return "scenegraphvlm-ag"
    case .template(let t): return "template:\(t.path)"
    }
  }

  /// True for the SceneGraphVLM family (640×480 input, `<answer>` prefix, `</answer>` stop).
  public var isSceneGraphVLM: Bool {
    switch self {
    case .sceneGraphVLMPSG, .sceneGraphVLMPVSG, .sceneGraphVLMAG: return true
    default: return false
    }
  }

  /// True when the prompt carries the previous frame's graph.
  public var usesPreviousFrame: Bool {
    switch self {
    case .sceneGraphVLMPVSG, .sceneGraphVLMAG: return true
    case .template(let t): return t.text.contains(PromptTemplate.previousPlaceholder)
    default: return false
    }
  }

  /// The scoring protocol preset that matches the prompt's anchor.
  public var scoringProtocol: String {
    switch self {
    case .r1sggOpen, .r1sggClosed: return "r1sgg"
    case .sceneGraphVLMPSG, .sceneGraphVLMPVSG, .sceneGraphVLMAG: return "scenegraphvlm"
    case .template: return "default"
    }
  }

  /// The anchor's sampling defaults (eval-protocols §2.1, §3.7).
  public var defaultSampling: SamplingParameters {
    switch self {
    case .r1sggOpen, .r1sggClosed, .template:
      return SamplingParameters(temperature: 0.01, topP: 0.001, topK: 1, maxTokens: 2048)
    case .sceneGraphVLMPSG, .sceneGraphVLMPVSG, .sceneGraphVLMAG:
      return SamplingParameters(temperature: 0, topP: nil, topK: nil, maxTokens: 2048)
    }
  }

  /// Builds the prompt for one sample.
  ///
  /// - Parameters:
  ///   - vocabulary: the run's classes (r1sgg-closed and templates' `{OBJ_CLS}`/`{REL_CLS}`).
  ///   - imageSize: the size of the image as sent (templates' `{WIDTH}`/`{HEIGHT}`).
  ///   - thinkSystemPrompt: R1-SGG's `--use_think_system_prompt`.
  public func prompt(
    for sample: Sample, previous: PreviousFrame, vocabulary: Vocabulary?,
    imageSize: (width: Int, height: Int), thinkSystemPrompt: Bool = false
  ) throws -> VLMPrompt {
    let r1System = thinkSystemPrompt ? R1SGGPrompts.thinkSystem : R1SGGPrompts.system
    switch self {
    case .r1sggOpen:
      return VLMPrompt(system: r1System, user: R1SGGPrompts.answerTagsToFence(R1SGGPrompts.open))
    case .r1sggClosed:
      guard let vocabulary, !vocabulary.objects.isEmpty else {
        throw PromptError.closedNeedsVocabulary
      }
      return VLMPrompt(
        system: r1System,
        user: R1SGGPrompts.closed(objects: vocabulary.objects, predicates: vocabulary.predicates))
    case .sceneGraphVLMPSG:
      return sceneGraphVLM(SceneGraphVLMPrompts.psg)
    case .sceneGraphVLMPVSG:
      switch previous {
      case .none: return sceneGraphVLM(SceneGraphVLMPrompts.pvsgFirstFrame)
      case .groundTruth(let prev):
        return sceneGraphVLM(
          SceneGraphVLMPrompts.pvsg(previous: PreviousFrameText.pvsgGroundTruth(prev)))
      case .generated(let text):
        // build_prompt_with_prev without wrapping (legacy header): the stripped model text.
        return sceneGraphVLM(SceneGraphVLMPrompts.pvsg(previous: PythonStrip.strip(text)))
      }
    case .sceneGraphVLMAG:
      switch previous {
      case .none: return sceneGraphVLM(SceneGraphVLMPrompts.agFirstFrame)
      case .groundTruth(let prev):
        return sceneGraphVLM(
          SceneGraphVLMPrompts.ag(
            previousBlock: SceneGraphVLMPrompts.agGroundTruthBlock(
              PreviousFrameText.agGroundTruth(prev))))
      case .generated(let text):
        return sceneGraphVLM(
          SceneGraphVLMPrompts.ag(previousBlock: SceneGraphVLMPrompts.agGeneratedBlock(text)))
      }
    case .template(let template):
      return template.render(
        sample: sample, previous: previous, vocabulary: vocabulary, imageSize: imageSize)
    }
  }

  /// The SceneGraphVLM message: the exporter's text stripped (the inference scripts call
  /// `.strip()` on `"<image>\n" + prompt`, which drops the trailing newline), no system message.
  private func sceneGraphVLM(_ text: String) -> VLMPrompt {
    VLMPrompt(
      user: PythonStrip.rstrip(text), responsePrefix: SceneGraphVLMPrompts.responsePrefix,
      stop: [SceneGraphVLMPrompts.stop])
  }
}
