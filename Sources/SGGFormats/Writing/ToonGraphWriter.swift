import SGGCore

/// Writes graphs in SceneGraphVLM's TOON form (eval-protocols §3.1, §4):
///
/// ```
/// obj[2]{id,name,x1,y1,x2,y2}:
///   1,person,281,272,524,438
///   2,tree,0,0,640,440
/// rel[1]{subj,pred,obj}:
///   1,in-front-of,2
/// ```
///
/// Ids are 1..N in object order. Names and predicates are written as given (SceneGraphVLM's
/// hyphen slugs are the caller's choice), quoted only where the TOON spec requires
/// (``CanonicalNumber/toonString(_:delimiter:)``); coordinates in canonical TOON numbers. LF line
/// ends, no trailing spaces, no trailing newline.
public struct ToonGraphWriter: Sendable {
  /// How an empty relation list is written.
  public enum EmptyRelations: Sendable, Hashable {
    /// `rel[0]{subj,pred,obj}:`: what SceneGraphVLM's lenient parser needs (without a `rel`
    /// header it takes an integer object row as the relation header, §3.2).
    case header
    /// `rel: []`: the spec's preferred empty array.
    case emptyList
  }

  /// Prefix of every row: `"  "` (spec: one indentation level, required by ``StrictToonParser``)
  /// or `""` (the anchor's cleaned files, flush-left).
  public var rowIndent: String
  public var emptyRelations: EmptyRelations

  public init(rowIndent: String = "  ", emptyRelations: EmptyRelations = .header) {
    self.rowIndent = rowIndent
    self.emptyRelations = emptyRelations
  }

  /// A ground-truth graph. Relations with an out-of-range index are skipped.
  public func write(_ graph: SceneGraph) -> String {
    let n = graph.objects.count
    let rels = graph.relations.filter {
      (0..<n).contains($0.subject) && (0..<n).contains($0.object)
    }
    return render(
      graph.objects.map { ($0.label, $0.box) },
      rels.map { ($0.subject + 1, $0.predicate, $0.object + 1) })
  }

  /// A predicted graph: objects renumbered 1..N; a relation endpoint binds to the FIRST object
  /// with that id; relations naming unknown ids are dropped.
  public func write(_ graph: PredictedGraph) -> String {
    var index: [String: Int] = [:]
    for (i, o) in graph.objects.enumerated() where index[o.id] == nil { index[o.id] = i + 1 }
    let rels = graph.relations.compactMap { r -> (Int, String, Int)? in
      guard let s = index[r.subject], let o = index[r.object] else { return nil }
      return (s, r.predicate, o)
    }
    return render(graph.objects.map { ($0.label, $0.box) }, rels)
  }

  func render(_ objects: [(String, Box)], _ relations: [(Int, String, Int)]) -> String {
    var lines = ["obj[\(objects.count)]{id,name,x1,y1,x2,y2}:"]
    for (i, (name, b)) in objects.enumerated() {
      let cells =
        ["\(i + 1)", CanonicalNumber.toonString(name)] + b.coordinates.map(CanonicalNumber.toon)
      lines.append(rowIndent + cells.joined(separator: ","))
    }
    if relations.isEmpty && emptyRelations == .emptyList {
      lines.append("rel: []")
    } else {
      lines.append("rel[\(relations.count)]{subj,pred,obj}:")
      for (s, p, o) in relations {
        lines.append(rowIndent + "\(s)," + CanonicalNumber.toonString(p) + ",\(o)")
      }
    }
    return lines.joined(separator: "\n")
  }
}
