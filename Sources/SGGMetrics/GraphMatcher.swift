import SGGCore

/// Object and relation matching for precision / recall / F1 (eval-protocols §3.3).
///
/// Objects: one assignment of predicted to GT boxes by ``LinearSumAssignment`` (scipy's tie
/// order), kept when IoU ≥ threshold. Relations: a second assignment on a 0/1 cost matrix whose
/// zero cells are the admissible (GT, predicted) relation pairs, so the count of true positives
/// is a maximum one-to-one matching.
///
/// Soft matching (§3.4) only widens "same label" and "same predicate": a ``SoftLookup`` answers
/// for pairs whose normalised names differ.
struct GraphMatcher {
  let options: ScoringProtocol

  /// Verdicts for disputed pairs of one sample, by index.
  struct SoftLookup {
    /// GT object `i` and predicted object `j` name the same entity (names differ).
    var objects: (_ gt: Int, _ pred: Int) -> Bool
    /// GT relation `r` and predicted relation `q` are equivalent (predicates differ).
    var relations: (_ gt: Int, _ pred: Int) -> Bool
  }

  struct Result {
    var objects: PrecisionRecall
    var relations: PrecisionRecall
    /// GT index matched to each predicted object with equal (or equivalent) names, or -1.
    var gtOfPredicted: [Int]
  }

  /// The box assignment: kept (GT, predicted) pairs in GT order, before the name check of the
  /// `iou-then-label` rule.
  func assignObjects(
    _ gt: EncodedGroundTruth, _ pred: EncodedPrediction, sameObject: (Int, Int) -> Bool
  ) -> [(gt: Int, pred: Int)] {
    let g = gt.labels.count
    let p = pred.labels.count
    guard g > 0 && p > 0 else { return [] }
    var cost = [Double](repeating: 0, count: g * p)
    var iou = [Double](repeating: 0, count: g * p)
    let threshold = options.iouThreshold
    let labelAware = options.objectMatching == .labelAware
    // In label-aware mode every admissible pair costs in [-1-ε, -1) with ε·min(g,p) < 1, so
    // the assignment first maximises the number of pairs, then their total IoU.
    let epsilon = 1.0 / Double(min(g, p) + 1)
    for i in 0..<g {
      for j in 0..<p {
        // A non-finite coordinate (accepted by json.loads) gives NaN: treat it as no overlap
        // rather than letting one box void the whole assignment.
        let raw = options.matchingIoU.iou(gt.boxes[i], pred.boxes[j])
        let v = raw.isNaN ? 0 : raw
        iou[i * p + j] = v
        if labelAware {
          cost[i * p + j] = (v >= threshold && sameObject(i, j)) ? -(1 + v * epsilon) : 0
        } else {
          cost[i * p + j] = -v
        }
      }
    }
    guard let assignment = try? LinearSumAssignment.solve(cost, rows: g, columns: p) else {
      return []
    }
    var kept: [(gt: Int, pred: Int)] = []
    for (i, j) in zip(assignment.rows, assignment.columns) {
      guard iou[i * p + j] >= threshold else { continue }
      if labelAware && cost[i * p + j] == 0 { continue }
      kept.append((i, j))
    }
    return kept
  }

  /// Object pairs whose names differ and that a soft matcher could turn into true positives.
  func objectDisputes(_ gt: EncodedGroundTruth, _ pred: EncodedPrediction) -> [(gt: Int, pred: Int)]
  {
    switch options.objectMatching {
    case .iouThenLabel:
      // SceneGraphVLM judges the kept pairs of the name-blind assignment (§3.4).
      return assignObjects(gt, pred) { _, _ in true }.filter {
        gt.labels[$0.gt] != pred.labels[$0.pred]
      }
    case .labelAware:
      var out: [(gt: Int, pred: Int)] = []
      for i in gt.labels.indices {
        for j in pred.labels.indices where gt.labels[i] != pred.labels[j] {
          let v = options.matchingIoU.iou(gt.boxes[i], pred.boxes[j])
          if v >= options.iouThreshold { out.append((i, j)) }
        }
      }
      return out
    }
  }

  /// Relation pairs whose endpoints match but whose predicates differ (asked after the object
  /// verdicts, which decide the endpoints).
  func relationDisputes(
    _ gt: EncodedGroundTruth, _ pred: EncodedPrediction, soft: SoftLookup?
  ) -> [(gt: Int, pred: Int)] {
    let (kept, gtOfPredicted) = objectMatches(gt, pred, soft: soft)
    let endpoints = endpointResolver(pred, kept: kept, gtOfPredicted: gtOfPredicted)
    var out: [(gt: Int, pred: Int)] = []
    for q in 0..<pred.relationCount {
      let (s, o) = endpoints(q)
      guard s >= 0, o >= 0 else { continue }
      for r in 0..<gt.relationCount
      where gt.relSubject[r] == s && gt.relObject[r] == o
        && gt.relPredicate[r] != pred.relPredicate[q]
      {
        out.append((r, q))
      }
    }
    return out
  }

  /// Maps predicted relation `q` to the GT objects its endpoints stand for (-1 if none).
  func endpointResolver(
    _ pred: EncodedPrediction, kept: [(gt: Int, pred: Int)], gtOfPredicted: [Int]
  ) -> (Int) -> (Int, Int) {
    var keptGT = [Int](repeating: -1, count: pred.labels.count)
    for (i, j) in kept { keptGT[j] = i }
    let endpointMap = options.relationMatching == .fullTriplet ? gtOfPredicted : keptGT
    if options.idResolution == .matchedDictionaryKeepUnknown {
      // SceneGraphVLM's `pred_id_to_gt_id`: kept pairs in GT order, a repeated id overwrites.
      var keyMap: [Int: Int] = [:]
      for (i, j) in kept where endpointMap[j] >= 0 { keyMap[pred.idKeys[j]] = i }
      return { q in
        let s = pred.relSubjectKey[q]
        let o = pred.relObjectKey[q]
        return (s >= 0 ? keyMap[s] ?? -1 : -1, o >= 0 ? keyMap[o] ?? -1 : -1)
      }
    }
    return { q in
      let s = pred.relSubject[q]
      let o = pred.relObject[q]
      return (s >= 0 ? endpointMap[s] : -1, o >= 0 ? endpointMap[o] : -1)
    }
  }

  /// Kept pairs and, per predicted object, its GT match when the names agree (or are judged
  /// equivalent).
  func objectMatches(
    _ gt: EncodedGroundTruth, _ pred: EncodedPrediction, soft: SoftLookup?
  ) -> (kept: [(gt: Int, pred: Int)], gtOfPredicted: [Int]) {
    let sameObject: (Int, Int) -> Bool = { i, j in
      gt.labels[i] == pred.labels[j] || (soft?.objects(i, j) ?? false)
    }
    let kept = assignObjects(gt, pred, sameObject: sameObject)
    var gtOfPredicted = [Int](repeating: -1, count: pred.labels.count)
    for (i, j) in kept where sameObject(i, j) { gtOfPredicted[j] = i }
    return (kept, gtOfPredicted)
  }

  func match(_ gt: EncodedGroundTruth, _ pred: EncodedPrediction, soft: SoftLookup? = nil) -> Result
  {
    let (kept, gtOfPredicted) = objectMatches(gt, pred, soft: soft)
    let objectTP = gtOfPredicted.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) }
    let objects = PrecisionRecall(
      truePositives: objectTP, predicted: pred.labels.count, groundTruth: gt.labels.count)

    let endpoints = endpointResolver(pred, kept: kept, gtOfPredicted: gtOfPredicted)
    let nGT = gt.relationCount
    let nPred = pred.relationCount
    var relationTP = 0
    if nGT > 0 && nPred > 0 {
      var cost = [Double](repeating: 1, count: nGT * nPred)
      var any = false
      for q in 0..<nPred {
        let (s, o) = endpoints(q)
        guard s >= 0, o >= 0 else { continue }
        for r in 0..<nGT where gt.relSubject[r] == s && gt.relObject[r] == o {
          guard gt.relPredicate[r] == pred.relPredicate[q] || (soft?.relations(r, q) ?? false)
          else { continue }
          cost[r * nPred + q] = 0
          any = true
        }
      }
      if any, let assignment = try? LinearSumAssignment.solve(cost, rows: nGT, columns: nPred) {
        for (r, q) in zip(assignment.rows, assignment.columns) where cost[r * nPred + q] == 0 {
          relationTP += 1
        }
      }
    }
    let relations = PrecisionRecall(truePositives: relationTP, predicted: nPred, groundTruth: nGT)
    return Result(objects: objects, relations: relations, gtOfPredicted: gtOfPredicted)
  }
}
