import SGGCore
import SGGTestSupport
import Testing

@testable import SGGMetrics

@Suite struct COCOBoxEvaluatorTests {
  typealias GT = COCOBoxEvaluator.GroundTruth
  typealias Det = COCOBoxEvaluator.Detection

  static func box(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Box {
    Box(x1: x1, y1: y1, x2: x2, y2: y2)
  }

  // One image, one category, GTs G1 [0,0,10,10], G2 [20,20,30,30].
  // Detections by score: D1 = G1 (0.9, TP), D2 [50,50,60,60] (0.8, FP), D3 = G2 (0.7, TP).
  // tp = [1,1,2], fp = [0,1,1] → rc = [.5,.5,1], pr = [1, .5, 2/3] → non-increasing [1, 2/3, 2/3].
  // Recall points 0.00…0.50 (51) → rc index 0 → 1; 0.51…1.00 (50) → index 2 → 2/3.
  // AP = (51 + 50·2/3) / 101 = 253/303 at every IoU threshold (the IoUs are exactly 1).
  // AR@100 = 1; AR@1 keeps only D1 → recall 0.5.
  @Test func handWorkedPRCurve() {
    let gts = [
      GT(id: 1, categoryID: 1, box: Self.box(0, 0, 10, 10)),
      GT(id: 2, categoryID: 1, box: Self.box(20, 20, 30, 30)),
    ]
    let dets = [
      Det(categoryID: 1, box: Self.box(50, 50, 60, 60), score: 0.8),
      Det(categoryID: 1, box: Self.box(20, 20, 30, 30), score: 0.7),
      Det(categoryID: 1, box: Self.box(0, 0, 10, 10), score: 0.9),
    ]
    let result = COCOBoxEvaluator().evaluate(
      groundTruth: ["img": gts], detections: ["img": dets], imageIDs: ["img"])
    #expect(abs((result.ap50 ?? -1) - 253.0 / 303.0) < 1e-12)
    #expect(abs((result.ap ?? -1) - 253.0 / 303.0) < 1e-12)
    #expect(result.perCategoryAP50.keys.sorted() == [1])
    #expect(abs((result.perCategoryAP50[1] ?? -1) - 253.0 / 303.0) < 1e-12)
    #expect(result.ar100 == 1)
    #expect(result.ar1 == 0.5)
    // Areas are 100 < 32²: "small" equals "all"; medium and large have no GT → −1 / nil.
    #expect(result.apSmall == result.ap)
    #expect(result.apMedium == nil)
    #expect(result.stats[4] == -1)
  }

  // Spec §8 fixture (a): every score is 1.0, so the PR curve follows image order.
  // Image "10": one GT, one detection on it (TP). Image "9": one GT, one detection elsewhere (FP).
  // np.unique sorts strings by code point: "10" < "9", so the order is [TP, FP]:
  //   tp = [1,1], fp = [0,1], rc = [.5,.5], pr = [1,.5] → 51 points at 1 → AP50 = 51/101.
  // Renaming "10" to "99" puts it last, [FP, TP]: tp = [0,1], fp = [1,1], rc = [0,.5],
  //   pr = [0,.5] → non-increasing [.5,.5] → 51 points at .5 → AP50 = 25.5/101.
  @Test func allEqualScoresImageOrderFlipsAP() {
    func run(tpImage: String) -> Double? {
      let gt = [
        tpImage: [GT(id: 1, categoryID: 3, box: Self.box(0, 0, 10, 10))],
        "9": [GT(id: 2, categoryID: 3, box: Self.box(0, 0, 10, 10))],
      ]
      let dt = [
        tpImage: [Det(categoryID: 3, box: Self.box(0, 0, 10, 10), score: 1)],
        "9": [Det(categoryID: 3, box: Self.box(40, 40, 50, 50), score: 1)],
      ]
      return COCOBoxEvaluator().evaluate(
        groundTruth: gt, detections: dt, imageIDs: [tpImage, "9"]
      ).ap50
    }
    #expect(abs((run(tpImage: "10") ?? -1) - 51.0 / 101.0) < 1e-12)
    #expect(abs((run(tpImage: "99") ?? -1) - 25.5 / 101.0) < 1e-12)
  }

  // Spec §2.9 id-0 quirk. Two identical GTs, ids 0 and 1, and two detections on them (0.9, 0.8).
  // D1 scans G(id 0): IoU 1 ≥ best → m = 0; G(id 1): IoU 1 ≥ 1 → m = 1 (an equal IoU later in
  // the list replaces the match). D2 then only has G(id 0).
  // Quirk on: D2's match flag is the id 0 → FP. tp = [1,1], fp = [0,1] → AP50 = 51/101.
  // Quirk off: both TP, pr = 1/(1 + 2^-52) at every point → AP50 = 1 − 2^-52 ≈ 1.
  @Test func annotationIDZeroQuirk() {
    let gts = [
      GT(id: 0, categoryID: 1, box: Self.box(0, 0, 10, 10)),
      GT(id: 1, categoryID: 1, box: Self.box(0, 0, 10, 10)),
    ]
    let dets = [
      Det(categoryID: 1, box: Self.box(0, 0, 10, 10), score: 0.9),
      Det(categoryID: 1, box: Self.box(0, 0, 10, 10), score: 0.8),
    ]
    let quirk = COCOBoxEvaluator(options: .init(annotationIDZeroQuirk: true)).evaluate(
      groundTruth: ["a": gts], detections: ["a": dets], imageIDs: ["a"])
    let proper = COCOBoxEvaluator().evaluate(
      groundTruth: ["a": gts], detections: ["a": dets], imageIDs: ["a"])
    #expect(abs((quirk.ap50 ?? -1) - 51.0 / 101.0) < 1e-12)
    #expect(abs((proper.ap50 ?? -1) - 1) < 1e-12)
    // Quirk on, a single GT with id 0: its exact detection is a FP and the GT a FN → AP 0, AR 0.
    let single = COCOBoxEvaluator(options: .init(annotationIDZeroQuirk: true)).evaluate(
      groundTruth: ["a": [gts[0]]], detections: ["a": [dets[0]]], imageIDs: ["a"])
    #expect(single.ap50 == 0)
    #expect(single.ar100 == 0)
  }

  // Hallucinated categories (no GT) are left out; a GT category without detections counts 0;
  // images outside `imageIDs` are not looked at; a detection of category 2 on category 1's GT
  // is no match. Category 1: one GT, exact TP → AP ≈ 1. Category 5: one GT, no detection → 0.
  // Mean over {1, 5} = 0.5. The "other" image's GT (would be a FN) is excluded.
  @Test func categoriesAndImageSelection() {
    let gt = [
      "a": [
        GT(id: 1, categoryID: 1, box: Self.box(0, 0, 10, 10)),
        GT(id: 2, categoryID: 5, box: Self.box(0, 0, 10, 10)),
      ],
      "other": [GT(id: 3, categoryID: 1, box: Self.box(0, 0, 10, 10))],
    ]
    let dt = [
      "a": [
        Det(categoryID: 1, box: Self.box(0, 0, 10, 10), score: 1),
        Det(categoryID: 2, box: Self.box(0, 0, 10, 10), score: 1),
        Det(categoryID: 7, box: Self.box(0, 0, 10, 10), score: 1),
      ]
    ]
    let result = COCOBoxEvaluator().evaluate(groundTruth: gt, detections: dt, imageIDs: ["a"])
    #expect(result.categoryIDs == [1, 5])
    #expect(result.perCategoryAP50[5] == 0)
    #expect(abs((result.perCategoryAP50[1] ?? -1) - 1) < 1e-12)
    #expect(abs((result.ap50 ?? -1) - 0.5) < 1e-12)
  }

  @Test func emptyInputs() {
    let none = COCOBoxEvaluator().evaluate(groundTruth: [:], detections: [:], imageIDs: [])
    #expect(none.ap50 == nil)
    #expect(none.stats == [Double](repeating: -1, count: 12))
    // GT but no detection at all: precision and recall 0.
    let noDetections = COCOBoxEvaluator().evaluate(
      groundTruth: ["a": [GT(id: 1, categoryID: 1, box: Self.box(0, 0, 5, 5))]],
      detections: [:], imageIDs: ["a", "a"])
    #expect(noDetections.imageIDs == ["a"])
    #expect(noDetections.ap50 == 0)
    #expect(noDetections.ar100 == 0)
  }

  // np.unique order is code-point order, not Swift's String ordering nor numeric order.
  @Test func imageIDOrder() {
    let ids = ["b", "10", "9", "B", "a", "10", "_", "é"]
    #expect(COCOBoxEvaluator.uniqueSorted(ids) == ["10", "9", "B", "_", "a", "b", "é"])
  }

  // 8-lane branch on [1, …, 9]: lanes 1…8 plus the rest 9, exact → 45/9 = 5.
  @Test func numpyMeanSmall() {
    #expect(NumPyMean.mean([]) == nil)
    #expect(NumPyMean.mean([1, 2, 3, 4, 5, 6, 7, 8, 9]) == 5)
  }

  // Bit-identical to np.mean on random arrays across all three branches (< 8, ≤ 128, split).
  @Test func numpyMeanMatchesNumPy() throws {
    var rng = SeededGenerator(seed: 42)
    let arrays: [[Double]] = (0..<300).map { n in
      let count = [
        Int.random(in: 1...7, using: &rng), Int.random(in: 8...128, using: &rng),
        Int.random(in: 129...3000, using: &rng),
      ][n % 3]
      return (0..<count).map { _ in Double.random(in: 0..<1, using: &rng) }
    }
    let expected = try PythonReference.run(
      "import json, sys, numpy as np\n"
        + "print(json.dumps([float(np.mean(np.array(a))) for a in json.load(sys.stdin)]))",
      input: arrays, modules: ["numpy"], as: [Double].self)
    #expect(arrays.map { NumPyMean.mean($0) ?? -1 } == expected)
  }

  // MARK: - Cross-check against pycocotools

  struct RefGT: Codable {
    var image: String
    var id: Int
    var category: Int
    var box: [Double]
    var iscrowd: Int
  }

  struct RefDet: Codable {
    var image: String
    var category: Int
    var box: [Double]
    var score: Double
  }

  struct RefDataset: Codable {
    var images: [String]
    var categories: [Int]
    var imageIDs: [String]
    var gts: [RefGT]
    var dets: [RefDet]
  }

  struct RefAnswer: Codable {
    var catIds: [Int]
    var stats: [Double]
    /// Run-length encoded `precision.transpose(0, 2, 3, 4, 1)` ([T, K, A, M, R]): pairs of
    /// `[value, count]`, which keeps the JSON small (precision is a step function of recall).
    var precisionRuns: [[Double]]
    var recall: [Double]
    var perCategoryAP50: [String: Double]

    /// The decoded precision in [T, K, A, M, R] order.
    var precisionTKAMR: [Double] {
      precisionRuns.flatMap { [Double](repeating: $0[0], count: Int($0[1])) }
    }
  }

  static let pycocotoolsScript = """
    import contextlib, io, json, sys
    import numpy as np
    from pycocotools.coco import COCO
    from pycocotools.cocoeval import COCOeval
    def runs(values):
        out = []
        for v in values:
            if out and out[-1][0] == v:
                out[-1][1] += 1
            else:
                out.append([v, 1])
        return out
    out = []
    for ds in json.load(sys.stdin):
        with contextlib.redirect_stdout(io.StringIO()):
            gt = COCO()
            anns = []
            for g in ds["gts"]:
                x1, y1, x2, y2 = [float(v) for v in g["box"]]
                anns.append({"id": g["id"], "image_id": g["image"], "category_id": g["category"],
                             "bbox": [x1, y1, x2 - x1, y2 - y1], "area": (x2 - x1) * (y2 - y1),
                             "iscrowd": g["iscrowd"]})
            gt.dataset = {"images": [{"id": i} for i in ds["images"]],
                          "categories": [{"id": c} for c in ds["categories"]],
                          "annotations": anns}
            gt.createIndex()
            res = []
            for d in ds["dets"]:
                x1, y1, x2, y2 = [float(v) for v in d["box"]]
                res.append({"image_id": d["image"], "category_id": d["category"],
                            "bbox": [x1, y1, x2 - x1, y2 - y1], "score": float(d["score"])})
            dt = gt.loadRes(res)
            ev = COCOeval(gt, dt, "bbox")
            ev.params.imgIds = ds["imageIDs"]
            ev.evaluate(); ev.accumulate(); ev.summarize()
        prec = ev.eval["precision"]
        per = {}
        for k, c in enumerate(ev.params.catIds):
            p = prec[0, :, k, 0, 2]
            if (p > -1).any():
                per[str(c)] = float(np.mean(p[p > -1]))
        out.append({"catIds": [int(c) for c in ev.params.catIds],
                    "stats": [float(s) for s in ev.stats],
                    "precisionRuns": runs(prec.transpose(0, 2, 3, 4, 1).ravel().tolist()),
                    "recall": [float(v) for v in ev.eval["recall"].ravel()],
                    "perCategoryAP50": per})
    print(json.dumps(out))
    """

  /// Random small datasets: ties, duplicate boxes, empty images, hallucinated categories,
  /// reversed boxes, crowds, inexact float coordinates, all three area ranges, > 10 and > 100
  /// detections per image. GT ids run from `firstID` over the whole dataset.
  static func randomDatasets(count: Int, seed: UInt64, firstID: Int) -> [RefDataset] {
    var rng = SeededGenerator(seed: seed)
    let idPool = [
      "0", "1", "10", "100", "2", "20", "9", "a", "A", "b", "img_1", "img_10", "img_2", "Z", "_x",
    ]
    var datasets: [RefDataset] = []
    for n in 0..<count {
      let imageCount = Int.random(in: 1...5, using: &rng)
      let images = Array(idPool.shuffled(using: &rng).prefix(imageCount))
      let gtCategories = Int.random(in: 1...4, using: &rng)
      let scale = [1.0, 0.7, 4.0, 12.0, 2.5][n % 5]
      let scoreMode = n % 3  // 0: all 1.0, 1: few levels, 2: continuous
      let crowdRate = n % 7 == 0 ? 0.2 : 0.0
      let manyDetections = n % 25 == 0
      var gts: [RefGT] = []
      var dets: [RefDet] = []
      var nextID = firstID
      func randomBox() -> [Double] {
        let x = Double(Int.random(in: 0...20, using: &rng))
        let y = Double(Int.random(in: 0...20, using: &rng))
        var w = Double(Int.random(in: 1...10, using: &rng))
        let h = Double(Int.random(in: 1...10, using: &rng))
        if Double.random(in: 0..<1, using: &rng) < 0.03 { w = -w }  // reversed corners
        return [x * scale, y * scale, (x + w) * scale, (y + h) * scale]
      }
      for image in images {
        var imageBoxes: [[Double]] = []
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
          let box =
            imageBoxes.isEmpty || Bool.random(using: &rng)
            ? randomBox() : imageBoxes.randomElement(using: &rng)!
          imageBoxes.append(box)
          gts.append(
            RefGT(
              image: image, id: nextID, category: Int.random(in: 1...gtCategories, using: &rng),
              box: box, iscrowd: Double.random(in: 0..<1, using: &rng) < crowdRate ? 1 : 0))
          nextID += 1
        }
        let detCount =
          manyDetections
          ? Int.random(in: 95...110, using: &rng) : Int.random(in: 0...12, using: &rng)
        for _ in 0..<detCount {
          var box: [Double]
          if !imageBoxes.isEmpty && Double.random(in: 0..<1, using: &rng) < 0.6 {
            box = imageBoxes.randomElement(using: &rng)!
            if Bool.random(using: &rng) {  // jitter: IoU near the thresholds
              box[2] += Double(Int.random(in: -2...2, using: &rng)) * scale
              box[0] += Double(Int.random(in: -1...1, using: &rng)) * scale
            }
          } else {
            box = randomBox()
          }
          let score: Double
          switch scoreMode {
          case 0: score = 1
          case 1: score = [0.25, 0.5, 0.75, 1][Int.random(in: 0...3, using: &rng)]
          default: score = Double.random(in: 0..<1, using: &rng)
          }
          dets.append(
            RefDet(
              image: image, category: Int.random(in: 1...(gtCategories + 2), using: &rng),
              box: box, score: score))
        }
      }
      if dets.isEmpty {  // pycocotools' loadRes fails on an empty result list
        dets.append(RefDet(image: images[0], category: 1, box: randomBox(), score: 0.5))
      }
      // Participating images: a random non-empty subset, sometimes with duplicates.
      var imageIDs = images.filter { _ in Double.random(in: 0..<1, using: &rng) < 0.8 }
      if imageIDs.isEmpty { imageIDs = [images[0]] }
      if n % 4 == 0 { imageIDs.append(imageIDs[0]) }
      // Categories: GT ones plus one without GT (pycocotools keeps it with precision −1).
      datasets.append(
        RefDataset(
          images: images, categories: Array(1...(gtCategories + 1)), imageIDs: imageIDs,
          gts: gts, dets: dets))
    }
    return datasets
  }

  static func swiftInputs(_ ds: RefDataset, idShift: Int) -> (
    [String: [GT]], [String: [Det]]
  ) {
    var gt: [String: [GT]] = [:]
    var dt: [String: [Det]] = [:]
    for g in ds.gts {
      gt[g.image, default: []].append(
        GT(
          id: g.id + idShift, categoryID: g.category,
          box: Box(x1: g.box[0], y1: g.box[1], x2: g.box[2], y2: g.box[3]),
          isCrowd: g.iscrowd != 0))
    }
    for d in ds.dets {
      dt[d.image, default: []].append(
        Det(
          categoryID: d.category,
          box: Box(x1: d.box[0], y1: d.box[1], x2: d.box[2], y2: d.box[3]), score: d.score))
    }
    return (gt, dt)
  }

  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 }

  /// Compares one Swift result with pycocotools' arrays, mapping pycocotools' category axis
  /// (all dataset categories) onto ours (categories with GT in the participating images).
  static func compare(_ result: COCOResult, _ ref: RefAnswer, label: String) -> Int {
    var problems = 0
    func fail(_ message: String) {
      problems += 1
      if problems <= 5 { Issue.record("\(label): \(message)") }
    }
    for (i, (ours, theirs)) in zip(result.stats, ref.stats).enumerated() where !close(ours, theirs)
    {
      fail("stats[\(i)] swift \(ours) pycocotools \(theirs)")
    }
    let (tCount, rCount, aCount, mCount) = (10, 101, 4, 3)
    let refK = ref.catIds.count
    let refPrecision = ref.precisionTKAMR
    guard refPrecision.count == tCount * rCount * refK * aCount * mCount else {
      fail("pycocotools precision has \(refPrecision.count) entries")
      return problems
    }
    for (k0, category) in ref.catIds.enumerated() {
      let k = result.categoryIDs.firstIndex(of: category)
      for t in 0..<tCount {
        for a in 0..<aCount {
          for m in 0..<mCount {
            let theirsRecall = ref.recall[((t * refK + k0) * aCount + a) * mCount + m]
            let oursRecall =
              k.map { result.recall(iou: t, category: $0, area: a, maxDets: m) } ?? -1
            if !close(oursRecall, theirsRecall) {
              fail("recall[\(t),cat \(category),\(a),\(m)] swift \(oursRecall) ref \(theirsRecall)")
            }
            for r in 0..<rCount {
              let theirs = refPrecision[(((t * refK + k0) * aCount + a) * mCount + m) * rCount + r]
              let ours =
                k.map { result.precision(iou: t, recall: r, category: $0, area: a, maxDets: m) }
                ?? -1
              if !close(ours, theirs) {
                fail("precision[\(t),\(r),cat \(category),\(a),\(m)] swift \(ours) ref \(theirs)")
              }
            }
          }
        }
      }
    }
    let ourPer = Dictionary(
      uniqueKeysWithValues: result.perCategoryAP50.map { (String($0.key), $0.value) })
    if ourPer.keys.sorted() != ref.perCategoryAP50.keys.sorted() {
      fail("per-category AP50 keys \(ourPer.keys.sorted()) vs \(ref.perCategoryAP50.keys.sorted())")
    }
    for (key, value) in ref.perCategoryAP50 where !close(ourPer[key] ?? -1, value) {
      fail("per-category AP50[\(key)] swift \(ourPer[key] ?? -1) ref \(value)")
    }
    return problems
  }

  func crossCheck(seed: UInt64, firstID: Int, quirk: Bool, idShift: Int) throws {
    let datasets = Self.randomDatasets(count: 300, seed: seed, firstID: firstID)
    let answers = try PythonReference.run(
      Self.pycocotoolsScript, input: datasets, modules: ["numpy", "pycocotools"],
      as: [RefAnswer].self)
    try #require(answers.count == datasets.count)
    let evaluator = COCOBoxEvaluator(options: .init(annotationIDZeroQuirk: quirk))
    var failing = 0
    var exactAP50 = 0
    for (index, (ds, ref)) in zip(datasets, answers).enumerated() {
      let (gt, dt) = Self.swiftInputs(ds, idShift: idShift)
      let result = evaluator.evaluate(groundTruth: gt, detections: dt, imageIDs: ds.imageIDs)
      if Self.compare(result, ref, label: "dataset \(index)") > 0 { failing += 1 }

      if result.stats[1] == ref.stats[1] { exactAP50 += 1 }
    }
    #expect(failing == 0)
    // NumPy's summation order is reproduced, so AP50 is bit-identical, not just within 1e-12.
    #expect(exactAP50 == datasets.count)
  }

  // R1-SGG numbering: GT ids from 0, quirk on, same ids as pycocotools.
  @Test func matchesPycocotoolsIDsFromZeroWithQuirk() throws {
    try crossCheck(seed: 0xC0C0_0001, firstID: 0, quirk: true, idShift: 0)
  }

  // ids from 1 (no id 0 anywhere): quirk off must equal pycocotools.
  @Test func matchesPycocotoolsIDsFromOne() throws {
    try crossCheck(seed: 0xC0C0_0002, firstID: 1, quirk: false, idShift: 0)
  }

  // pycocotools on ids from 1 vs Swift on the same GT numbered from 0 with the quirk off: the
  // proper flag makes the numbering irrelevant.
  @Test func quirkOffIgnoresNumbering() throws {
    try crossCheck(seed: 0xC0C0_0003, firstID: 1, quirk: false, idShift: -1)
  }
}
