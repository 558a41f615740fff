import SGGCore

/// One image's boxes for AP50: GT objects and the detections the protocol kept.
struct APImage {
  var id: String
  var gtLabels: [Int32]
  var gtBoxes: [Box]
  var detectionLabels: [Int32]
  var detectionBoxes: [Box]
  var hasPrediction: Bool
  /// COCO annotation id of the first GT object (ids count from 0 over the whole input).
  var firstAnnotationID: Int
}

/// Object AP at IoU 0.5, exactly as pycocotools computes it (eval-protocols §2.9, §5.5), for
/// generative output where every detection scores 1.0.
///
/// With equal scores pycocotools' stable sorts keep generation order within an image and sorted
/// image-id order across images, so no sort is needed: this is `evaluateImg` at IoU 0.5, area
/// `all`, maxDets 100, then `accumulate` and `summarize`, streamed per category over flat
/// arrays. ``COCOBoxEvaluator`` is the general implementation; the tests check the two agree.
struct AveragePrecision50 {
  let options: ScoringProtocol
  let categoryNames: [String]

  /// One GT or detection of a category, tagged with its image's rank in sorted-id order.
  private struct Entry {
    var image: Int
    var box: COCOBox
    var annotationID: Int
  }

  func compute(_ images: [APImage]) -> (ap50: Double, perCategory: [String: Double]) {
    let included = images.filter { options.apImages == .all || $0.hasPrediction }
    // `params.imgIds = np.unique(ids)`; ids are unique here (the scorer drops repeats), and a
    // repeated id would merge its images as the COCO index does.
    let sortedIDs = COCOBoxEvaluator.uniqueSorted(included.map(\.id))
    var rank: [String: Int] = [:]
    rank.reserveCapacity(sortedIDs.count)
    for (i, id) in sortedIDs.enumerated() { rank[id] = i }
    let categoryCount = categoryNames.count
    var gts = [[Entry]](repeating: [], count: categoryCount)
    var dts = [[Entry]](repeating: [], count: categoryCount)
    let base = options.cocoAnnotationIDZeroQuirk ? 0 : 1
    let ranked = included.enumerated().map { (rank: rank[$0.element.id] ?? 0, index: $0.offset) }
      .sorted { ($0.rank, $0.index) < ($1.rank, $1.index) }
    for (r, index) in ranked {
      let image = included[index]
      for (k, label) in image.gtLabels.enumerated() where Int(label) < categoryCount {
        gts[Int(label)].append(
          Entry(
            image: r, box: COCOBox(image.gtBoxes[k]),
            annotationID: base + image.firstAnnotationID + k))
      }
      for (k, label) in image.detectionLabels.enumerated() where Int(label) < categoryCount {
        dts[Int(label)].append(
          Entry(image: r, box: COCOBox(image.detectionBoxes[k]), annotationID: 0))
      }
    }
    let quirk = options.cocoAnnotationIDZeroQuirk
    // Per category: 101 interpolated precisions, or nil when the category has no counted GT.
    let curves = concurrentMap(count: categoryCount, chunk: 1) { c -> [Double]? in
      gts[c].isEmpty ? nil : Self.precisionCurve(gts: gts[c], dts: dts[c], quirk: quirk)
    }
    // summarize(): np.mean(s[s > -1]) over precision[t=0.5, :, :, all, 100], r-major.
    var flat: [Double] = []
    var perCategory: [String: Double] = [:]
    for r in 0..<COCOBoxEvaluator.Parameters.recallThresholds.count {
      for c in 0..<categoryCount {
        if let curve = curves[c] { flat.append(curve[r]) }
      }
    }
    for c in 0..<categoryCount {
      if let curve = curves[c] { perCategory[categoryNames[c]] = NumPyMean.mean(curve) }
    }
    return (NumPyMean.mean(flat) ?? 0, perCategory)
  }

  /// `evaluateImg` per image (IoU 0.5, area `all`, first 100 detections), then `accumulate`.
  private static func precisionCurve(gts: [Entry], dts: [Entry], quirk: Bool) -> [Double]? {
    var matched: [Bool] = []
    var ignored: [Bool] = []
    matched.reserveCapacity(dts.count)
    ignored.reserveCapacity(dts.count)
    var counted = 0
    var g0 = 0
    var d0 = 0
    var order: [Int] = []
    var gtIgnore: [Bool] = []
    var gtUsed: [Bool] = []
    let allRange = COCOBoxEvaluator.Parameters.areaRanges[0]
    let best0 = Swift.min(COCOBoxEvaluator.Parameters.iouThresholds[0], 1 - 1e-10)
    while g0 < gts.count || d0 < dts.count {
      let image = Swift.min(
        g0 < gts.count ? gts[g0].image : Int.max, d0 < dts.count ? dts[d0].image : Int.max)
      var g1 = g0
      while g1 < gts.count && gts[g1].image == image { g1 += 1 }
      var d1 = d0
      while d1 < dts.count && dts[d1].image == image { d1 += 1 }
      // `_ignore` = area outside [0, 1e10] (NaN compares false: kept); non-ignored first.
      gtIgnore.removeAll(keepingCapacity: true)
      order.removeAll(keepingCapacity: true)
      for g in g0..<g1 {
        let area = gts[g].box.area
        gtIgnore.append(area < allRange.lower || area > allRange.upper)
      }
      for i in gtIgnore.indices where !gtIgnore[i] { order.append(i) }
      for i in gtIgnore.indices where gtIgnore[i] { order.append(i) }
      counted += gtIgnore.reduce(0) { $0 + ($1 ? 0 : 1) }
      gtUsed.removeAll(keepingCapacity: true)
      gtUsed.append(contentsOf: repeatElement(false, count: g1 - g0))
      for d in d0..<Swift.min(d1, d0 + 100) {
        var best = best0
        var m = -1
        for (position, i) in order.enumerated() {
          if gtUsed[position] { continue }
          if m > -1 && !gtIgnore[order[m]] && gtIgnore[i] { break }
          let iou = COCOBox.iou(dts[d].box, gts[g0 + i].box)
          if iou < best { continue }
          best = iou
          m = position
        }
        if m == -1 {
          let area = dts[d].box.area
          matched.append(false)
          ignored.append(area < allRange.lower || area > allRange.upper)
        } else {
          gtUsed[m] = true
          let gtIndex = order[m]
          // pycocotools stores gt['id'] as the match flag: id 0 reads as unmatched (§2.9).
          let isMatch = !quirk || gts[g0 + gtIndex].annotationID != 0
          matched.append(isMatch)
          let area = dts[d].box.area
          ignored.append(
            gtIgnore[gtIndex] || (!isMatch && (area < allRange.lower || area > allRange.upper)))
        }
      }
      g0 = g1
      d0 = d1
    }
    if counted == 0 { return nil }
    let n = matched.count
    var rc = [Double](repeating: 0, count: n)
    var pr = [Double](repeating: 0, count: n)
    var tp = 0.0
    var fp = 0.0
    for i in 0..<n {
      if !ignored[i] {
        if matched[i] { tp += 1 } else { fp += 1 }
      }
      rc[i] = tp / Double(counted)
      pr[i] = tp / (fp + tp + Double.ulpOfOne)  // np.spacing(1) == 2^-52
    }
    if n > 1 {
      for i in stride(from: n - 1, to: 0, by: -1) where pr[i] > pr[i - 1] { pr[i - 1] = pr[i] }
    }
    var curve: [Double] = []
    curve.reserveCapacity(COCOBoxEvaluator.Parameters.recallThresholds.count)
    var position = 0
    for threshold in COCOBoxEvaluator.Parameters.recallThresholds {
      while position < n && rc[position] < threshold { position += 1 }
      curve.append(position < n ? pr[position] : 0)
    }
    return curve
  }
}

/// A box in pycocotools' `xywh` form, with its IoU (`bbIou`) and area as `loadRes` and R1-SGG
/// set them.
private struct COCOBox {
  var x: Double
  var y: Double
  var w: Double
  var h: Double

  init(_ box: Box) {
    x = box.x1
    y = box.y1
    w = box.x2 - box.x1
    h = box.y2 - box.y1
  }

  var area: Double { w * h }

  /// `bbIou` for non-crowd boxes; `fmin`/`fmax` ignore a NaN operand like `Double.minimum`.
  static func iou(_ dt: COCOBox, _ gt: COCOBox) -> Double {
    let w = Double.minimum(dt.w + dt.x, gt.w + gt.x) - Double.maximum(dt.x, gt.x)
    if w <= 0 { return 0 }
    let h = Double.minimum(dt.h + dt.y, gt.h + gt.y) - Double.maximum(dt.y, gt.y)
    if h <= 0 { return 0 }
    let intersection = w * h
    return intersection / (dt.w * dt.h + gt.w * gt.h - intersection)
  }
}
