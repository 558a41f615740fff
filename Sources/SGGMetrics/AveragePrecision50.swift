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

/// Object AP at IoU 0.5 through ``COCOBoxEvaluator`` (eval-protocols §2.9).
///
/// Every detection scores 1.0 and keeps generation order within its image, so pycocotools'
/// stable sorts make the PR curve follow sorted image ids, then generation order.
struct AveragePrecision50 {
  let options: ScoringProtocol
  let categoryNames: [String]

  func compute(_ images: [APImage]) -> (ap50: Double, perCategory: [String: Double]) {
    var groundTruth: [String: [COCOBoxEvaluator.GroundTruth]] = [:]
    var detections: [String: [COCOBoxEvaluator.Detection]] = [:]
    var imageIDs: [String] = []
    // R1-SGG numbers GT annotations from 0 over the whole dataset in file order, so the id-0
    // quirk hits the first GT box of the first image, and only if that image is evaluated.
    // Without the quirk ids start at 1, where pycocotools' sentinel never collides.
    let base = options.cocoAnnotationIDZeroQuirk ? 0 : 1
    for image in images {
      let annotations = zip(image.gtLabels, image.gtBoxes).enumerated().map { k, pair in
        COCOBoxEvaluator.GroundTruth(
          id: base + image.firstAnnotationID + k, categoryID: Int(pair.0) + 1, box: pair.1)
      }
      if options.apImages == .withPrediction && !image.hasPrediction { continue }
      imageIDs.append(image.id)
      groundTruth[image.id, default: []].append(contentsOf: annotations)
      detections[image.id, default: []].append(
        contentsOf: zip(image.detectionLabels, image.detectionBoxes).map { label, box in
          COCOBoxEvaluator.Detection(categoryID: Int(label) + 1, box: box, score: 1.0)
        })
    }
    let evaluator = COCOBoxEvaluator(
      options: .init(annotationIDZeroQuirk: options.cocoAnnotationIDZeroQuirk, onlyAP50: true))
    let result = evaluator.evaluate(
      groundTruth: groundTruth, detections: detections, imageIDs: imageIDs)
    var perCategory: [String: Double] = [:]
    for (category, ap) in result.perCategoryAP50 where category - 1 < categoryNames.count {
      perCategory[categoryNames[category - 1]] = ap
    }
    return (result.ap50 ?? 0, perCategory)
  }
}
