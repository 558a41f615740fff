import SGGCore
import Testing

@testable import SGGMetrics

private func box(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Box {
  Box(x1: x1, y1: y1, x2: x2, y2: y2)
}

private func sample(
  _ id: String, _ objects: [(String, Box)], _ relations: [(Int, String, Int)]
) -> Sample {
  Sample(
    id: id, width: 640, height: 480,
    graph: SceneGraph(
      objects: objects.map { Object(label: $0.0, box: $0.1) },
      relations: relations.map { Relation(subject: $0.0, predicate: $0.1, object: $0.2) }))
}

private func prediction(
  _ objects: [(String, String, Box)], _ relations: [(String, String, String)]
) -> PredictionOutcome {
  .graph(
    PredictedGraph(
      objects: objects.map { PredictedObject(id: $0.0, label: $0.1, box: $0.2) },
      relations: relations.map { PredictedRelation(subject: $0.0, predicate: $0.1, object: $0.2) }))
}

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
  guard let a else { return false }
  return abs(a - b) <= tolerance
}

/// Hand-worked precision / recall / F1 cases (eval-protocols §3.3).
@Suite struct PrecisionRecallF1Tests {
  // GT: person, dog, tree; relations person-next to-dog, person-near-tree.
  // Prediction: person (exact box), cat on the dog's box, tree shifted by 1 px
  // (IoU 90/110 = 0.818), a car far away; relations 1-next to-2, 1-near-3, 1-on-4 and one
  // from an id (5) that no object has.
  let gt = sample(
    "a",
    [("person", box(0, 0, 10, 10)), ("dog", box(20, 20, 30, 30)), ("tree", box(40, 0, 50, 10))],
    [(0, "next to", 1), (0, "near", 2)])
  let pred = prediction(
    [
      ("1", "person", box(0, 0, 10, 10)), ("2", "cat", box(20, 20, 30, 30)),
      ("3", "tree", box(41, 0, 51, 10)), ("4", "car", box(100, 100, 110, 110)),
    ],
    [("1", "next to", "2"), ("1", "near", "3"), ("1", "on", "4"), ("5", "near", "1")])

  @Test func sceneGraphVLMIgnoresEndpointNames() {
    let report = Evaluator(options: .scenegraphvlm).evaluate([
      EvaluationInput(sample: gt, outcome: pred)
    ])
    // Objects: TP = person + tree = 2 of 4 predicted, 3 GT ⇒ P 0.5, R 2/3, F1 = 2/(2 + 1.5).
    #expect(close(report.metrics["obj_p"], 0.5))
    #expect(close(report.metrics["obj_r"], 2.0 / 3.0))
    #expect(close(report.metrics["obj_f1"], 4.0 / 7.0))
    // Relations: the cat box is matched to the dog by IoU, names unchecked ⇒ next-to is a TP;
    // near is a TP; 1-on-4 (car unmatched) and the id-5 relation are FPs ⇒ 2/4, 2/2.
    #expect(close(report.metrics["rel_p"], 0.5))
    #expect(close(report.metrics["rel_r"], 1.0))
    #expect(close(report.metrics["rel_f1"], 2.0 / 3.0))
    #expect(close(report.metrics["sgg_score"], (4.0 / 7.0 + 2.0 / 3.0) / 2))
    #expect(close(report.metrics["failure_rate"], 0))
  }

  @Test func defaultNeedsNamesOnEndpoints() {
    let report = Evaluator(options: .default).evaluate([EvaluationInput(sample: gt, outcome: pred)])
    #expect(close(report.metrics["obj_f1"], 4.0 / 7.0))
    // Only person-near-tree survives: 1 TP of 4 predicted, 2 GT ⇒ P 0.25, R 0.5, F1 1/3.
    #expect(close(report.metrics["rel_p"], 0.25))
    #expect(close(report.metrics["rel_r"], 0.5))
    #expect(close(report.metrics["rel_f1"], 1.0 / 3.0))
  }

  // Two identical predicted boxes, "man" first: scipy assigns the GT row to column 0
  // (`linear_sum_assignment([[-1, -1]])` → col 0), so SceneGraphVLM scores no TP while the
  // label-aware default takes the "person" box.
  @Test func hungarianTieBetweenIdenticalBoxes() {
    let gt = sample("t", [("person", box(0, 0, 10, 10))], [])
    let pred = prediction(
      [("1", "man", box(0, 0, 10, 10)), ("2", "person", box(0, 0, 10, 10))], [])
    let vlm = Evaluator(options: .scenegraphvlm).evaluate([
      EvaluationInput(sample: gt, outcome: pred)
    ])
    #expect(vlm.samples[0].objects.truePositives == 0)
    let clean = Evaluator(options: .default).evaluate([EvaluationInput(sample: gt, outcome: pred)])
    #expect(clean.samples[0].objects.truePositives == 1)
    #expect(close(clean.metrics["obj_p"], 0.5))
  }

  // Macro averaging over all samples, failures and missing predictions as zeros:
  // sample a scores obj_f1 4/7 (above); b failed; c missing ⇒ mean = (4/7)/3.
  @Test func failuresCountAsZerosInMacroMean() {
    let b = sample("b", [("person", box(0, 0, 1, 1))], [])
    let c = sample("c", [("person", box(0, 0, 1, 1))], [])
    let report = Evaluator(options: .scenegraphvlm).evaluate([
      EvaluationInput(sample: gt, outcome: pred),
      EvaluationInput(sample: b, outcome: .failed(.malformed)),
      EvaluationInput(sample: c, outcome: nil),
    ])
    #expect(close(report.metrics["obj_f1"], 4.0 / 7.0 / 3.0))
    #expect(close(report.metrics["failure_rate"], 2.0 / 3.0))
    #expect(report.failures == [.malformed: 1, .missingPrediction: 1])
  }

  // Duplicate ids: SceneGraphVLM's `pred_id_to_gt_id` is keyed by id and the later kept pair
  // overwrites. Objects "1" person on GT 0 and "1" dog on GT 1: the map sends id 1 to GT 1,
  // so relation 1-near-2 stands for (GT1, GT2), which the GT does not have.
  @Test func duplicateIDsOverwriteInSceneGraphVLM() {
    let gt = sample(
      "d",
      [("person", box(0, 0, 10, 10)), ("dog", box(20, 20, 30, 30)), ("tree", box(40, 0, 50, 10))],
      [(0, "near", 2)])
    let pred = prediction(
      [
        ("1", "person", box(0, 0, 10, 10)), ("1", "dog", box(20, 20, 30, 30)),
        ("2", "tree", box(40, 0, 50, 10)),
      ],
      [("1", "near", "2")])
    let vlm = Evaluator(options: .scenegraphvlm).evaluate([
      EvaluationInput(sample: gt, outcome: pred)
    ])
    #expect(vlm.samples[0].relations.truePositives == 0)
    // The default binds a repeated id to its first object (the person) ⇒ a TP.
    let clean = Evaluator(options: .default).evaluate([EvaluationInput(sample: gt, outcome: pred)])
    #expect(clean.samples[0].relations.truePositives == 1)
  }

  // Both relation lists empty ⇒ P = R = F1 = 0, not 1 (§3.3 step 4).
  @Test func emptyRelationListsScoreZero() {
    let gt = sample("e", [("person", box(0, 0, 10, 10))], [])
    let pred = prediction([("1", "person", box(0, 0, 10, 10))], [])
    let report = Evaluator(options: .scenegraphvlm).evaluate([
      EvaluationInput(sample: gt, outcome: pred)
    ])
    #expect(close(report.metrics["rel_f1"], 0))
    #expect(close(report.metrics["obj_f1"], 1))
    #expect(close(report.metrics["sgg_score"], 0.5))
  }
}

/// Hand-worked recall@K, ngR@K and mR@K (eval-protocols §2.4–2.6).
@Suite struct RecallTests {
  let vocabulary = Vocabulary(
    objects: ["person", "horse", "hat"], predicates: ["on", "has", "riding", "wearing"])

  // Image A: the predicted person box [0,0,4,1.9] against GT [0,0,4,4] has plain IoU
  // 7.6/16 = 0.475 (< 0.5) but +1-pixel IoU 14.5/25 = 0.58 (≥ 0.5).
  var inputs: [EvaluationInput] {
    let a = sample(
      "A", [("person", box(0, 0, 4, 4)), ("horse", box(10, 10, 20, 20))],
      [(0, "riding", 1), (0, "on", 1)])
    let predA = prediction(
      [("person.1", "person", box(0, 0, 4, 1.9)), ("horse.1", "horse", box(10, 10, 20, 20))],
      [("person.1", "riding", "horse.1")])
    let b = sample(
      "B", [("person", box(0, 0, 10, 10)), ("hat", box(0, 0, 10, 3))], [(0, "wearing", 1)])
    let c = sample(
      "C", [("person", box(0, 0, 10, 10)), ("hat", box(0, 0, 10, 3))], [(0, "has", 1)])
    let predC = prediction([("person.1", "person", box(0, 0, 10, 10))], [])
    let d = sample("D", [("person", box(0, 0, 10, 10))], [])
    let predD = prediction([("person.1", "person", box(0, 0, 10, 10))], [])
    return [
      EvaluationInput(sample: a, outcome: predA),
      EvaluationInput(sample: b, outcome: .failed(.malformed)),
      EvaluationInput(sample: c, outcome: predC), EvaluationInput(sample: d, outcome: predD),
    ]
  }

  @Test func r1sggSkipRulesAndFillers() {
    let report = Evaluator(options: .r1sgg, vocabulary: vocabulary).evaluate(inputs)
    // A: riding hit (+1 IoU), on missed ⇒ 0.5. B failed ⇒ 0. C parsed without relations ⇒
    // skipped. D has no GT relation ⇒ skipped. R@K = (0.5 + 0) / 2.
    #expect(report.recallSampleCount == 2)
    #expect(report.skippedWithoutPredictedRelations == 1)
    #expect(report.skippedWithoutGroundTruthRelations == 1)
    for k in MetricKey.ks {
      #expect(close(report.metrics["R@\(k)"], 0.25))
      // ng: A's one row fills all 4 predicate cells, so "on" is hit too ⇒ A = 1, B = 0.
      #expect(close(report.metrics["ngR@\(k)"], 0.5))
      // mR: riding [1] → 1, on [0] → 0, wearing [0] → 0, has [] → 0; ÷ 4 predicates.
      #expect(close(report.metrics["mR@\(k)"], 0.25))
    }
  }

  @Test func defaultUsesPlainIoUAndCountsEmptyPredictions() {
    let report = Evaluator(options: .default, vocabulary: vocabulary).evaluate(inputs)
    // Plain IoU 0.475 misses A's person; C now counts as 0 ⇒ every recall is 0 over 3 images.
    #expect(report.recallSampleCount == 3)
    for k in MetricKey.ks {
      #expect(close(report.metrics["R@\(k)"], 0))
      #expect(close(report.metrics["ngR@\(k)"], 0))
    }
  }

  // 25 predicted relations of which only the 22nd (rank 21) is right: R@20 = 0, R@50 = 1.
  @Test func rankCutoffs() {
    let gt = sample(
      "r", [("person", box(0, 0, 10, 10)), ("horse", box(20, 0, 30, 10))], [(0, "riding", 1)])
    var objects: [(String, String, Box)] = [
      ("p", "person", box(0, 0, 10, 10)), ("h", "horse", box(20, 0, 30, 10)),
    ]
    var relations: [(String, String, String)] = []
    for i in 0..<25 {
      objects.append(("x\(i)", "hat", box(100, 100, 110, 110)))
      relations.append(i == 21 ? ("p", "riding", "h") : ("p", "on", "x\(i)"))
    }
    let report = Evaluator(options: .default, vocabulary: vocabulary).evaluate([
      EvaluationInput(sample: gt, outcome: prediction(objects, relations))
    ])
    #expect(close(report.metrics["R@20"], 0))
    #expect(close(report.metrics["R@50"], 1))
    #expect(close(report.metrics["R@100"], 1))
  }

  // Graph constraint: the default keeps the first predicate per pair ("on"), so R@K misses
  // riding; no-graph-constraint uses both predicted cells ⇒ hit. R1-SGG keeps every row.
  @Test func onePredicatePerPair() {
    let gt = sample(
      "g", [("person", box(0, 0, 10, 10)), ("horse", box(20, 0, 30, 10))], [(0, "riding", 1)])
    let pred = prediction(
      [("p", "person", box(0, 0, 10, 10)), ("h", "horse", box(20, 0, 30, 10))],
      [("p", "on", "h"), ("p", "riding", "h")])
    let clean = Evaluator(options: .default, vocabulary: vocabulary).evaluate([
      EvaluationInput(sample: gt, outcome: pred)
    ])
    #expect(close(clean.metrics["R@20"], 0))
    #expect(close(clean.metrics["ngR@20"], 1))
    let r1 = Evaluator(options: .r1sgg, vocabulary: vocabulary).evaluate([
      EvaluationInput(sample: gt, outcome: pred)
    ])
    #expect(close(r1.metrics["R@20"], 1))
  }

  // R1-SGG drops objects outside the vocabulary and every relation that touches them; an image
  // left with no object is scored 0 (the dummy), not skipped.
  @Test func r1sggVocabularyRestriction() {
    let gt = sample(
      "v", [("person", box(0, 0, 10, 10)), ("horse", box(20, 0, 30, 10))], [(0, "riding", 1)])
    let pred = prediction(
      [("man.1", "man", box(0, 0, 10, 10)), ("horse.1", "horse", box(20, 0, 30, 10))],
      [("man.1", "riding", "horse.1")])
    let r1 = Evaluator(options: .r1sgg, vocabulary: vocabulary).evaluate([
      EvaluationInput(sample: gt, outcome: pred)
    ])
    // man is dropped ⇒ horse survives with no relation ⇒ skipped.
    #expect(r1.recallSampleCount == 0)
    let onlyMan = prediction([("man.1", "man", box(0, 0, 10, 10))], [])
    let r2 = Evaluator(options: .r1sgg, vocabulary: vocabulary).evaluate([
      EvaluationInput(sample: gt, outcome: onlyMan)
    ])
    #expect(r2.recallSampleCount == 1)
    #expect(close(r2.metrics["R@50"], 0))
    // Missing predictions are excluded from R1-SGG's evaluated set entirely.
    let r3 = Evaluator(options: .r1sgg, vocabulary: vocabulary).evaluate([
      EvaluationInput(sample: gt, outcome: nil)
    ])
    #expect(r3.sampleCount == 0)
    #expect(r3.excludedMissingPredictions == 1)
  }

  // Unknown prediction ids count in R1-SGG's failure rate: 1 failure of 2 prediction files.
  @Test func unknownIDsEnterR1SGGFailureRate() {
    let gt = sample("u", [("person", box(0, 0, 10, 10))], [])
    let pred = prediction([("person.1", "person", box(0, 0, 10, 10))], [])
    let r1 = Evaluator(options: .r1sgg, vocabulary: vocabulary).evaluate(
      [EvaluationInput(sample: gt, outcome: pred)], unmatchedPredictions: 1)
    #expect(close(r1.metrics["failure_rate"], 0.5))
    let clean = Evaluator(options: .default, vocabulary: vocabulary).evaluate(
      [EvaluationInput(sample: gt, outcome: pred)], unmatchedPredictions: 1)
    #expect(close(clean.metrics["failure_rate"], 0))
  }
}

@Suite struct ProtocolFieldTests {
  @Test func setAndDescribeFields() throws {
    var p = ScoringProtocol.r1sgg
    try p.apply(settings: ["recall-iou=plain", "iou-threshold=0.7"])
    #expect(p.recallIoU == .plain)
    #expect(p.iouThreshold == 0.7)
    #expect(p.differences(from: .r1sgg) == ["iou-threshold=0.7", "recall-iou=plain"])
    #expect(throws: ScoringProtocol.FieldError.self) { try p.set("recall-iou", to: "fancy") }
    #expect(throws: ScoringProtocol.FieldError.self) { try p.set("nonsense", to: "1") }
    #expect(throws: ScoringProtocol.FieldError.self) { try p.apply(settings: ["iou-threshold"]) }
    #expect(throws: ScoringProtocol.FieldError.self) { try p.set("iou-threshold", to: "1.5") }
  }

  @Test func everyFieldRoundTripsThroughItsTextForm() throws {
    for preset in ScoringProtocol.presets.values {
      var copy = ScoringProtocol.default
      for field in ScoringProtocol.fields {
        try copy.set(field.name, to: try #require(preset.value(of: field.name)))
      }
      copy.name = preset.name
      #expect(copy == preset)
    }
  }
}

@Suite struct MetricThresholdTests {
  @Test func parsesFractionsAndPercentages() throws {
    #expect(
      try MetricThreshold(parsing: "R@50=0.25") == MetricThreshold(key: "R@50", minimum: 0.25))
    #expect(try MetricThreshold(parsing: "obj_f1=25%").minimum == 0.25)
    #expect(throws: ScoringProtocol.FieldError.self) { try MetricThreshold(parsing: "R@51=0.2") }
    #expect(throws: ScoringProtocol.FieldError.self) { try MetricThreshold(parsing: "R@50") }
    #expect(throws: ScoringProtocol.FieldError.self) { try MetricThreshold(parsing: "R@50=25") }
    #expect(throws: ScoringProtocol.FieldError.self) { try MetricThreshold(parsing: "R@50=abc") }
  }

  @Test func gate() {
    let t = MetricThreshold(key: "AP50", minimum: 0.3)
    #expect(t.isMet(by: ["AP50": 0.3]))
    #expect(!t.isMet(by: ["AP50": 0.2999]))
    #expect(!t.isMet(by: [:]))
  }
}
