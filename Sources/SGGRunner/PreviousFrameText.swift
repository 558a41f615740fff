import Foundation
import SGGCore

/// The previous frame's graph as SceneGraphVLM's video prompts carry it (eval-protocols §3.1,
/// §3.7): from the ground truth ("GT-prompt") or from the model's own previous answer
/// ("GEN-prompt", `--prev-source model`).
public enum PreviousFrameText {
  /// A ground-truth box brought to the 640×480 prompt frame with `int(round(v * s))` (Python
  /// rounds half to even).
  static func scaled(_ v: Double, _ scale: Double) -> String {
    let x = (v * scale).rounded(.toNearestOrEven)
    guard x.isFinite, abs(x) < 1e15 else { return "0" }
    return String(Int(x))
  }

  /// SceneGraphVLM's predicate slug: `" ".join(p.split()).replace(" ", "-")`.
  public static func slug(_ predicate: String) -> String {
    predicate.split(whereSeparator: { $0.isWhitespace }).joined(separator: "-")
  }

  /// A PVSG ground-truth graph for the PVSG previous-frame slot: a leading empty line, then
  /// `obj[N]{id,name,x1,y1,x2,y2}:` with rows indented two spaces and `rel[M]{subj,pred,obj}:`
  /// rows (ids 1..N, boxes scaled from `width × height` to `target`, predicates slugged) —
  /// the layout of the PVSG exporter's README example (the exporter inserts the prepared
  /// `answer_toon` text, which we do not have; the README shows it).
  public static func pvsgGroundTruth(
    _ sample: Sample, target: (width: Double, height: Double) = (640, 480)
  ) -> String {
    let sx = sample.width > 0 ? target.width / sample.width : 1
    let sy = sample.height > 0 ? target.height / sample.height : 1
    let n = sample.graph.objects.count
    var lines = ["", "obj[\(n)]{id,name,x1,y1,x2,y2}:"]
    for (i, o) in sample.graph.objects.enumerated() {
      let b = o.box
      lines.append(
        "  \(i + 1),\(o.label),\(scaled(b.x1, sx)),\(scaled(b.y1, sy)),\(scaled(b.x2, sx)),\(scaled(b.y2, sy))"
      )
    }
    let relations = sample.graph.relations.filter {
      (0..<n).contains($0.subject) && (0..<n).contains($0.object)
    }
    lines.append("rel[\(relations.count)]{subj,pred,obj}:")
    for r in relations {
      lines.append("  \(r.subject + 1),\(slug(r.predicate)),\(r.object + 1)")
    }
    return lines.joined(separator: "\n")
  }

  /// An Action Genome ground-truth graph in the AG exporter's assistant layout
  /// (`format_assistant_like_psg`: section headers indented 6 spaces, rows 8): objects, then one
  /// `rel_pairs` row per (subject, object) pair in first-seen order with its attention, spatial
  /// and contacting labels (grouped by ``SceneGraphVLMPrompts`` class lists; a label in none of
  /// them is listed as contacting).
  public static func agGroundTruth(
    _ sample: Sample, target: (width: Double, height: Double) = (640, 480)
  ) -> String {
    let sx = sample.width > 0 ? target.width / sample.width : 1
    let sy = sample.height > 0 ? target.height / sample.height : 1
    let n = sample.graph.objects.count
    var lines = ["      obj[\(n)]{id,name,x1,y1,x2,y2}:"]
    for (i, o) in sample.graph.objects.enumerated() {
      let b = o.box
      lines.append(
        "        \(i + 1),\(o.label),\(scaled(b.x1, sx)),\(scaled(b.y1, sy)),\(scaled(b.x2, sx)),\(scaled(b.y2, sy))"
      )
    }
    struct Pair {
      var subject: Int
      var object: Int
      var attention: [String] = []
      var spatial: [String] = []
      var contacting: [String] = []
    }
    var pairs: [Pair] = []
    let attention = Set(SceneGraphVLMPrompts.agAttention)
    let spatial = Set(SceneGraphVLMPrompts.agSpatial)
    for r in sample.graph.relations
    where (0..<n).contains(r.subject) && (0..<n).contains(r.object) {
      let index: Int
      if let found = pairs.firstIndex(where: { $0.subject == r.subject && $0.object == r.object }) {
        index = found
      } else {
        pairs.append(Pair(subject: r.subject, object: r.object))
        index = pairs.count - 1
      }
      let label = r.predicate.replacingOccurrences(of: " ", with: "_")
      if attention.contains(label) {
        if !pairs[index].attention.contains(label) { pairs[index].attention.append(label) }
      } else if spatial.contains(label) {
        if !pairs[index].spatial.contains(label) { pairs[index].spatial.append(label) }
      } else if !pairs[index].contacting.contains(label) {
        pairs[index].contacting.append(label)
      }
    }
    lines.append("      rel_pairs[\(pairs.count)]{subj,attention,spatial,contacting,obj}:")
    for p in pairs {
      let cells = [p.attention, p.spatial, p.contacting].map {
        "[" + $0.joined(separator: ",") + "]"
      }
      lines.append("        \(p.subject + 1),\(cells.joined(separator: ",")),\(p.object + 1)")
    }
    return lines.joined(separator: "\n")
  }

  /// `finalize_vl_prediction` of SceneGraphVLM's GEN inference: strip a thinking block
  /// (`strip_thinking_suffix`), then keep the first `…</answer>` block, or close a lone
  /// `<answer>` with `\n</answer>\n` (`truncate_first_answer_block`).
  public static func finalize(_ raw: String) -> String {
    let s = stripThinking(raw)
    let trimmed = PythonStrip.strip(s)
    if let close = trimmed.range(of: "</answer>") {
      return PythonStrip.strip(String(trimmed[..<close.upperBound]))
    }
    if trimmed.contains("<answer>") { return PythonStrip.rstrip(trimmed) + "\n</answer>\n" }
    return trimmed
  }

  /// `strip_thinking_suffix`: while `</think>` occurs, keep the text before it if that already
  /// holds a graph header line, otherwise continue with the text after it.
  static func stripThinking(_ text: String) -> String {
    var s = PythonStrip.strip(text)
    while let end = s.range(of: "</think>") {
      let prefix = String(s[..<end.lowerBound])
      let suffix = PythonStrip.lstrip(String(s[end.upperBound...]))
      if hasGraphHeader(prefix) {
        return suffix.isEmpty
          ? PythonStrip.strip(prefix) : PythonStrip.strip(prefix + "\n" + suffix)
      }
      if suffix.isEmpty { return PythonStrip.strip(prefix) }
      s = suffix
    }
    return s
  }

  /// A line (after leading whitespace) starting `obj[<digits>]{id,name`,
  /// `rel[<digits>]{subj,pred,obj}` or `rel_pairs[<digits>]{subj,attention`.
  static func hasGraphHeader(_ text: String) -> Bool {
    for line in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" }) {
      let l = PythonStrip.lstrip(String(line))
      for (head, tail) in [
        ("obj[", "]{id,name"), ("rel[", "]{subj,pred,obj}"), ("rel_pairs[", "]{subj,attention"),
      ] where l.hasPrefix(head) {
        let rest = l.dropFirst(head.count)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, rest.dropFirst(digits.count).hasPrefix(tail) { return true }
      }
    }
    return false
  }
}
