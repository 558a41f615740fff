import SGGCore
import SGGFormats
import SGGMetrics
import Testing

/// Frames built from TOON text, as the anchor builds them from `content` / `predict`.
func agFrame(_ rows: String) -> ActionGenomeGraph? {
  let text =
    "<answer>\n1,person,10,10,100,200\n2,cup/glass/bottle,120,50,160,100\n\(rows)\n</answer>"
  if case .success(let g) = ActionGenomeToonParser().parse(text) { return g }
  return nil
}

func agResult(gt: String, pred: String, _ options: AGProtocol) throws -> AGFrameResult {
  let g = AGGroundTruthFrame(graph: try #require(agFrame(gt)))
  let p = AGPredictionFrame(graph: try #require(agFrame(pred)))
  return try #require(AGFrameEvaluator.evaluate(g, p, options: options))
}

func near(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-12 }

@Suite struct AGEvaluatorTests {
  /// eval-protocols §8: GT `1,[looking_at],[in_front_of],[holding],2`, prediction identical
  /// except attention `[]`.
  @Test func specVectorWithConstraint() throws {
    let r = try agResult(
      gt: "1,[looking_at],[in_front_of],[holding],2", pred: "1,[],[in_front_of],[holding],2",
      .scenegraphvlmAG)
    // Rows: attention all zero → argmax 0 = looking_at at score 0 (hits the GT attention),
    // spatial in_front_of on (cup, person), contacting holding: 3 rows, 3 of 3 hit.
    #expect(r.rows == 3)
    for i in 0..<4 {
      #expect(r.recall(i) == 1.0)
      #expect(r.precision(i) == 1.0)
      #expect(r.f1(i) == 1.0)
    }
  }

  @Test func specVectorNoConstraint() throws {
    var o = AGProtocol.scenegraphvlmAG
    o.constraint = .no
    let r = try agResult(
      gt: "1,[looking_at],[in_front_of],[holding],2", pred: "1,[],[in_front_of],[holding],2", o)
    // 3 rows × 26 = 78 cells, all kept (< 100). Exact targets: R@100 = 1, P@100 = 3/78.
    #expect(r.rows == 78)
    #expect(r.recall(3) == 1.0)
    #expect(near(r.precision(3), 3.0 / 78.0))
    // Generation tie order (not the anchor's numpy order, which is not portable): the two
    // score-1 cells first, then the zero cells from row 0 column 0 = looking_at (person, cup),
    // a hit: TP = 3 from K = 10 on, so R@10 = R@20 = 1, P@10 = 0.3, P@20 = 0.15, P@50 = 0.06.
    #expect(r.recall(0) == 1.0 && r.recall(1) == 1.0 && r.recall(2) == 1.0)
    #expect(near(r.precision(0), 0.3) && near(r.precision(1), 0.15))
    #expect(near(r.precision(2), 0.06))
  }

  @Test func emptyLabelListsGiveZeroScoreLookingAt() throws {
    let r = try agResult(
      gt: "1,[looking_at],[],[not_contacting],2", pred: "1,[],[],[],2", .scenegraphvlmAG)
    // Rows (all score 0, generation order): (p, looking_at, c) hit GT0; (c, looking_at, p)
    // miss; (p, looking_at, c) hits GT0 again (union unchanged, no new TP).
    // R = 1/2; TP = 1, P = 1/3, F1 = 2·(1/3)·(1/2)/(1/3 + 1/2) = 0.4.
    #expect(r.recall(0) == 0.5)
    #expect(near(r.precision(0), 1.0 / 3.0))
    #expect(near(r.f1(0), 0.4))
  }

  @Test func unknownIdsFallBackToPositionZero() throws {
    // Object 7 does not exist → position 0 (the person): (person, looking_at, person), a miss.
    let miss = try agResult(
      gt: "1,[looking_at],[],[],2", pred: "1,[looking_at],[],[],7", .scenegraphvlmAG)
    #expect(miss.recall(3) == 0)
    // Subject 9 does not exist → position 0 = person, so the pair is (person, cup): a hit.
    // 3 rows (attention hit; spatial and contacting zero rows → looking_at, the contacting one
    // on (person, cup) hits the same GT again): R = 1, TP = 1, P = 1/3.
    let hit = try agResult(
      gt: "1,[looking_at],[],[],2", pred: "9,[looking_at],[],[],2", .scenegraphvlmAG)
    #expect(hit.recall(0) == 1)
    #expect(near(hit.precision(0), 1.0 / 3.0))
  }

  @Test func noConstraintFillerCells() throws {
    var o = AGProtocol.scenegraphvlmAG
    o.constraint = .no
    let gt = "1,[looking_at],[behind],[],2"
    let pred = "1,[unsure],[],[],2"
    let r = try agResult(gt: gt, pred: pred, o)
    // Ranked cells: cell 2 (unsure, score 1), then zero cells 0, 1, 3…25, 26…: cell 0 =
    // (p, looking_at, c) at rank 2 → GT0; cell 32 = row 1 (cup, person) column 6 = behind at
    // rank 33 → GT1. R@10 = R@20 = 1/2, R@50 = R@100 = 1; TP@50 = 2 → P@50 = 2/50,
    // P@100 = 2/78.
    #expect(r.recall(0) == 0.5 && r.recall(1) == 0.5)
    #expect(r.recall(2) == 1 && r.recall(3) == 1)
    #expect(near(r.precision(2), 0.04) && near(r.precision(3), 2.0 / 78.0))
    // Without filler cells only the `unsure` cell is ranked: nothing hits.
    o.zeroScoreCells = false
    let sane = try agResult(gt: gt, pred: pred, o)
    #expect(sane.rows == 1 && sane.recall(3) == 0 && sane.precision(3) == 0)
    // With constraint: unsure (miss), (c, looking_at, p) (miss), (p, looking_at, c) hit: R = 1/2.
    let with = try agResult(gt: gt, pred: pred, .scenegraphvlmAG)
    #expect(with.recall(3) == 0.5)
  }

  @Test func semiConstraintGroupRules() throws {
    let gt = "1,[unsure],[in_front_of,behind],[holding],2"
    let pred = "1,[unsure],[in_front_of,behind],[holding],2"
    var o = AGProtocol.sttran
    o.constraint = .semi
    // STTran's column test: no row has weight in columns 0+1, 3+4 or 9+10 → all dropped.
    #expect(try agResult(gt: gt, pred: pred, o).recall(3) == 0)
    o.semiGroups = .trueGroups
    // True groups: unsure; in_front_of (1.0) and behind (0.9999) both > 0.9; holding: 4/4.
    #expect(try agResult(gt: gt, pred: pred, o).recall(3) == 1)
    // With: only the first spatial label (argmax takes the 1.0 cell): 3/4.
    #expect(try agResult(gt: gt, pred: pred, .sttran).recall(3) == 0.75)
  }

  @Test func skipRulesAndAggregation() throws {
    let gtGraph = try #require(agFrame("1,[looking_at],[],[],2"))
    let gt = AGGroundTruthFrame(graph: gtGraph)
    let good = AGPredictionFrame(graph: gtGraph)
    // A person-less frame: the loader writes no relation for it, so it is always skipped.
    let personless = AGGroundTruthFrame(
      sample: Sample(
        id: "v/3", width: 10, height: 10,
        graph: SceneGraph(objects: [
          Object(label: "cup/glass/bottle", box: Box(x1: 0, y1: 0, x2: 1, y2: 1))
        ])))
    let inputs = [
      AGFrameInput(id: "a/1", video: "a", frame: 1, groundTruth: gt, prediction: .frame(good)),
      AGFrameInput(
        id: "a/2", video: "a", frame: 2, groundTruth: gt, prediction: .failed(.noObjects)),
      AGFrameInput(id: "b/1", video: "b", frame: 1, groundTruth: gt, prediction: .missing),
      AGFrameInput(
        id: "b/2", video: "b", frame: 2, groundTruth: personless, prediction: .frame(good)),
      AGFrameInput(id: "b/3", video: "b", frame: 3, groundTruth: nil, prediction: .frame(good)),
    ]
    let sg = AGEvaluator.evaluate(inputs, options: .scenegraphvlmAG)
    // SceneGraphVLM: unparsable and missing predictions skipped, not zero: one frame, R@K = 1
    // (the with-constraint rows: hit, zero-score (cup, looking_at, person) miss, hit again).
    #expect(sg.frames.count == 1)
    #expect(sg.skippedPredictionUnparsable == 1 && sg.skippedMissingPrediction == 1)
    #expect(sg.skippedNoGroundTruthRelations == 1 && sg.skippedGroundTruthUnparsable == 1)
    #expect(sg.metrics["R@50"] == 1)
    // STTran: both count as empty frames → R@50 = (1 + 0 + 0) / 3; per video: a = 0.5, b = 0
    // → video mean 0.25.
    let st = AGEvaluator.evaluate(inputs, options: .sttran)
    #expect(st.frames.count == 3 && st.zeroedFrames == 2)
    #expect(near(st.metrics["R@50"] ?? -1, 1.0 / 3.0))
    #expect(near(st.videos.videoMean["R@50"] ?? -1, 0.25))
    // mR summed per class: looking_at hits 1 of 3 → (1/3)/26; per frame (way 1): frames'
    // looking_at recalls 1, 0, 0 → mean 1/3 → same here.
    #expect(near(st.metrics["mR@50"] ?? -1, (1.0 / 3.0) / 26))
    #expect(near(st.metrics["mR_frame@50"] ?? -1, (1.0 / 3.0) / 26))
  }

  @Test func meanRecallAggregationsDiffer() throws {
    // Frame 1: 1 looking_at GT, hit. Frame 2: 3 looking_at GTs on three cups, 0 hit.
    // Summed: 1/4 → mR = 0.25/26. Per frame: (1 + 0)/2 = 0.5 → mR_frame = 0.5/26.
    let f1 = AGGroundTruthFrame(graph: try #require(agFrame("1,[looking_at],[],[],2")))
    let p1 = AGPredictionFrame(graph: try #require(agFrame("1,[looking_at],[],[],2")))
    let f2 = AGGroundTruthFrame(
      boxes: [Box(x1: 0, y1: 0, x2: 10, y2: 10), Box(x1: 20, y1: 20, x2: 30, y2: 30)],
      classes: [1, 11],
      relations: Array(repeating: AGTriplet(subject: 0, object: 1, predicate: 0), count: 3))
    let r = AGEvaluator.evaluate(
      [
        AGFrameInput(id: "1", video: "v", frame: 1, groundTruth: f1, prediction: .frame(p1)),
        AGFrameInput(id: "2", video: "v", frame: 2, groundTruth: f2, prediction: .frame(.empty)),
      ], options: .oed)
    #expect(near(r.metrics["mR@10"] ?? -1, 1.0 / (4.0 + 1e-10) / 26))
    #expect(near(r.metrics["mR_frame@10"] ?? -1, 0.5 / 26))
  }

  @Test func reversedTieOrder() throws {
    var o = AGProtocol.scenegraphvlmAG
    o.tieOrder = .reversed
    o.ks = [1]
    // Rows, all score 1: (p, looking_at, c), (c, behind, p), (p, holding, c). Reversed ties
    // rank holding first; GT has only looking_at → R@1 = 0 (generation order gives 1).
    let gt = "1,[looking_at],[],[],2"
    let pred = "1,[looking_at],[behind],[holding],2"
    #expect(try agResult(gt: gt, pred: pred, o).recall(0) == 0)
    o.tieOrder = .generation
    #expect(try agResult(gt: gt, pred: pred, o).recall(0) == 1)
  }

  @Test func plusOnePixelIoU() {
    // STTran +1: boxes [0,0,9,9] and [5,0,14,9]: inter 5·10 = 50, areas 100 → 50/150 = 1/3.
    // Plain: inter 4·9 = 36, areas 81 → 36/126.
    let a = Box(x1: 0, y1: 0, x2: 9, y2: 9)
    let b = Box(x1: 5, y1: 0, x2: 14, y2: 9)
    #expect(near(AGIoURule.sttranPlusOne.iou(a, b), 1.0 / 3.0))
    #expect(near(AGIoURule.plain.iou(a, b), 36.0 / 126.0))
  }
}
