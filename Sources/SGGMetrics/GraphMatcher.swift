import SGGCore

/// Object and relation matching for precision / recall / F1 (eval-protocols §3.3).
///
/// Objects: one assignment of predicted to GT boxes by ``LinearSumAssignment`` (scipy's tie
/// order), kept when IoU ≥ threshold. Relations: a second assignment on a 0/1 cost matrix whose
/// zero cells are the admissible (GT, predicted) relation pairs, so the count of true positives
/// is a maximum one-to-one matching.
struct GraphMatcher {
  let options: ScoringProtocol

  struct Result {
    var objects: PrecisionRecall
    var relations: PrecisionRecall
    /// GT index matched to each predicted object with equal names, or -1.
    var gtOfPredicted: [Int]
  }

  func match(_ gt: EncodedGroundTruth, _ pred: EncodedPrediction) -> Result {
    let g = gt.labels.count
    let p = pred.labels.count
    // keptGT[j] = GT index kept for predicted j by the box assignment (names not yet checked).
    var keptGT = [Int](repeating: -1, count: p)
    var keptPairs: [(gt: Int, pred: Int)] = []
    if g > 0 && p > 0 {
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
            cost[i * p + j] =
              (v >= threshold && gt.labels[i] == pred.labels[j]) ? -(1 + v * epsilon) : 0
          } else {
            cost[i * p + j] = -v
          }
        }
      }
      if let assignment = try? LinearSumAssignment.solve(cost, rows: g, columns: p) {
        for (i, j) in zip(assignment.rows, assignment.columns) {
          let v = iou[i * p + j]
          guard v >= threshold else { continue }
          if labelAware && gt.labels[i] != pred.labels[j] { continue }
          keptGT[j] = i
          keptPairs.append((i, j))
        }
      }
    }
    var gtOfPredicted = [Int](repeating: -1, count: p)
    var objectTP = 0
    for (i, j) in keptPairs where gt.labels[i] == pred.labels[j] {
      gtOfPredicted[j] = i
      objectTP += 1
    }
    let objects = PrecisionRecall(truePositives: objectTP, predicted: p, groundTruth: g)

    // Which GT object each predicted relation endpoint stands for.
    let endpointMap: [Int] = options.relationMatching == .fullTriplet ? gtOfPredicted : keptGT
    func gtEndpoint(index: Int, key: Int, keyMap: [Int: Int]) -> Int {
      if options.idResolution == .matchedDictionaryKeepUnknown {
        return key >= 0 ? (keyMap[key] ?? -1) : -1
      }
      return index >= 0 ? endpointMap[index] : -1
    }
    // SceneGraphVLM's `pred_id_to_gt_id`: kept pairs in GT order, a repeated id overwrites.
    var keyMap: [Int: Int] = [:]
    if options.idResolution == .matchedDictionaryKeepUnknown {
      for (i, j) in keptPairs where endpointMap[j] >= 0 { keyMap[pred.idKeys[j]] = i }
    }
    let nGT = gt.relationCount
    let nPred = pred.relationCount
    var relationTP = 0
    if nGT > 0 && nPred > 0 {
      var cost = [Double](repeating: 1, count: nGT * nPred)
      var any = false
      for q in 0..<nPred {
        let s = gtEndpoint(index: pred.relSubject[q], key: pred.relSubjectKey[q], keyMap: keyMap)
        let o = gtEndpoint(index: pred.relObject[q], key: pred.relObjectKey[q], keyMap: keyMap)
        guard s >= 0, o >= 0 else { continue }
        for r in 0..<nGT
        where gt.relSubject[r] == s && gt.relObject[r] == o
          && gt.relPredicate[r] == pred.relPredicate[q]
        {
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
