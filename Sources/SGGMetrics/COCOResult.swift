/// What ``COCOBoxEvaluator`` computes: pycocotools' `eval['precision']`, `eval['recall']` and
/// the `summarize()` statistics. Values are fractions in 0…1 (pycocotools' scale; anchors
/// print them ×100).
public struct COCOResult: Sendable, Equatable {
  /// `params.imgIds` after `np.unique`.
  public var imageIDs: [String]
  /// `params.catIds`: categories with GT in the participating images, increasing.
  public var categoryIDs: [Int]
  /// `linspace(.5, .95, 10)`.
  public var iouThresholds: [Double]
  /// `linspace(0, 1, 101)`.
  public var recallThresholds: [Double]
  /// `[1, 10, 100]`.
  public var maxDetections: [Int]
  /// `["all", "small", "medium", "large"]`.
  public var areaLabels: [String]
  /// `eval['precision']`, shape `[T, R, K, A, M]`, C order; −1 where a category has no
  /// non-ignored GT.
  public var precision: [Double]
  /// `eval['recall']`, shape `[T, K, A, M]`, C order; −1 as for `precision`.
  public var recall: [Double]

  public init(
    imageIDs: [String], categoryIDs: [Int], iouThresholds: [Double], recallThresholds: [Double],
    maxDetections: [Int], areaLabels: [String], precision: [Double], recall: [Double]
  ) {
    self.imageIDs = imageIDs
    self.categoryIDs = categoryIDs
    self.iouThresholds = iouThresholds
    self.recallThresholds = recallThresholds
    self.maxDetections = maxDetections
    self.areaLabels = areaLabels
    self.precision = precision
    self.recall = recall
  }

  /// `precision[t, r, k, a, m]`.
  public func precision(iou t: Int, recall r: Int, category k: Int, area a: Int, maxDets m: Int)
    -> Double
  {
    precision[
      (((t * recallThresholds.count + r) * categoryIDs.count + k) * areaLabels.count + a)
        * maxDetections.count + m]
  }

  /// `recall[t, k, a, m]`.
  public func recall(iou t: Int, category k: Int, area a: Int, maxDets m: Int) -> Double {
    recall[((t * categoryIDs.count + k) * areaLabels.count + a) * maxDetections.count + m]
  }

  /// pycocotools `_summarize(ap, iouThr, areaRng, maxDets)`: the mean of the selected entries
  /// that are > −1, summed in NumPy's order; nil where pycocotools prints −1.
  ///
  /// - Parameters:
  ///   - averagePrecision: true for AP (precision), false for AR (recall).
  ///   - iouThreshold: one threshold (compared with `==` as pycocotools does), or nil for all.
  ///   - area: an area label; `"all"` by default.
  ///   - maxDetections: one of ``maxDetections``.
  public func summarize(
    averagePrecision: Bool, iouThreshold: Double? = nil, area: String = "all",
    maxDetections maxDets: Int = 100
  ) -> Double? {
    guard let a = areaLabels.firstIndex(of: area),
      let m = maxDetections.firstIndex(of: maxDets)
    else { return nil }
    let thresholds = iouThresholds.indices.filter {
      iouThreshold == nil || iouThresholds[$0] == iouThreshold
    }
    var values: [Double] = []
    for t in thresholds {
      if averagePrecision {
        for r in recallThresholds.indices {
          for k in categoryIDs.indices {
            let value = precision(iou: t, recall: r, category: k, area: a, maxDets: m)
            if value > -1 { values.append(value) }
          }
        }
      } else {
        for k in categoryIDs.indices {
          let value = recall(iou: t, category: k, area: a, maxDets: m)
          if value > -1 { values.append(value) }
        }
      }
    }
    return NumPyMean.mean(values)
  }

  /// `stats[0]`: AP @ IoU .50:.95, all areas, 100 detections.
  public var ap: Double? { summarize(averagePrecision: true) }
  /// `stats[1]`: AP @ IoU .50 (R1-SGG's "AP50" / 100).
  public var ap50: Double? { summarize(averagePrecision: true, iouThreshold: 0.5) }
  /// `stats[2]`: AP @ IoU .75.
  public var ap75: Double? { summarize(averagePrecision: true, iouThreshold: 0.75) }
  /// `stats[3...5]`: AP for small / medium / large GT areas.
  public var apSmall: Double? { summarize(averagePrecision: true, area: "small") }
  public var apMedium: Double? { summarize(averagePrecision: true, area: "medium") }
  public var apLarge: Double? { summarize(averagePrecision: true, area: "large") }
  /// `stats[6...8]`: AR with 1, 10, 100 detections per image.
  public var ar1: Double? { summarize(averagePrecision: false, maxDetections: 1) }
  public var ar10: Double? { summarize(averagePrecision: false, maxDetections: 10) }
  public var ar100: Double? { summarize(averagePrecision: false, maxDetections: 100) }
  /// `stats[9...11]`: AR for small / medium / large.
  public var arSmall: Double? { summarize(averagePrecision: false, area: "small") }
  public var arMedium: Double? { summarize(averagePrecision: false, area: "medium") }
  public var arLarge: Double? { summarize(averagePrecision: false, area: "large") }
  /// R1-SGG's extra `stats[12]`: AR @ IoU .50, all areas, 100 detections.
  public var ar50: Double? { summarize(averagePrecision: false, iouThreshold: 0.5) }

  /// pycocotools' twelve `stats`, −1 where undefined.
  public var stats: [Double] {
    [ap, ap50, ap75, apSmall, apMedium, apLarge, ar1, ar10, ar100, arSmall, arMedium, arLarge]
      .map { $0 ?? -1 }
  }

  /// AP @ IoU .50 per category id (mean over the 101 recall points, area all, 100
  /// detections), for categories with non-ignored GT.
  public var perCategoryAP50: [Int: Double] { perCategory(iouThreshold: 0.5) }

  /// AP @ IoU .50:.95 per category id, as ``perCategoryAP50``.
  public var perCategoryAP: [Int: Double] { perCategory(iouThreshold: nil) }

  private func perCategory(iouThreshold: Double?) -> [Int: Double] {
    guard let a = areaLabels.firstIndex(of: "all"), let m = maxDetections.firstIndex(of: 100)
    else { return [:] }
    var result: [Int: Double] = [:]
    for (k, category) in categoryIDs.enumerated() {
      var values: [Double] = []
      for t in iouThresholds.indices where iouThreshold == nil || iouThresholds[t] == iouThreshold {
        for r in recallThresholds.indices {
          let value = precision(iou: t, recall: r, category: k, area: a, maxDets: m)
          if value > -1 { values.append(value) }
        }
      }
      if let mean = NumPyMean.mean(values) { result[category] = mean }
    }
    return result
  }
}
