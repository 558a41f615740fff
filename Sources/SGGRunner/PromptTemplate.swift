import Foundation
import SGGCore

/// A user-supplied prompt: a text file whose placeholders are filled per sample.
///
/// Placeholders: `{OBJ_CLS}` and `{REL_CLS}` (the vocabulary as Python `json.dumps` lists,
/// like R1-SGG's closed prompt), `{WIDTH}` and `{HEIGHT}` (the size of the image as sent),
/// `{ID}` (the sample id) and `<<PREV_TOON>>` (the previous frame's graph as in the PVSG prompt;
/// empty for a first frame). Lines before a line `---` that start with `system:`,
/// `response_prefix:` or `stop:` set those (values are JSON strings, e.g.
/// `response_prefix: "<answer>\n"`); without a `---` line the whole file is the user text.
public struct PromptTemplate: Hashable, Sendable {
  public static let previousPlaceholder = "<<PREV_TOON>>"

  public var path: String
  public var text: String
  public var system: String?
  public var responsePrefix: String?
  public var stop: [String]

  public init(
    path: String = "<inline>", text: String, system: String? = nil, responsePrefix: String? = nil,
    stop: [String] = []
  ) {
    self.path = path
    self.text = text
    self.system = system
    self.responsePrefix = responsePrefix
    self.stop = stop
  }

  /// Reads a template file (header lines, then `---`, then the user text).
  public init(contentsOfFile path: String) throws {
    let content: String
    do {
      content = try String(contentsOfFile: path, encoding: .utf8)
    } catch {
      throw PromptError.unreadableTemplate(path: path, reason: "not readable UTF-8 text")
    }
    self.init(path: path, text: content)
    let lines = content.components(separatedBy: "\n")
    guard
      let separator = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == "---" })
    else { return }
    for (number, line) in lines[..<separator].enumerated() {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      guard let colon = trimmed.firstIndex(of: ":") else {
        throw PromptError.unreadableTemplate(
          path: path, reason: "line \(number + 1): expected `key: \"json string\"` before ---")
      }
      let key = String(trimmed[..<colon])
      let raw = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      guard let data = raw.data(using: .utf8),
        let value = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
          as? String
      else {
        throw PromptError.unreadableTemplate(
          path: path, reason: "line \(number + 1): the value of \(key) is not a JSON string")
      }
      switch key {
      case "system": system = value
      case "response_prefix": responsePrefix = value
      case "stop": stop.append(value)
      default:
        throw PromptError.unreadableTemplate(
          path: path,
          reason: "line \(number + 1): unknown key \(key) (system, response_prefix, stop)")
      }
    }
    text = lines[(separator + 1)...].joined(separator: "\n")
  }

  /// The prompt for one sample.
  public func render(
    sample: Sample, previous: PreviousFrame, vocabulary: Vocabulary?,
    imageSize: (width: Int, height: Int)
  ) -> VLMPrompt {
    let previousText: String
    switch previous {
    case .none: previousText = ""
    case .groundTruth(let prev): previousText = PreviousFrameText.pvsgGroundTruth(prev)
    case .generated(let t): previousText = PythonStrip.strip(t)
    }
    let user =
      text
      .replacingOccurrences(of: "{OBJ_CLS}", with: PythonJSONList.dumps(vocabulary?.objects ?? []))
      .replacingOccurrences(
        of: "{REL_CLS}", with: PythonJSONList.dumps(vocabulary?.predicates ?? [])
      )
      .replacingOccurrences(of: "{WIDTH}", with: String(imageSize.width))
      .replacingOccurrences(of: "{HEIGHT}", with: String(imageSize.height))
      .replacingOccurrences(of: "{ID}", with: sample.id)
      .replacingOccurrences(of: Self.previousPlaceholder, with: previousText)
    return VLMPrompt(system: system, user: user, responsePrefix: responsePrefix, stop: stop)
  }
}
