/// One ground-truth image (or video frame) with its scene graph.
public struct Sample: Hashable, Sendable, Codable {
  /// Unique id within a split; predictions are joined on it.
  public var id: String
  /// Image width in original pixels.
  public var width: Double
  /// Image height in original pixels.
  public var height: Double
  public var graph: SceneGraph
  /// Video id for frame samples (PVSG, Action Genome).
  public var video: String?
  /// Frame index within ``video``.
  public var frame: Int?

  public init(
    id: String, width: Double, height: Double, graph: SceneGraph, video: String? = nil,
    frame: Int? = nil
  ) {
    self.id = id
    self.width = width
    self.height = height
    self.graph = graph
    self.video = video
    self.frame = frame
  }
}

/// The closed label sets of a dataset (object classes and predicates, no background entry).
public struct Vocabulary: Hashable, Sendable, Codable {
  public var objects: [String]
  public var predicates: [String]

  public init(objects: [String], predicates: [String]) {
    self.objects = objects
    self.predicates = predicates
  }

  /// A vocabulary made of the labels that occur in `samples`, in first-seen order.
  public static func observed(in samples: [Sample]) -> Vocabulary {
    var objects: [String] = []
    var predicates: [String] = []
    var seenObjects = Set<String>()
    var seenPredicates = Set<String>()
    for sample in samples {
      for o in sample.graph.objects where seenObjects.insert(o.label).inserted {
        objects.append(o.label)
      }
      for r in sample.graph.relations where seenPredicates.insert(r.predicate).inserted {
        predicates.append(r.predicate)
      }
    }
    return Vocabulary(objects: objects, predicates: predicates)
  }
}
