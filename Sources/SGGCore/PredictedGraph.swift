/// An object as a model wrote it: its own id string, its name and its box.
public struct PredictedObject: Hashable, Sendable, Codable {
  /// The id the model gave (`"person.1"` in R1-SGG JSON, `"3"` in TOON rows).
  public var id: String
  /// The class name, already normalized by the parser that produced it.
  public var label: String
  /// The box in the model's coordinate space (see ``BoxSpace``) until converted.
  public var box: Box
  /// The name as written, when normalisation changed it (case, `_`, `-`, outer spaces); nil
  /// when it was written clean. Mapping statistics count these as `cleaned`.
  public var writtenLabel: String?

  public init(id: String, label: String, box: Box, writtenLabel: String? = nil) {
    self.id = id
    self.label = label
    self.box = box
    self.writtenLabel = writtenLabel
  }
}

/// A relation as a model wrote it: endpoints are the model's object ids.
///
/// Ids are kept as text because the anchors resolve them differently: R1-SGG binds a duplicated
/// id to its first object and drops unknown ids; SceneGraphVLM keys a dictionary by id (later
/// entries overwrite) and keeps dangling relations as false positives.
public struct PredictedRelation: Hashable, Sendable, Codable {
  public var subject: String
  public var predicate: String
  public var object: String
  /// The predicate as written, when normalisation changed it; nil when it was written clean.
  public var writtenPredicate: String?

  public init(subject: String, predicate: String, object: String, writtenPredicate: String? = nil) {
    self.subject = subject
    self.predicate = predicate
    self.object = object
    self.writtenPredicate = writtenPredicate
  }
}

/// A parsed model output, before any protocol resolves ids or maps names.
public struct PredictedGraph: Hashable, Sendable, Codable {
  public var objects: [PredictedObject]
  public var relations: [PredictedRelation]

  public init(objects: [PredictedObject] = [], relations: [PredictedRelation] = []) {
    self.objects = objects
    self.relations = relations
  }

  /// The same graph with every box mapped by `transform`.
  public func mappingBoxes(_ transform: (Box) -> Box) -> PredictedGraph {
    var copy = self
    for i in copy.objects.indices { copy.objects[i].box = transform(copy.objects[i].box) }
    return copy
  }
}
