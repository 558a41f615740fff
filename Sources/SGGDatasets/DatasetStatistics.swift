/// What a load produced and what each filter removed, for `sgg-eval data inspect`.
public struct DatasetStatistics: Hashable, Sendable, Codable {
  /// One filter's effect: how many items of which unit it removed.
  public struct Drop: Hashable, Sendable, Codable {
    /// What was filtered, e.g. "images without relations (filter_empty_rels)".
    public var filter: String
    public var count: Int
    /// "images", "frames", "videos", "relations" or "objects".
    public var unit: String

    public init(filter: String, count: Int, unit: String) {
      self.filter = filter
      self.count = count
      self.unit = unit
    }
  }

  public var dataset: DatasetKind
  public var split: DatasetSplit
  /// Candidate images/frames of the split before filtering.
  public var candidates: Int
  /// Samples returned (images or frames).
  public var samples: Int
  /// Distinct videos among the samples (PVSG, AG); nil for image datasets.
  public var videos: Int?
  public var objects: Int
  public var relations: Int
  public var objectClasses: Int
  public var predicateClasses: Int
  /// Filters in the order they were applied.
  public var dropped: [Drop]
  /// Free-form observations (label mismatches, sizes taken from a fallback, …).
  public var notes: [String]

  public init(
    dataset: DatasetKind, split: DatasetSplit, candidates: Int, samples: Int, videos: Int?,
    objects: Int, relations: Int, objectClasses: Int, predicateClasses: Int, dropped: [Drop],
    notes: [String]
  ) {
    self.dataset = dataset
    self.split = split
    self.candidates = candidates
    self.samples = samples
    self.videos = videos
    self.objects = objects
    self.relations = relations
    self.objectClasses = objectClasses
    self.predicateClasses = predicateClasses
    self.dropped = dropped
    self.notes = notes
  }

  /// The count a filter removed (0 when it did not run), looked up by a prefix of its name.
  public func droppedCount(_ filterPrefix: String) -> Int {
    dropped.first { $0.filter.hasPrefix(filterPrefix) }?.count ?? 0
  }

  /// A plain-text report, one fact per line.
  public var report: String {
    var lines = ["\(dataset.rawValue) \(split.rawValue)"]
    lines.append("  candidates: \(candidates)")
    lines.append("  samples:    \(samples)")
    if let videos { lines.append("  videos:     \(videos)") }
    lines.append("  objects:    \(objects)")
    lines.append("  relations:  \(relations)")
    lines.append("  classes:    \(objectClasses) objects, \(predicateClasses) predicates")
    if !dropped.isEmpty {
      lines.append("  dropped:")
      for d in dropped { lines.append("    \(d.count) \(d.unit): \(d.filter)") }
    }
    for n in notes { lines.append("  note: \(n)") }
    return lines.joined(separator: "\n")
  }
}
