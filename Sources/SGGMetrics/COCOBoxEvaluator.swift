import SGGCore

/// pycocotools' `COCOeval` for `iouType='bbox'`, reproduced number for number
/// (eval-protocols §5.5): `evaluateImg`, `accumulate` and `summarize` with the default
/// parameters — IoU thresholds `linspace(.5, .95, 10)`, 101 recall thresholds, `maxDets`
/// `[1, 10, 100]`, area ranges all / small / medium / large, `useCats = 1`.
///
/// Inputs are what R1-SGG's `SggEvaluator` feeds pycocotools (§2.9): GT and detection boxes in
/// `xyxy`, converted as pycocotools sees them — `bbox = [x1, y1, x2 − x1, y2 − y1]`, GT
/// `area = (x2 − x1)·(y2 − y1)`, detection `area = w·h` (as `loadRes` sets it), detection ids
/// `1, 2, …` (so a detection id is never 0).
///
/// Order matters because anchors give every detection the score 1.0: images are taken in
/// `np.unique` order of their ids (code-point order of the strings, as Python compares `str`),
/// categories in increasing id order, GT and detections of one image in the order given, and
/// every sort is a stable mergesort on −score, so the PR curve is exactly pycocotools'.
///
/// Which images take part is the caller's choice (`imageIDs`); R1-SGG uses "images with a
/// prediction file". GT and detections of other images are not looked at. Detections of a
/// category without GT in the participating images change nothing (pycocotools gives that
/// category precision −1 and leaves it out of every mean).
///
/// - Complexity: O(Σ D·G·T) for matching plus O(K·A·M·(N log N + T·N)) for accumulation, with
///   D, G detections and GT per (image, category), T = 10 thresholds and N detections per
///   category.
public struct COCOBoxEvaluator: Sendable {
  /// Behaviour switches.
  public struct Options: Sendable, Hashable {
    /// Reproduce pycocotools' use of the GT annotation id as the "matched" flag
    /// (`dtMatches = gt['id']`, tested as non-zero): a detection matched to a GT whose id is 0
    /// counts as a false positive, and that GT is still used up, so it is a false negative
    /// (eval-protocols §2.9, cocoapi PR #331). R1-SGG and Kaihua Tang's code number annotations
    /// from 0, so turn this on, with those ids, to reproduce their AP50. Off: matching uses a
    /// proper flag and ids play no part.
    public var annotationIDZeroQuirk: Bool
    /// Evaluate only what AP50 needs (IoU 0.5, area `all`, maxDets 100) instead of pycocotools'
    /// 10 × 4 × 3 grid. Every value computed is the same as in the full run, because
    /// pycocotools computes each grid cell independently; the others are absent from the result.
    public var onlyAP50: Bool

    public init(annotationIDZeroQuirk: Bool = false, onlyAP50: Bool = false) {
      self.annotationIDZeroQuirk = annotationIDZeroQuirk
      self.onlyAP50 = onlyAP50
    }
  }

  /// One ground-truth annotation.
  public struct GroundTruth: Sendable, Hashable {
    /// Annotation id; only matters with ``Options/annotationIDZeroQuirk`` (id 0 never matches).
    public var id: Int
    public var categoryID: Int
    /// Corner form; converted to `xywh` without +1.
    public var box: Box
    /// COCO `iscrowd`: a crowd GT is ignored, can absorb several detections, and its IoU is
    /// `intersection / detection area`. Anchors always use false.
    public var isCrowd: Bool

    public init(id: Int, categoryID: Int, box: Box, isCrowd: Bool = false) {
      self.id = id
      self.categoryID = categoryID
      self.box = box
      self.isCrowd = isCrowd
    }
  }

  /// One detection.
  public struct Detection: Sendable, Hashable {
    public var categoryID: Int
    /// Corner form; converted to `xywh` without +1.
    public var box: Box
    public var score: Double

    public init(categoryID: Int, box: Box, score: Double) {
      self.categoryID = categoryID
      self.box = box
      self.score = score
    }
  }

  public var options: Options

  public init(options: Options = Options()) {
    self.options = options
  }

  /// Runs `evaluate()`, `accumulate()` and `summarize()`.
  ///
  /// - Parameters:
  ///   - groundTruth: GT annotations per image id, in dataset order.
  ///   - detections: detections per image id, in generation order.
  ///   - imageIDs: the images that take part (`params.imgIds`); duplicates are removed and the
  ///     ids sorted as `np.unique` does.
  ///
  /// The dictionaries are keyed by Swift `String`, which treats canonically equivalent ids
  /// ("é" precomposed and decomposed) as one key where Python would see two images; real
  /// dataset ids are ASCII.
  public func evaluate(
    groundTruth: [String: [GroundTruth]], detections: [String: [Detection]], imageIDs: [String]
  ) -> COCOResult {
    let images = Self.uniqueSorted(imageIDs)
    let scope = options.onlyAP50 ? Scope.ap50 : Scope.full
    var categorySet = Set<Int>()
    for image in images {
      for gt in groundTruth[image] ?? [] { categorySet.insert(gt.categoryID) }
    }
    let categories = categorySet.sorted()
    let categoryIndex = Dictionary(
      uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })

    // evalImgs, kept per category in image order; nil records (no GT and no detection) are
    // simply absent, as `accumulate` drops them. Images are independent, so they are evaluated
    // on all cores and collected in image order.
    let perImage = concurrentMap(count: images.count, chunk: 128) { index -> [(Int, ImageRecord)] in
      let image = images[index]
      var gtByCategory = [[PreparedGroundTruth]](repeating: [], count: categories.count)
      var dtByCategory = [[PreparedDetection]](repeating: [], count: categories.count)
      for gt in groundTruth[image] ?? [] {
        if let k = categoryIndex[gt.categoryID] { gtByCategory[k].append(PreparedGroundTruth(gt)) }
      }
      for dt in detections[image] ?? [] {
        if let k = categoryIndex[dt.categoryID] { dtByCategory[k].append(PreparedDetection(dt)) }
      }
      var out: [(Int, ImageRecord)] = []
      for k in categories.indices where !(gtByCategory[k].isEmpty && dtByCategory[k].isEmpty) {
        out.append(
          (
            k,
            evaluateImage(groundTruth: gtByCategory[k], detections: dtByCategory[k], scope: scope)
          ))
      }
      return out
    }
    var records = [[ImageRecord]](repeating: [], count: categories.count)
    for list in perImage {
      for (k, record) in list { records[k].append(record) }
    }
    return accumulate(categories: categories, imageIDs: images, records: records, scope: scope)
  }

  /// `np.unique` on a list of Python `str`: duplicates removed, sorted by code point. UTF-8 byte
  /// order is code-point order; Swift's `String` `<` and `==` use canonical equivalence instead,
  /// so they are not used here.
  static func uniqueSorted(_ ids: [String]) -> [String] {
    var seen = Set<[UInt8]>()
    var unique: [(key: [UInt8], id: String)] = []
    for id in ids {
      let key = Array(id.utf8)
      if seen.insert(key).inserted { unique.append((key, id)) }
    }
    unique.sort { $0.key.lexicographicallyPrecedes($1.key) }
    return unique.map(\.id)
  }
}

extension COCOBoxEvaluator {
  /// pycocotools' default detection parameters (`Params.setDetParams`).
  enum Parameters {
    /// `np.linspace(.5, .95, 10)`: `k * step + start`, last entry set to `stop`.
    static let iouThresholds: [Double] = linspace(0.5, 0.95, count: 10)
    /// `np.linspace(0, 1, 101)`.
    static let recallThresholds: [Double] = linspace(0, 1, count: 101)
    static let maxDetections = [1, 10, 100]
    static let areaRanges: [(lower: Double, upper: Double)] = [
      (0, 1e10), (0, 1024), (1024, 9216), (9216, 1e10),
    ]
    static let areaLabels = ["all", "small", "medium", "large"]

    static func linspace(_ start: Double, _ stop: Double, count: Int) -> [Double] {
      let step = (stop - start) / Double(count - 1)
      var values = (0..<count).map { Double($0) * step + start }
      values[count - 1] = stop
      return values
    }
  }

  /// The part of pycocotools' parameter grid that is evaluated.
  struct Scope {
    var iouThresholds: [Double]
    var areaRanges: [(lower: Double, upper: Double)]
    var areaLabels: [String]
    var maxDetections: [Int]

    static let full = Scope(
      iouThresholds: Parameters.iouThresholds, areaRanges: Parameters.areaRanges,
      areaLabels: Parameters.areaLabels, maxDetections: Parameters.maxDetections)
    static let ap50 = Scope(
      iouThresholds: [Parameters.iouThresholds[0]], areaRanges: [Parameters.areaRanges[0]],
      areaLabels: [Parameters.areaLabels[0]], maxDetections: [Parameters.maxDetections[2]])
  }

  /// A GT as pycocotools holds it after `createIndex` / `_prepare`.
  struct PreparedGroundTruth {
    var id: Int
    var x: Double
    var y: Double
    var w: Double
    var h: Double
    var area: Double
    var isCrowd: Bool

    init(_ gt: GroundTruth) {
      id = gt.id
      x = gt.box.x1
      y = gt.box.y1
      w = gt.box.x2 - gt.box.x1
      h = gt.box.y2 - gt.box.y1
      // R1-SGG: `area = (x2 - x1) * (y2 - y1)`.
      area = (gt.box.x2 - gt.box.x1) * (gt.box.y2 - gt.box.y1)
      isCrowd = gt.isCrowd
    }
  }

  /// A detection as `loadRes` stores it.
  struct PreparedDetection {
    var x: Double
    var y: Double
    var w: Double
    var h: Double
    var area: Double
    var score: Double

    init(_ dt: Detection) {
      x = dt.box.x1
      y = dt.box.y1
      w = dt.box.x2 - dt.box.x1
      h = dt.box.y2 - dt.box.y1
      // loadRes: `ann['area'] = bb[2] * bb[3]`.
      area = w * h
      score = dt.score
    }
  }
}
