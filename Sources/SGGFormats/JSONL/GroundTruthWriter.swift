import Foundation
import SGGCore

/// Writes the normalized ground-truth JSONL that ``GroundTruthReader`` reads.
///
/// Key order is fixed (`id`, `width`, `height`, `objects` [`label`, `box`], `relations`
/// [`subject`, `predicate`, `object`], then `video` and `frame` only when set); numbers use
/// ``CanonicalNumber/json(_:)`` (shortest round-trip, integers without `.0`); one sample per
/// line, each line ending in `\n`.
public enum GroundTruthWriter {
  /// One line (without the newline).
  public static func line(for s: Sample) -> String {
    var out = "{\"id\":" + CanonicalNumber.jsonString(s.id)
    out +=
      ",\"width\":" + CanonicalNumber.json(s.width) + ",\"height\":"
      + CanonicalNumber.json(s.height)
    out += ",\"objects\":["
    for (i, o) in s.graph.objects.enumerated() {
      if i > 0 { out += "," }
      out += "{\"label\":" + CanonicalNumber.jsonString(o.label) + ",\"box\":["
      out += o.box.coordinates.map(CanonicalNumber.json).joined(separator: ",") + "]}"
    }
    out += "],\"relations\":["
    for (i, r) in s.graph.relations.enumerated() {
      if i > 0 { out += "," }
      out +=
        "{\"subject\":\(r.subject),\"predicate\":" + CanonicalNumber.jsonString(r.predicate)
        + ",\"object\":\(r.object)}"
    }
    out += "]"
    if let v = s.video { out += ",\"video\":" + CanonicalNumber.jsonString(v) }
    if let f = s.frame { out += ",\"frame\":\(f)" }
    return out + "}"
  }

  /// All samples, one line each.
  public static func write(_ samples: [Sample]) -> String {
    var out = ""
    for s in samples {
      out += line(for: s)
      out += "\n"
    }
    return out
  }

  /// Writes all samples to `url` (atomically).
  public static func write(_ samples: [Sample], to url: URL) throws {
    try Data(write(samples).utf8).write(to: url, options: .atomic)
  }
}
