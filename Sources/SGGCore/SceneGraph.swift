/// A labelled box in a scene graph.
public struct Object: Hashable, Sendable, Codable {
  /// The class name as written (normalize with ``LabelNormalizer`` before comparing).
  public var label: String
  public var box: Box

  public init(label: String, box: Box) {
    self.label = label
    self.box = box
  }
}

/// A directed relation between two objects of the same graph, by index.
public struct Relation: Hashable, Sendable, Codable {
  /// Index of the subject in ``SceneGraph/objects``.
  public var subject: Int
  public var predicate: String
  /// Index of the object in ``SceneGraph/objects``.
  public var object: Int

  public init(subject: Int, predicate: String, object: Int) {
    self.subject = subject
    self.predicate = predicate
    self.object = object
  }
}

/// A scene graph whose relations refer to objects by index: the form of ground truth.
public struct SceneGraph: Hashable, Sendable, Codable {
  public var objects: [Object]
  public var relations: [Relation]

  public init(objects: [Object] = [], relations: [Relation] = []) {
    self.objects = objects
    self.relations = relations
  }
}
