import SGGCore

/// An object row of an Action Genome answer.
public struct ActionGenomeObject: Hashable, Sendable, Codable {
  /// The integer id as canonical decimal text (`int()` then `str()`: `007` → `7`), so ids of
  /// any length compare as the anchor's Python ints do (see ``ActionGenomeGraph/idLess(_:_:)``).
  public var id: String
  /// The name as written, `strip()`ped.
  public var label: String
  /// Index into ``ActionGenomeClasses/objects`` by the anchor's mapping (0 = background).
  public var classIndex: Int
  /// The box in the model's coordinate space.
  public var box: Box

  public init(id: String, label: String, classIndex: Int, box: Box) {
    self.id = id
    self.label = label
    self.classIndex = classIndex
    self.box = box
  }
}

/// One `rel_pairs` row: a subject, an object and the three label lists as written
/// (`strip()`ped, empty items dropped; labels outside the 26 predicates are kept here and
/// ignored by the evaluator).
public struct ActionGenomePair: Hashable, Sendable, Codable {
  public var subject: String
  public var object: String
  public var attention: [String]
  public var spatial: [String]
  public var contacting: [String]

  public init(
    subject: String, object: String, attention: [String] = [], spatial: [String] = [],
    contacting: [String] = []
  ) {
    self.subject = subject
    self.object = object
    self.attention = attention
    self.spatial = spatial
    self.contacting = contacting
  }

  /// The labels of one group.
  public func labels(_ group: ActionGenomePredicateGroup) -> [String] {
    switch group {
    case .attention: return attention
    case .spatial: return spatial
    case .contacting: return contacting
    }
  }
}

/// A parsed Action Genome answer (SceneGraphVLM's `parse_toon` result): objects keyed by id
/// (a repeated id keeps the LAST row, as the anchor's dict does), listed in ascending id order
/// (the anchor's `sorted(objects.keys())` positions), plus the pair rows in answer order.
public struct ActionGenomeGraph: Hashable, Sendable, Codable {
  public var objects: [ActionGenomeObject]
  public var pairs: [ActionGenomePair]

  /// Builds a graph from rows in answer order: duplicates resolved last-wins, then sorted by id.
  public init(objectRows: [ActionGenomeObject], pairs: [ActionGenomePair]) {
    var byID: [String: ActionGenomeObject] = [:]
    for o in objectRows { byID[o.id] = o }
    self.objects = byID.values.sorted { Self.idLess($0.id, $1.id) }
    self.pairs = pairs
  }

  /// Numeric order of canonical decimal texts (no leading zeros): shorter is smaller.
  public static func idLess(_ a: String, _ b: String) -> Bool {
    a.utf8.count != b.utf8.count ? a.utf8.count < b.utf8.count : a < b
  }

  /// Position of each object id in ``objects``.
  public var positions: [String: Int] {
    Dictionary(objects.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
  }
}
