import SGGCore

/// Writes graphs in R1-SGG's answer form:
/// `{"objects":[{"id":"person.1","bbox":[x1,y1,x2,y2]}],"relationships":[{"subject":"person.1","predicate":"riding","object":"bike.2"}]}`.
///
/// Compact (no spaces), numbers via ``CanonicalNumber/json(_:)``.
public struct JSONGraphWriter: Sendable {
  public init() {}

  /// A ground-truth graph: ids are `label.k` with `k` the 1-based object position and spaces
  /// in the label written as `_` (R1-SGG's `refine` maps them back: `traffic_light.3` →
  /// category `traffic light`). Relations with an out-of-range index are skipped.
  public func write(_ graph: SceneGraph) -> String {
    let ids = graph.objects.enumerated().map { i, o in o.label.replacingSpaces() + ".\(i + 1)" }
    let objects = zip(ids, graph.objects).map { id, o in (id, o.box) }
    let relations = graph.relations.compactMap { r -> (String, String, String)? in
      guard ids.indices.contains(r.subject), ids.indices.contains(r.object) else { return nil }
      return (ids[r.subject], r.predicate, ids[r.object])
    }
    return Self.render(objects, relations)
  }

  /// A predicted graph: ids, boxes and relations as they are (labels live in the ids).
  public func write(_ graph: PredictedGraph) -> String {
    Self.render(
      graph.objects.map { ($0.id, $0.box) },
      graph.relations.map { ($0.subject, $0.predicate, $0.object) })
  }

  static func render(_ objects: [(String, Box)], _ relations: [(String, String, String)]) -> String
  {
    var out = "{\"objects\":["
    for (i, (id, b)) in objects.enumerated() {
      if i > 0 { out += "," }
      out += "{\"id\":" + CanonicalNumber.jsonString(id) + ",\"bbox\":["
      out += b.coordinates.map(CanonicalNumber.json).joined(separator: ",") + "]}"
    }
    out += "],\"relationships\":["
    for (i, (s, p, o)) in relations.enumerated() {
      if i > 0 { out += "," }
      out +=
        "{\"subject\":" + CanonicalNumber.jsonString(s) + ",\"predicate\":"
        + CanonicalNumber.jsonString(p)
      out += ",\"object\":" + CanonicalNumber.jsonString(o) + "}"
    }
    return out + "]}"
  }
}

extension String {
  fileprivate func replacingSpaces() -> String {
    String(String.UnicodeScalarView(unicodeScalars.map { $0 == " " ? "_" : $0 }))
  }
}
