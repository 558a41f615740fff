import SGGCore
import SGGFormats

/// `(subject, object, predicate)` by object position and global predicate index (0–25), the
/// anchors' `gt_relations` / `pred_rels` rows.
public struct AGTriplet: Hashable, Sendable, Codable {
  public var subject: Int
  public var object: Int
  public var predicate: Int

  public init(subject: Int, object: Int, predicate: Int) {
    self.subject = subject
    self.object = object
    self.predicate = predicate
  }
}

/// One frame's ground truth in the anchors' form: boxes, class indices
/// (``ActionGenomeClasses/objects``) and triplets in STTran orientation (spatial
/// object → person).
public struct AGGroundTruthFrame: Hashable, Sendable {
  public var boxes: [Box]
  public var classes: [Int]
  public var relations: [AGTriplet]

  public init(boxes: [Box], classes: [Int], relations: [AGTriplet]) {
    self.boxes = boxes
    self.classes = classes
    self.relations = relations
  }

  /// From a normalized ground-truth sample (`sgg-eval data convert --dataset ag`): relations
  /// are taken as stored, which is already STTran's orientation (the loader writes spatial
  /// relations object → person); the predicate name alone gives its group because the 26 AG
  /// names are distinct. Set `reverseSpatial` for a ground truth written person → object.
  /// Relations whose predicate is not one of the 26 are left out and returned by name.
  public init(sample: Sample, reverseSpatial: Bool = false) {
    boxes = sample.graph.objects.map(\.box)
    classes = sample.graph.objects.map { ActionGenomeClasses.classIndex(forName: $0.label) }
    var rels: [AGTriplet] = []
    var unknown: [String] = []
    for r in sample.graph.relations {
      guard let p = ActionGenomeClasses.predicateIndex(r.predicate) else {
        unknown.append(r.predicate)
        continue
      }
      let flip = reverseSpatial && ActionGenomeClasses.group(ofPredicate: p) == .spatial
      rels.append(
        flip
          ? AGTriplet(subject: r.object, object: r.subject, predicate: p)
          : AGTriplet(subject: r.subject, object: r.object, predicate: p))
    }
    relations = rels
    unknownPredicates = unknown
  }

  /// Predicates of the source sample that are not Action Genome predicates (left out).
  public private(set) var unknownPredicates: [String] = []

  /// From a parsed ground-truth answer (the anchor's `toon_to_gt_entry`): objects by sorted id;
  /// per pair attention `[s, o, a]`, spatial `[o, s, 3+s]` (reversed), contacting
  /// `[s, o, 9+c]`; pairs naming a missing id and labels outside their group are skipped.
  public init(graph: ActionGenomeGraph) {
    boxes = graph.objects.map(\.box)
    classes = graph.objects.map(\.classIndex)
    let pos = graph.positions
    var rels: [AGTriplet] = []
    for pair in graph.pairs {
      guard let s = pos[pair.subject], let o = pos[pair.object] else { continue }
      for g in ActionGenomePredicateGroup.allCases {
        for label in pair.labels(g) {
          guard let p = ActionGenomeClasses.predicateIndex(label, in: g) else { continue }
          rels.append(
            g == .spatial
              ? AGTriplet(subject: o, object: s, predicate: p)
              : AGTriplet(subject: s, object: o, predicate: p))
        }
      }
    }
    relations = rels
  }
}

/// One frame's prediction in the anchors' form (`toon_to_pred_entry`, sgdet): boxes and
/// classes by sorted id, object scores 1, and `3N` score rows over the 26 predicates —
/// rows `0..<N` attention (one-hot), `N..<2N` spatial on the REVERSED pair
/// (`1 − j·1e-4` for the j-th listed label), `2N..<3N` contacting likewise.
public struct AGPredictionFrame: Hashable, Sendable {
  public var boxes: [Box]
  public var classes: [Int]
  /// `(subject, object)` positions per pair; an id missing from the objects falls back to
  /// position 0 (the anchor's `id_to_pos.get(id, 0)`).
  public var pairs: [AGPairIndex]
  /// `3N × 26` scores, row-major.
  public var scores: [Double]

  public var rowCount: Int { pairs.count * 3 }

  public init(boxes: [Box], classes: [Int], pairs: [AGPairIndex], scores: [Double]) {
    self.boxes = boxes
    self.classes = classes
    self.pairs = pairs
    self.scores = scores
  }

  /// `transform` maps the model's boxes to the ground truth's frame (``BoxSpace``).
  public init(graph: ActionGenomeGraph, transform: (Box) -> Box = { $0 }) {
    boxes = graph.objects.map { transform($0.box) }
    classes = graph.objects.map(\.classIndex)
    let pos = graph.positions
    let n = graph.pairs.count
    var s = [Double](repeating: 0, count: 3 * n * 26)
    var p: [AGPairIndex] = []
    p.reserveCapacity(n)
    for (i, pair) in graph.pairs.enumerated() {
      p.append(AGPairIndex(subject: pos[pair.subject] ?? 0, object: pos[pair.object] ?? 0))
      for a in pair.attention {
        if let k = ActionGenomeClasses.predicateIndex(a, in: .attention) { s[i * 26 + k] = 1 }
      }
      for (j, l) in pair.spatial.enumerated() {
        if let k = ActionGenomeClasses.predicateIndex(l, in: .spatial) {
          s[(n + i) * 26 + k] = 1 - Double(j) * 1e-4
        }
      }
      for (j, l) in pair.contacting.enumerated() {
        if let k = ActionGenomeClasses.predicateIndex(l, in: .contacting) {
          s[(2 * n + i) * 26 + k] = 1 - Double(j) * 1e-4
        }
      }
    }
    pairs = p
    scores = s
  }

  /// An empty prediction (no objects, no rows): what a ``AGFrameRule/zero`` frame is scored as.
  public static let empty = AGPredictionFrame(boxes: [], classes: [], pairs: [], scores: [])

  /// `rel_inds[row]`: the pair, reversed for the spatial block.
  public func relation(ofRow r: Int) -> AGPairIndex {
    let n = pairs.count
    let pair = pairs[r % n]
    return r / n == 1 ? AGPairIndex(subject: pair.object, object: pair.subject) : pair
  }
}

/// Subject and object positions of a predicted pair.
public struct AGPairIndex: Hashable, Sendable {
  public var subject: Int
  public var object: Int

  public init(subject: Int, object: Int) {
    self.subject = subject
    self.object = object
  }
}
