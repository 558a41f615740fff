extension COCOBoxEvaluator {
  /// The result of `evaluateImg` for one (image, category), for every area range.
  struct ImageRecord {
    /// Detection scores sorted by −score (stable), truncated to `maxDets[-1]`.
    var scores: [Double]
    /// Per area range.
    var areas: [AreaRecord]
  }

  /// `evaluateImg(img, cat, aRng, maxDet=100)` for one area range.
  struct AreaRecord {
    /// `dtMatches[t][d] != 0`, flattened `t * D + d`.
    var matched: [Bool]
    /// `dtIgnore[t][d]`, flattened `t * D + d`.
    var ignored: [Bool]
    /// `count_nonzero(gtIgnore == 0)`.
    var nonIgnoredGroundTruth: Int
  }

  /// `computeIoU` + `evaluateImg` of pycocotools for one image and category, all area ranges.
  func evaluateImage(
    groundTruth gts: [PreparedGroundTruth], detections allDetections: [PreparedDetection],
    scope: Scope
  ) -> ImageRecord {
    let maxDet = scope.maxDetections[scope.maxDetections.count - 1]
    let order = Self.mergesortOrderByDescendingScore(allDetections.map(\.score))
    let dts = order.prefix(maxDet).map { allDetections[$0] }
    let thresholds = scope.iouThresholds
    let tCount = thresholds.count
    let dCount = dts.count
    let gCount = gts.count

    // ious[d * G + g] in the original GT order (maskUtils.iou(d, g, iscrowd)).
    var ious = [Double](repeating: 0, count: dCount * gCount)
    for d in 0..<dCount {
      for g in 0..<gCount {
        ious[d * gCount + g] = Self.boxIoU(dts[d], gts[g])
      }
    }

    var areas: [AreaRecord] = []
    areas.reserveCapacity(scope.areaRanges.count)
    for range in scope.areaRanges {
      // `_ignore`: iscrowd, or area outside the range (NaN compares false: kept).
      let gtIgnore = gts.map { $0.isCrowd || $0.area < range.lower || $0.area > range.upper }
      // argsort(_ignore, kind='mergesort'): non-ignored first, each group in input order.
      let gtOrder =
        gtIgnore.indices.filter { !gtIgnore[$0] } + gtIgnore.indices.filter { gtIgnore[$0] }
      let sortedIgnore = gtOrder.map { gtIgnore[$0] }
      let sortedCrowd = gtOrder.map { gts[$0].isCrowd }
      let sortedIDs = gtOrder.map { gts[$0].id }

      var gtMatched = [Bool](repeating: false, count: tCount * gCount)
      var dtMatched = [Bool](repeating: false, count: tCount * dCount)
      var dtIgnore = [Bool](repeating: false, count: tCount * dCount)
      if dCount > 0 && gCount > 0 {
        for (t, threshold) in thresholds.enumerated() {
          for d in 0..<dCount {
            var best = Swift.min(threshold, 1 - 1e-10)
            var m = -1
            for g in 0..<gCount {
              // already matched and not a crowd: skip
              if gtMatched[t * gCount + g] && !sortedCrowd[g] { continue }
              // matched to a regular GT, and the rest are ignored GTs: stop
              if m > -1 && !sortedIgnore[m] && sortedIgnore[g] { break }
              let iou = ious[d * gCount + gtOrder[g]]
              // `<` as in pycocotools: an equal IoU later in the list replaces the match.
              if iou < best { continue }
              best = iou
              m = g
            }
            if m == -1 { continue }
            dtIgnore[t * dCount + d] = sortedIgnore[m]
            // pycocotools stores gt['id'] as the match flag (§2.9): id 0 reads as unmatched.
            dtMatched[t * dCount + d] = !options.annotationIDZeroQuirk || sortedIDs[m] != 0
            // gtm stores the detection id, which loadRes numbers from 1: always a real flag.
            gtMatched[t * gCount + m] = true
          }
        }
      }
      // Unmatched detections outside the area range are ignored.
      for d in 0..<dCount where dts[d].area < range.lower || dts[d].area > range.upper {
        for t in 0..<tCount where !dtMatched[t * dCount + d] {
          dtIgnore[t * dCount + d] = true
        }
      }
      areas.append(
        AreaRecord(
          matched: dtMatched, ignored: dtIgnore,
          nonIgnoredGroundTruth: sortedIgnore.lazy.filter { !$0 }.count))
    }
    return ImageRecord(scores: dts.map(\.score), areas: areas)
  }

  /// `maskUtils.iou` (`bbIou` in maskApi.c) for one pair of `xywh` boxes. `fmin`/`fmax` ignore a
  /// NaN operand, like `Double.minimum`/`maximum`.
  static func boxIoU(_ dt: PreparedDetection, _ gt: PreparedGroundTruth) -> Double {
    let gtArea = gt.w * gt.h
    let dtArea = dt.w * dt.h
    let w = Double.minimum(dt.w + dt.x, gt.w + gt.x) - Double.maximum(dt.x, gt.x)
    if w <= 0 { return 0 }
    let h = Double.minimum(dt.h + dt.y, gt.h + gt.y) - Double.maximum(dt.y, gt.y)
    if h <= 0 { return 0 }
    let intersection = w * h
    let union = gt.isCrowd ? dtArea : dtArea + gtArea - intersection
    return intersection / union
  }

  /// `np.argsort(-scores, kind='mergesort')`: stable, highest score first, NaN last (NumPy
  /// sorts NaN to the end).
  static func mergesortOrderByDescendingScore(_ scores: [Double]) -> [Int] {
    scores.indices.sorted { a, b in
      let ka = -scores[a]
      let kb = -scores[b]
      if ka.isNaN || kb.isNaN {
        if ka.isNaN != kb.isNaN { return kb.isNaN }
        return a < b
      }
      if ka != kb { return ka < kb }
      return a < b
    }
  }
}
