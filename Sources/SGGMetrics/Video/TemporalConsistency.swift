import SGGCore

/// A frame graph by labels, for temporal consistency: objects with boxes, relations by index.
public struct TemporalFrameGraph: Hashable, Sendable {
  public var objects: [Object]
  public var relations: [Relation]

  public init(objects: [Object], relations: [Relation]) {
    self.objects = objects
    self.relations = relations
  }
}

/// How the predictions treat what persists in the ground truth from one annotated frame to the
/// next: a figure no anchor reports (docs/video.md).
///
/// An object is identified by its label, a relation by `(subject label, predicate, object
/// label)`. An item *persists* at frame t when the ground truth has it at t−1 and at t (the
/// previous ANNOTATED frame of the same video). It is *hit* in a frame when a prediction has
/// the same labels with every box at IoU ≥ threshold to a ground-truth instance. Of the
/// persisting items hit at t−1, at t each is
/// * **kept** — hit again;
/// * **flipped** — not hit, but predicted on matching boxes with a different label (objects) or
///   a different predicate of the same group (relations);
/// * **dropped** — neither.
/// Persisting items missed at t−1 and hit at t are counted as **recovered**.
public struct TemporalConsistency: Hashable, Sendable, Codable {
  public struct Counts: Hashable, Sendable, Codable {
    /// Items present in the ground truth of two consecutive annotated frames.
    public var persistent = 0
    /// Of those, hit at t−1.
    public var hitBefore = 0
    public var kept = 0
    public var flipped = 0
    public var dropped = 0
    public var recovered = 0

    /// `kept / hitBefore` (0 when nothing was hit before).
    public var keptRate: Double { hitBefore == 0 ? 0 : Double(kept) / Double(hitBefore) }
    public var flippedRate: Double { hitBefore == 0 ? 0 : Double(flipped) / Double(hitBefore) }
    public var droppedRate: Double { hitBefore == 0 ? 0 : Double(dropped) / Double(hitBefore) }
  }

  public var objects = Counts()
  public var relations = Counts()
  /// Consecutive frame pairs looked at.
  public var framePairs = 0

  public init() {}

  /// `videos`: per video, its annotated frames in time order; a nil prediction (skipped
  /// frame) breaks the chain. `group` maps a predicate to its group for flips (AG's relation
  /// types; one group for PVSG).
  public init(
    videos: [[(gt: TemporalFrameGraph, pred: TemporalFrameGraph?)]],
    iou: (Box, Box) -> Double, threshold: Double, group: (String) -> String
  ) {
    for frames in videos where frames.count > 1 {
      for t in 1..<frames.count {
        guard let pPrev = frames[t - 1].pred, let pNow = frames[t].pred else { continue }
        framePairs += 1
        let gPrev = frames[t - 1].gt
        let gNow = frames[t].gt
        // Objects.
        let labelsPrev = Set(gPrev.objects.map(\.label))
        for label in Set(gNow.objects.map(\.label)) where labelsPrev.contains(label) {
          let before = Self.objectState(label, gPrev, pPrev, iou, threshold)
          let now = Self.objectState(label, gNow, pNow, iou, threshold)
          Self.tally(&objects, before, now)
        }
        // Relations.
        let keysPrev = Set(gPrev.relations.map { Self.key($0, gPrev) })
        for k in Set(gNow.relations.map({ Self.key($0, gNow) })) where keysPrev.contains(k) {
          let before = Self.relationState(k, gPrev, pPrev, iou, threshold, group)
          let now = Self.relationState(k, gNow, pNow, iou, threshold, group)
          Self.tally(&relations, before, now)
        }
      }
    }
  }

  enum State { case hit, flipped, missed }

  static func tally(_ c: inout Counts, _ before: State, _ now: State) {
    c.persistent += 1
    if before == .hit {
      c.hitBefore += 1
      switch now {
      case .hit: c.kept += 1
      case .flipped: c.flipped += 1
      case .missed: c.dropped += 1
      }
    } else if now == .hit {
      c.recovered += 1
    }
  }

  struct Key: Hashable {
    var subject: String
    var predicate: String
    var object: String
  }

  static func key(_ r: Relation, _ g: TemporalFrameGraph) -> Key {
    Key(
      subject: g.objects.indices.contains(r.subject) ? g.objects[r.subject].label : "",
      predicate: r.predicate,
      object: g.objects.indices.contains(r.object) ? g.objects[r.object].label : "")
  }

  static func objectState(
    _ label: String, _ gt: TemporalFrameGraph, _ pred: TemporalFrameGraph,
    _ iou: (Box, Box) -> Double, _ thr: Double
  ) -> State {
    var flipped = false
    for g in gt.objects where g.label == label {
      for p in pred.objects where iou(g.box, p.box) >= thr {
        if p.label == label { return .hit }
        flipped = true
      }
    }
    return flipped ? .flipped : .missed
  }

  static func relationState(
    _ k: Key, _ gt: TemporalFrameGraph, _ pred: TemporalFrameGraph,
    _ iou: (Box, Box) -> Double, _ thr: Double, _ group: (String) -> String
  ) -> State {
    var flipped = false
    for g in gt.relations where key(g, gt) == k {
      guard gt.objects.indices.contains(g.subject), gt.objects.indices.contains(g.object) else {
        continue
      }
      let gs = gt.objects[g.subject]
      let go = gt.objects[g.object]
      for p in pred.relations {
        guard pred.objects.indices.contains(p.subject), pred.objects.indices.contains(p.object)
        else { continue }
        let ps = pred.objects[p.subject]
        let po = pred.objects[p.object]
        guard ps.label == gs.label, po.label == go.label, iou(gs.box, ps.box) >= thr,
          iou(go.box, po.box) >= thr
        else { continue }
        if p.predicate == g.predicate { return .hit }
        if group(p.predicate) == group(g.predicate) { flipped = true }
      }
    }
    return flipped ? .flipped : .missed
  }
}
