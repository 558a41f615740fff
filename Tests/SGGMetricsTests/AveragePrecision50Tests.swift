import SGGCore
import Testing

@testable import SGGMetrics

/// The streamed AP50 used by the evaluator must equal ``COCOBoxEvaluator`` (itself checked
/// against pycocotools) on inputs where every detection scores 1.0.
@Suite struct AveragePrecision50Tests {
  private func randomBox(_ g: inout SeededGenerator) -> Box {
    let x = Double(Int.random(in: 0..<60, using: &g))
    let y = Double(Int.random(in: 0..<60, using: &g))
    var w = Double(Int.random(in: 1..<30, using: &g))
    let h = Double(Int.random(in: 1..<30, using: &g))
    if Int.random(in: 0..<25, using: &g) == 0 { w = -w }  // reversed corners: negative area
    if Int.random(in: 0..<60, using: &g) == 0 { return Box(x1: x, y1: y, x2: .nan, y2: y + h) }
    return Box(x1: x, y1: y, x2: x + w, y2: y + h)
  }

  @Test(arguments: [false, true])
  func streamedAP50EqualsTheGeneralEvaluator(quirk: Bool) {
    var g = SeededGenerator(seed: quirk ? 7 : 3)
    for trial in 0..<200 {
      let categories = Int.random(in: 1...5, using: &g)
      var images: [APImage] = []
      var nextID = 0
      for i in 0..<Int.random(in: 1...8, using: &g) {
        let nGT = Int.random(in: 0...6, using: &g)
        let nDT = Int.random(in: 0...(trial % 10 == 0 ? 120 : 8), using: &g)
        var gtBoxes = (0..<nGT).map { _ in randomBox(&g) }
        var dtBoxes = (0..<nDT).map { _ in randomBox(&g) }
        // Duplicate boxes make equal-IoU ties.
        if nGT > 1 && Bool.random(using: &g) { gtBoxes[1] = gtBoxes[0] }
        if nDT > 0 && nGT > 0 && Bool.random(using: &g) { dtBoxes[0] = gtBoxes[0] }
        images.append(
          APImage(
            id: "img\(Int.random(in: 0..<1000, using: &g))-\(i)",
            gtLabels: (0..<nGT).map { _ in Int32.random(in: 0..<Int32(categories), using: &g) },
            gtBoxes: gtBoxes,
            detectionLabels: (0..<nDT).map { _ in Int32.random(in: 0..<Int32(categories), using: &g)
            },
            detectionBoxes: dtBoxes, hasPrediction: Bool.random(using: &g),
            firstAnnotationID: nextID))
        nextID += nGT
      }
      for rule in APImageRule.allCases {
        var options = ScoringProtocol.default
        options.apImages = rule
        options.cocoAnnotationIDZeroQuirk = quirk
        let names = (0..<categories).map { "c\($0)" }
        let fast = AveragePrecision50(options: options, categoryNames: names).compute(images)
        // The same input through the general evaluator.
        var gt: [String: [COCOBoxEvaluator.GroundTruth]] = [:]
        var dt: [String: [COCOBoxEvaluator.Detection]] = [:]
        var ids: [String] = []
        for image in images where rule == .all || image.hasPrediction {
          ids.append(image.id)
          gt[image.id] = zip(image.gtLabels, image.gtBoxes).enumerated().map {
            COCOBoxEvaluator.GroundTruth(
              id: (quirk ? 0 : 1) + image.firstAnnotationID + $0.offset,
              categoryID: Int($0.element.0) + 1,
              box: $0.element.1)
          }
          dt[image.id] = zip(image.detectionLabels, image.detectionBoxes).map {
            COCOBoxEvaluator.Detection(categoryID: Int($0.0) + 1, box: $0.1, score: 1)
          }
        }
        let general = COCOBoxEvaluator(options: .init(annotationIDZeroQuirk: quirk)).evaluate(
          groundTruth: gt, detections: dt, imageIDs: ids)
        #expect(fast.ap50 == (general.ap50 ?? 0), "trial \(trial) \(rule)")
      }
    }
  }
}
