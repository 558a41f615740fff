import SGGCore

/// Triplet recall at K for one image, Kaihua Tang's `_compute_pred_matches` (§2.4, §2.5).
///
/// A prediction matches a GT triplet when subject class, predicate and object class are equal
/// and both boxes reach the IoU threshold. Matching is many-to-many: recall@K counts the GT
/// triplets hit by any of the first K predictions (`union(pred_to_gt[:K])`).
struct TripletRecall {
  let options: ScoringProtocol
  /// Number of predicates in the no-graph-constraint score matrix (the vocabulary's).
  let predicateCount: Int

  /// A ranked predicted triplet: object indices into the prediction and a predicate id.
  struct Cell {
    var subject: Int
    var predicate: Int32
    var object: Int
  }

  /// For each GT relation, the rank of the first prediction that matches it (Int.max if none).
  struct Hits {
    var firstRank: [Int]
    var predictionCount: Int

    func hits(atK k: Int) -> Int { firstRank.reduce(0) { $0 + ($1 < k ? 1 : 0) } }
  }

  /// Graph-constraint ranking: generation order, optionally one predicate per pair.
  func graphConstraintCells(_ pred: EncodedPrediction) -> [Cell] {
    var cells: [Cell] = []
    cells.reserveCapacity(pred.relationCount)
    var seenPairs = Set<Int64>()
    for q in 0..<pred.relationCount {
      // A pair is the two ids the model wrote (unknown ids included).
      if options.graphConstraint == .onePredicatePerPair {
        let key = Int64(pred.relSubjectKey[q]) << 32 | Int64(pred.relObjectKey[q])
        if !seenPairs.insert(key).inserted { continue }
      }
      cells.append(
        Cell(
          subject: pred.relSubject[q], predicate: pred.relPredicate[q], object: pred.relObject[q]))
    }
    return cells
  }

  /// No-graph-constraint ranking (top 100 cells).
  func noGraphConstraintCells(_ pred: EncodedPrediction) -> [Cell] {
    switch options.noGraphConstraint {
    case .predictedOnly:
      return (0..<pred.relationCount).map {
        Cell(
          subject: pred.relSubject[$0], predicate: pred.relPredicate[$0], object: pred.relObject[$0]
        )
      }
    case .kaihuaFillers:
      // score[i, p] = 1 for the row's own predicate, 0 for every other predicate of the row's
      // pair. A stable descending sort puts the real cells first in row order, then the
      // zero-score fillers in row-major order; keep the first 100 (`argsort_desc(...)[:100]`).
      let limit = 100
      var cells: [Cell] = []
      let rows = pred.relationCount
      cells.reserveCapacity(min(limit, rows * max(predicateCount, 1)))
      for q in 0..<rows where cells.count < limit {
        cells.append(
          Cell(
            subject: pred.relSubject[q], predicate: pred.relPredicate[q], object: pred.relObject[q])
        )
      }
      var q = 0
      while cells.count < limit && q < rows {
        for p in 0..<predicateCount where cells.count < limit && Int32(p) != pred.relPredicate[q] {
          cells.append(
            Cell(subject: pred.relSubject[q], predicate: Int32(p), object: pred.relObject[q]))
        }
        q += 1
      }
      return cells
    }
  }

  /// Matches ranked cells against the GT triplets.
  func hits(_ gt: EncodedGroundTruth, _ pred: EncodedPrediction, cells: [Cell], iou: IoUCache)
    -> Hits
  {
    var firstRank = [Int](repeating: Int.max, count: gt.relationCount)
    let threshold = options.iouThreshold
    for (rank, cell) in cells.enumerated() {
      let s = cell.subject
      let o = cell.object
      guard s >= 0, o >= 0 else { continue }
      let sLabel = pred.labels[s]
      let oLabel = pred.labels[o]
      for r in 0..<gt.relationCount where firstRank[r] == Int.max {
        let gs = gt.relSubject[r]
        let go = gt.relObject[r]
        guard gt.relPredicate[r] == cell.predicate, gt.labels[gs] == sLabel, gt.labels[go] == oLabel
        else { continue }
        if iou.value(gt: gs, pred: s) >= threshold && iou.value(gt: go, pred: o) >= threshold {
          firstRank[r] = rank
        }
      }
    }
    return Hits(firstRank: firstRank, predictionCount: cells.count)
  }
}

/// IoU between every GT and predicted box of one image, computed once per image.
struct IoUCache {
  let gt: [Box]
  let pred: [Box]
  let flavour: IoUFlavour
  private var values: [Double]

  init(gt: [Box], pred: [Box], flavour: IoUFlavour) {
    self.gt = gt
    self.pred = pred
    self.flavour = flavour
    self.values = [Double](repeating: .nan, count: gt.count * pred.count)
    for i in 0..<gt.count {
      for j in 0..<pred.count { values[i * pred.count + j] = flavour.iou(gt[i], pred[j]) }
    }
  }

  func value(gt i: Int, pred j: Int) -> Double { values[i * pred.count + j] }
}
