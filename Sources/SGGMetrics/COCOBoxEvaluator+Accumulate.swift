extension COCOBoxEvaluator {
  /// pycocotools `accumulate()`: precision `[T, R, K, A, M]` and recall `[T, K, A, M]`, −1 for a
  /// category without non-ignored GT (or without any record).
  func accumulate(
    categories: [Int], imageIDs: [String], records: [[ImageRecord]], scope: Scope
  ) -> COCOResult {
    let thresholds = scope.iouThresholds
    let recallThresholds = Parameters.recallThresholds
    let maxDets = scope.maxDetections
    let tCount = thresholds.count
    let rCount = recallThresholds.count
    let kCount = categories.count
    let aCount = scope.areaRanges.count
    let mCount = maxDets.count
    var precision = [Double](repeating: -1, count: tCount * rCount * kCount * aCount * mCount)
    var recall = [Double](repeating: -1, count: tCount * kCount * aCount * mCount)

    for k in 0..<kCount {
      let entries = records[k]
      if entries.isEmpty { continue }
      for a in 0..<aCount {
        for (m, maxDet) in maxDets.enumerated() {
          // Concatenate per image, each truncated to maxDet, in imgIds order.
          var scores: [Double] = []
          var nonIgnoredGT = 0
          for entry in entries {
            scores.append(contentsOf: entry.scores.prefix(maxDet))
            nonIgnoredGT += entry.areas[a].nonIgnoredGroundTruth
          }
          if nonIgnoredGT == 0 { continue }
          let order = Self.mergesortOrderByDescendingScore(scores)
          let n = scores.count

          for t in 0..<tCount {
            var matched: [Bool] = []
            var ignored: [Bool] = []
            matched.reserveCapacity(n)
            ignored.reserveCapacity(n)
            for entry in entries {
              let count = Swift.min(entry.scores.count, maxDet)
              let base = t * entry.scores.count
              let area = entry.areas[a]
              matched.append(contentsOf: area.matched[base..<(base + count)])
              ignored.append(contentsOf: area.ignored[base..<(base + count)])
            }
            // tp/fp cumulative sums (exact small integers in Double), rc and pr.
            var rc = [Double](repeating: 0, count: n)
            var pr = [Double](repeating: 0, count: n)
            var tp = 0.0
            var fp = 0.0
            for (position, index) in order.enumerated() {
              if !ignored[index] {
                if matched[index] { tp += 1 } else { fp += 1 }
              }
              rc[position] = tp / Double(nonIgnoredGT)
              pr[position] = tp / (fp + tp + Double.ulpOfOne)  // np.spacing(1) == 2^-52
            }
            recall[((t * kCount + k) * aCount + a) * mCount + m] = n > 0 ? rc[n - 1] : 0
            // Make precision non-increasing from the right.
            if n > 1 {
              for i in stride(from: n - 1, to: 0, by: -1) where pr[i] > pr[i - 1] {
                pr[i - 1] = pr[i]
              }
            }
            // q[r] = pr[searchsorted(rc, recThr, 'left')]; past the end stays 0.
            var position = 0
            for (r, threshold) in recallThresholds.enumerated() {
              while position < n && rc[position] < threshold { position += 1 }
              let value = position < n ? pr[position] : 0
              precision[(((t * rCount + r) * kCount + k) * aCount + a) * mCount + m] = value
            }
          }
        }
      }
    }
    return COCOResult(
      imageIDs: imageIDs, categoryIDs: categories, iouThresholds: thresholds,
      recallThresholds: recallThresholds, maxDetections: maxDets,
      areaLabels: scope.areaLabels, precision: precision, recall: recall)
  }
}
