/// The text format of a graph answer.
public enum GraphFormat: String, Hashable, Sendable, CaseIterable {
  /// Decide from the text (see ``DefaultParser``).
  case auto
  case json
  case toon
}

/// The answer part of a model output, as located by our clean protocol (used by
/// ``DefaultParser`` and ``StrictToonParser``).
///
/// Rules, in order:
/// 1. Thinking: if `</think>` occurs before the first `<answer>` (or there is no `<answer>`),
///    everything up to and including the first `</think>` is dropped (this also covers chat
///    templates that put `<think>` in the prompt). An output that starts with `<think>`, never
///    closes it and has no `<answer>` is `truncated`.
/// 2. Answer tags (`<answer>` / `</answer>`, ASCII case-insensitive, spaces allowed before
///    `>`): the LAST complete block wins. With no complete block, the text after the last
///    lone `<answer>` is used and marked possibly truncated (``ExtractedAnswer/isOpenEnded``,
///    warning `unclosed_answer`). A stray `</answer>` without an opening tag ends the answer.
///    Without tags the whole (remaining) text is the answer.
/// 3. Fences: if the answer contains ```` ``` ````, the content of the first fenced block is
///    used; its info string (```` ```json ````, ```` ```toon ````) becomes a format hint; an
///    unclosed fence runs to the end (warning `unclosed_fence`); text around the fence is
///    ignored (warning `text_outside_graph`).
/// 4. ASCII whitespace is trimmed; an empty answer is `noAnswer` (`truncated` if it was
///    open-ended).
struct ExtractedAnswer {
  var range: Range<Int>
  var hint: GraphFormat = .auto
  /// True when nothing closed the answer (no closing tag/fence after it), so its end is the end
  /// of the model output: a short block there means truncation.
  var isOpenEnded = true
  var warnings: [ParseWarning] = []
}

enum AnswerExtractor {
  /// Matches `<answer\s*>` / `</answer\s*>` at `i`; returns the index after `>`.
  static func tag(_ b: UnsafeBufferPointer<UInt8>, at i: Int, closing: Bool, end: Int) -> Int? {
    var j = i
    guard j < end, b[j] == UInt8(ascii: "<") else { return nil }
    j += 1
    if closing {
      guard j < end, b[j] == UInt8(ascii: "/") else { return nil }
      j += 1
    }
    guard ByteText.hasPrefixCI(b, at: j, "answer", end: end) else { return nil }
    j += 6
    while j < end && ByteText.isSpace(b[j]) { j += 1 }
    guard j < end, b[j] == UInt8(ascii: ">") else { return nil }
    return j + 1
  }

  static func extract(_ b: UnsafeBufferPointer<UInt8>) -> Result<ExtractedAnswer, ParseFailure> {
    var range = ByteText.trim(b, 0..<b.count)
    if range.isEmpty { return .failure(ParseFailure(.noAnswer, "the response is empty")) }
    var warnings: [ParseWarning] = []

    // Tags: one pass collecting complete blocks and a trailing lone opening tag.
    func scanTags(_ r: Range<Int>) -> (
      blocks: [(inner: Range<Int>, after: Int)], lone: Int?, firstOpen: Int?, strayClose: Int?
    ) {
      var blocks: [(Range<Int>, Int)] = []
      var lone: Int? = nil
      var firstOpen: Int? = nil
      var strayClose: Int? = nil
      var i = r.lowerBound
      var openAfter: Int? = nil
      while let lt = ByteText.index(of: UInt8(ascii: "<"), in: b, i..<r.upperBound) {
        if let after = tag(b, at: lt, closing: false, end: r.upperBound) {
          if firstOpen == nil { firstOpen = lt }
          if openAfter == nil { openAfter = after }
          i = after
        } else if let after = tag(b, at: lt, closing: true, end: r.upperBound) {
          if let o = openAfter {
            blocks.append((o..<lt, after))
            openAfter = nil
          } else if strayClose == nil && blocks.isEmpty {
            strayClose = lt
          }
          i = after
        } else {
          i = lt + 1
        }
      }
      lone = openAfter
      return (blocks, lone, firstOpen, strayClose)
    }

    var tags = scanTags(range)
    if let te = ByteText.find(b, "</think>", in: range), tags.firstOpen.map({ te < $0 }) ?? true {
      range = ByteText.trim(b, (te + 8)..<range.upperBound)
      if range.isEmpty { return .failure(ParseFailure(.noAnswer, "nothing after </think>")) }
      tags = scanTags(range)
    } else if ByteText.hasPrefixCI(b, at: range.lowerBound, "<think>", end: range.upperBound),
      tags.firstOpen == nil
    {
      return .failure(
        ParseFailure(.truncated, "the output ends inside <think> (no </think> and no answer)"))
    }

    var answer = ExtractedAnswer(range: range)
    if let last = tags.blocks.last {
      answer.range = last.inner
      answer.isOpenEnded = false
      if tags.lone != nil {
        warnings.append(
          ParseWarning(
            .unclosedAnswer, "a later <answer> is never closed; the last complete block is used"))
      }
    } else if let lone = tags.lone {
      answer.range = lone..<range.upperBound
      warnings.append(
        ParseWarning(.unclosedAnswer, "<answer> is never closed (possibly truncated output)"))
    } else if let close = tags.strayClose {
      answer.range = range.lowerBound..<close
      answer.isOpenEnded = false
    }
    answer.range = ByteText.trim(b, answer.range)
    if answer.range.isEmpty {
      return answer.isOpenEnded && tags.lone != nil
        ? .failure(ParseFailure(.truncated, "the output ends right after <answer>"))
        : .failure(ParseFailure(.noAnswer, "the answer is empty"))
    }

    // Fences.
    if let f = ByteText.find(b, "```", in: answer.range) {
      if !ByteText.isBlank(b, answer.range.lowerBound..<f) {
        warnings.append(ParseWarning(.textOutsideGraph, "text before the ``` fence was ignored"))
      }
      var i = f + 3
      let infoStart = i
      while i < answer.range.upperBound,
        case let c = b[i],
        (c >= 0x30 && c <= 0x39) || (ByteText.lower(c) >= 0x61 && ByteText.lower(c) <= 0x7A)
          || c == UInt8(ascii: "_")
          || c == UInt8(ascii: "-") || c == UInt8(ascii: "+")
      {
        i += 1
      }
      let info = ByteText.string(b, infoStart..<i).lowercased()
      if info == "json" { answer.hint = .json } else if info == "toon" { answer.hint = .toon }
      let contentStart = i
      if let close = ByteText.find(b, "```", in: contentStart..<answer.range.upperBound) {
        if !ByteText.isBlank(b, (close + 3)..<answer.range.upperBound) {
          warnings.append(
            ParseWarning(.textOutsideGraph, "text after the closing ``` fence was ignored"))
        }
        answer.range = ByteText.trim(b, contentStart..<close)
        answer.isOpenEnded = false
      } else {
        warnings.append(ParseWarning(.unclosedFence, "the ``` fence is never closed"))
        answer.range = ByteText.trim(b, contentStart..<answer.range.upperBound)
      }
      if answer.range.isEmpty {
        return answer.isOpenEnded
          ? .failure(ParseFailure(.truncated, "the output ends inside an empty ``` fence"))
          : .failure(ParseFailure(.noAnswer, "the ``` block is empty"))
      }
    }
    answer.warnings = warnings
    return .success(answer)
  }
}
