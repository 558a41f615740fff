import SGGCore

/// The result of ``DatasetLoader/load(kind:root:split:options:)``.
public struct LoadedDataset: Sendable {
  public var kind: DatasetKind
  public var split: DatasetSplit
  /// Ground-truth samples in the dataset's own order. Boxes are `x1, y1, x2, y2` in original
  /// image (frame) pixels, labels are class-name strings, relations refer to objects by index.
  public var samples: [Sample]
  /// The dataset's closed label sets (no background entry), in the dataset's index order.
  public var vocabulary: Vocabulary
  /// Predicate groups where the dataset defines them (Action Genome: attention, spatial,
  /// contacting); empty otherwise.
  public var predicateGroups: [PredicateGroup]
  public var statistics: DatasetStatistics

  public init(
    kind: DatasetKind, split: DatasetSplit, samples: [Sample], vocabulary: Vocabulary,
    predicateGroups: [PredicateGroup] = [], statistics: DatasetStatistics
  ) {
    self.kind = kind
    self.split = split
    self.samples = samples
    self.vocabulary = vocabulary
    self.predicateGroups = predicateGroups
    self.statistics = statistics
  }
}

/// A named subset of a dataset's predicates (Action Genome's relation types).
public struct PredicateGroup: Hashable, Sendable, Codable {
  /// "attention", "spatial" or "contacting".
  public var name: String
  public var predicates: [String]

  public init(name: String, predicates: [String]) {
    self.name = name
    self.predicates = predicates
  }
}

extension DatasetStatistics {
  /// Statistics computed from finished samples plus the loader's filter record.
  init(
    kind: DatasetKind, split: DatasetSplit, candidates: Int, samples: [Sample],
    vocabulary: Vocabulary, dropped: [Drop], notes: [String] = []
  ) {
    var objects = 0
    var relations = 0
    var videos = Set<String>()
    for s in samples {
      objects += s.graph.objects.count
      relations += s.graph.relations.count
      if let v = s.video { videos.insert(v) }
    }
    self.init(
      dataset: kind, split: split, candidates: candidates, samples: samples.count,
      videos: kind == .pvsg || kind == .ag ? videos.count : nil, objects: objects,
      relations: relations, objectClasses: vocabulary.objects.count,
      predicateClasses: vocabulary.predicates.count, dropped: dropped, notes: notes)
  }
}
