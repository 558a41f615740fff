import SGGCore
import SGGFormats

/// A ranked predicted triplet: positions, predicate, score (object scores are 1).
public struct AGScoredTriplet: Hashable, Sendable {
  public var triplet: AGTriplet
  public var score: Double
}

/// Counts at one K for one frame.
public struct AGFrameAtK: Hashable, Sendable, Codable {
  public var k: Int
  /// `|union(pred_to_gt[:K])|`: GT triplets hit by any of the first K predictions.
  public var recallHits: Int
  /// Greedy one-to-one true positives among the first K (SceneGraphVLM's TP@K).
  public var truePositives: Int
  /// `min(K, rows)`: the precision denominator.
  public var considered: Int
  /// Union hits per global predicate (26).
  public var classHits: [Int]
}

/// One evaluated frame.
public struct AGFrameResult: Hashable, Sendable, Codable {
  public var groundTruthCount: Int
  /// Ranked prediction rows after the constraint.
  public var rows: Int
  public var atK: [AGFrameAtK]
  /// GT triplets per global predicate (26).
  public var classCounts: [Int]

  /// Union recall `hits / GT` (OED/STTran R@K) at `atK[i]`.
  public func recall(_ i: Int) -> Double {
    Double(atK[i].recallHits) / Double(groundTruthCount)
  }
  /// `TP@K / min(K, rows)`, 0 when there are no rows.
  public func precision(_ i: Int) -> Double {
    atK[i].considered == 0 ? 0 : Double(atK[i].truePositives) / Double(atK[i].considered)
  }
  /// `2PR/(P+R)` with `R = TP@K / GT` (not the union recall), 0 when `P+R = 0`.
  public func f1(_ i: Int) -> Double {
    let p = precision(i)
    let r = Double(atK[i].truePositives) / Double(groundTruthCount)
    return p + r == 0 ? 0 : 2 * p * r / (p + r)
  }
}

/// Per-frame Action Genome evaluation (`evaluate_from_dict` + `evaluate_recall` of
/// STTran / OED / SceneGraphVLM; eval-protocols §3.5, §5.3, §5.4).
public enum AGFrameEvaluator {
  /// The predictions the constraint keeps, ranked by score (descending) with the protocol's
  /// tie order.
  public static func rankedTriplets(
    _ pred: AGPredictionFrame, constraint: AGConstraint, options: AGProtocol
  ) -> [AGScoredTriplet] {
    let rows = pred.rowCount
    guard rows > 0 else { return [] }
    let n = pred.pairs.count
    var out: [AGScoredTriplet] = []
    func add(_ r: Int, _ k: Int, _ score: Double) {
      let rel = pred.relation(ofRow: r)
      out.append(
        AGScoredTriplet(
          triplet: AGTriplet(subject: rel.subject, object: rel.object, predicate: k), score: score))
    }
    switch constraint {
    case .with:
      for r in 0..<rows {
        // numpy argmax: the first maximum.
        var best = 0
        for k in 1..<26 where pred.scores[r * 26 + k] > pred.scores[r * 26 + best] { best = k }
        add(r, best, pred.scores[r * 26 + best])
      }
    case .semi:
      for r in 0..<rows {
        let row = pred.scores[(r * 26)..<(r * 26 + 26)]
        let base = r * 26
        let group: ActionGenomePredicateGroup?
        switch options.semiGroups {
        case .trueGroups:
          group = r / n == 0 ? .attention : r / n == 1 ? .spatial : .contacting
        case .sttranColumns:
          if row[base] + row[base + 1] > 0 {
            group = .attention
          } else if row[base + 3] + row[base + 4] > 0 {
            group = .spatial
          } else if row[base + 9] + row[base + 10] > 0 {
            group = .contacting
          } else {
            group = nil
          }
        }
        switch group {
        case nil: continue
        case .attention:
          var best = 0
          for k in 1..<26 where row[base + k] > row[base + best] { best = k }
          // True groups: an empty attention row predicts nothing (STTran's softmax rows are
          // never all zero, so it has no rule for them).
          if options.semiGroups == .trueGroups && row[base + best] <= 0 { continue }
          add(r, best, row[base + best])
        case .spatial, .contacting:
          for k in 0..<26 where row[base + k] > options.semiThreshold { add(r, k, row[base + k]) }
        }
      }
    case .no:
      // `argsort_desc(overall)[:100]`, overall = 1·1·score.
      var cells = Array(0..<(rows * 26))
      if !options.zeroScoreCells { cells = cells.filter { pred.scores[$0] > 0 } }
      cells = stableSortDescending(cells) { pred.scores[$0] }
      for c in cells.prefix(options.noConstraintTop) { add(c / 26, c % 26, pred.scores[c]) }
    }
    // `sorted_scores.argsort()[::-1]`.
    let order = Array(out.indices)
    let ranked: [Int]
    switch options.tieOrder {
    case .generation: ranked = stableSortDescending(order) { out[$0].score }
    case .reversed: ranked = stableSortDescending(order.reversed()) { out[$0].score }
    }
    return ranked.map { out[$0] }
  }

  static func stableSortDescending(_ items: [Int], _ key: (Int) -> Double) -> [Int] {
    let keyed = items.enumerated().map { (pos: $0.offset, item: $0.element, key: key($0.element)) }
    return keyed.sorted { a, b in a.key != b.key ? a.key > b.key : a.pos < b.pos }.map(\.item)
  }

  /// `_compute_pred_matches`: for each ranked prediction, the GT triplets (ascending) with
  /// equal class/predicate/class labels and both boxes at IoU ≥ threshold.
  public static func matches(
    _ gt: AGGroundTruthFrame, _ pred: AGPredictionFrame, _ ranked: [AGScoredTriplet],
    options: AGProtocol
  ) -> [[Int]] {
    var out = [[Int]](repeating: [], count: ranked.count)
    for (g, t) in gt.relations.enumerated() {
      guard gt.boxes.indices.contains(t.subject), gt.boxes.indices.contains(t.object) else {
        continue
      }
      let gs = gt.classes[t.subject]
      let go = gt.classes[t.object]
      for (i, r) in ranked.enumerated() {
        let p = r.triplet
        guard p.predicate == t.predicate, pred.classes[p.subject] == gs,
          pred.classes[p.object] == go
        else { continue }
        if options.iou.iou(gt.boxes[t.subject], pred.boxes[p.subject]) >= options.iouThreshold
          && options.iou.iou(gt.boxes[t.object], pred.boxes[p.object]) >= options.iouThreshold
        {
          out[i].append(g)
        }
      }
    }
    return out
  }

  /// Evaluates one frame; nil when the ground truth has no triplet (always skipped: STTran
  /// asserts it never happens, SceneGraphVLM skips).
  public static func evaluate(
    _ gt: AGGroundTruthFrame, _ pred: AGPredictionFrame, options: AGProtocol
  ) -> AGFrameResult? {
    let nGT = gt.relations.count
    guard nGT > 0 else { return nil }
    var counts = [Int](repeating: 0, count: 26)
    for t in gt.relations { counts[t.predicate] += 1 }
    let ranked = rankedTriplets(pred, constraint: options.constraint, options: options)
    let m = matches(gt, pred, ranked, options: options)
    var atK: [AGFrameAtK] = []
    for k in options.ks {
      var hit = [Bool](repeating: false, count: nGT)
      var taken = [Bool](repeating: false, count: nGT)
      var tp = 0
      for i in 0..<min(k, ranked.count) {
        for g in m[i] { hit[g] = true }
        if let g = m[i].first(where: { !taken[$0] }) {
          taken[g] = true
          tp += 1
        }
      }
      var classHits = [Int](repeating: 0, count: 26)
      var hits = 0
      for g in 0..<nGT where hit[g] {
        hits += 1
        classHits[gt.relations[g].predicate] += 1
      }
      atK.append(
        AGFrameAtK(
          k: k, recallHits: hits, truePositives: tp, considered: min(k, ranked.count),
          classHits: classHits))
    }
    return AGFrameResult(
      groundTruthCount: nGT, rows: ranked.count, atK: atK, classCounts: counts)
  }
}
