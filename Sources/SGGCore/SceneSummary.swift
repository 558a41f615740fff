/// The one-line scene description SceneGraphVLM's judge sees as context
/// (`format_scene_summary`, eval-protocols §3.4):
/// `Objects: 1:person; 2:umbrella. Relations: (person, in front of, tree merged)`.
///
/// Used to fill ``EquivalenceQuestion``'s scene fields so that the judge gets the anchor's exact
/// context text.
public enum SceneSummary {
  /// One object row: its TOON id and its name.
  public struct Entry: Hashable, Sendable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
      self.id = id
      self.name = name
    }
  }

  /// One relation row by object ids.
  public struct Link: Hashable, Sendable {
    public var subject: String
    public var predicate: String
    public var object: String

    public init(subject: String, predicate: String, object: String) {
      self.subject = subject
      self.predicate = predicate
      self.object = object
    }
  }

  /// The summary of rows as the anchor formats them.
  ///
  /// Reproduced quirks (eval-protocols §3.4, `format_scene_summary`): names are looked up
  /// through a dictionary keyed by id, so with a duplicated id *every* row of that id shows the
  /// last row's name; a relation endpoint whose id has no object prints as an empty name. Ids are
  /// integers in the anchor, so all-digit ids compare and print without leading zeros.
  public static func sceneGraphVLM(objects: [Entry], relations: [Link]) -> String {
    var nameByID: [String: String] = [:]
    for entry in objects { nameByID[canonicalID(entry.id)] = entry.name }
    let objectText = objects.map { entry -> String in
      let id = canonicalID(entry.id)
      return "\(id):\(nameByID[id] ?? "")"
    }.joined(separator: "; ")
    let relationText = relations.map { link -> String in
      let subject = nameByID[canonicalID(link.subject)] ?? ""
      let object = nameByID[canonicalID(link.object)] ?? ""
      return "(\(subject), \(link.predicate), \(object))"
    }.joined(separator: "; ")
    return "Objects: \(objectText). Relations: \(relationText)"
  }

  /// A ground-truth graph: ids are 1…N in row order (SceneGraphVLM's cleaner renumbers them),
  /// names and predicates refined with ``LabelNormalizer/refine(_:)``.
  public static func sceneGraphVLM(_ graph: SceneGraph) -> String {
    let entries = graph.objects.enumerated().map {
      Entry(id: String($0.offset + 1), name: LabelNormalizer.refine($0.element.label))
    }
    // Out-of-range indices become ids no object has, so they print as empty names, as a dangling
    // id does in the anchor.
    let links = graph.relations.map {
      Link(
        subject: graph.objects.indices.contains($0.subject) ? String($0.subject + 1) : "",
        predicate: LabelNormalizer.refine($0.predicate),
        object: graph.objects.indices.contains($0.object) ? String($0.object + 1) : "")
    }
    return sceneGraphVLM(objects: entries, relations: links)
  }

  /// A predicted graph with the model's own ids, names and predicates refined.
  public static func sceneGraphVLM(_ graph: PredictedGraph) -> String {
    sceneGraphVLM(
      objects: graph.objects.map { Entry(id: $0.id, name: LabelNormalizer.refine($0.label)) },
      relations: graph.relations.map {
        Link(
          subject: $0.subject, predicate: LabelNormalizer.refine($0.predicate), object: $0.object)
      })
  }

  /// `int(id)` for all-digit ids (leading zeros dropped, no overflow), the id itself otherwise.
  private static func canonicalID(_ id: String) -> String {
    let trimmed = id.strippingPythonWhitespace()
    guard !trimmed.isEmpty, trimmed.unicodeScalars.allSatisfy({ $0 >= "0" && $0 <= "9" }) else {
      return id
    }
    let digits = trimmed.drop(while: { $0 == "0" })
    return digits.isEmpty ? "0" : String(digits)
  }
}
