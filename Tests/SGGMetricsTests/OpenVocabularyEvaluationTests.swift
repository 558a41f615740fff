import SGGCore
import SGGVocabulary
import Testing

@testable import SGGMetrics

/// A fixed sense table standing in for WordNet, so the evaluator's use of the mapping is tested
/// on its own (the real WordNet path is tested in SGGVocabularyTests).
private struct FixedSenses: SynsetLemmaSource {
  var senses: [String: [[String]]]
  func lemmaNamesOfSynsets(_ word: String) throws -> [[String]] { senses[word] ?? [] }
}

private func box(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double) -> Box {
  Box(x1: x1, y1: y1, x2: x2, y2: y2)
}

@Suite struct OpenVocabularyEvaluationTests {
  // GT: man wearing shirt, bottle on table, table has bottle.
  let gt = Sample(
    id: "a", width: 640, height: 480,
    graph: SceneGraph(
      objects: [
        Object(label: "man", box: box(0, 0, 100, 200)),
        Object(label: "shirt", box: box(10, 40, 90, 120)),
        Object(label: "bottle", box: box(200, 100, 240, 200)),
        Object(label: "table", box: box(150, 180, 400, 300)),
      ],
      relations: [
        Relation(subject: 0, predicate: "wearing", object: 1),
        Relation(subject: 2, predicate: "on", object: 3),
        Relation(subject: 3, predicate: "has", object: 2),
      ]))
  let vocabulary = Vocabulary(
    objects: R1SGGTables.vg150.objectClasses, predicates: R1SGGTables.vg150.predicateClasses)

  // The model's names: "gentleman" maps by the fixed sense table to man; "t shirt" and "wine bottle" by obj2vg; "puppy" nowhere.
  // "worn by" is passive (swap), "placed on" → "placing on" (swap) → phrase → on, "contains" →
  // in without a swap.
  var prediction: PredictionOutcome {
    .graph(
      PredictedGraph(
        objects: [
          PredictedObject(id: "gentleman.1", label: "gentleman", box: box(0, 0, 100, 200)),
          PredictedObject(id: "t shirt.2", label: "t shirt", box: box(10, 40, 90, 120)),
          PredictedObject(id: "wine bottle.3", label: "wine bottle", box: box(200, 100, 240, 200)),
          PredictedObject(id: "table.4", label: "table", box: box(150, 180, 400, 300)),
          PredictedObject(id: "puppy.5", label: "puppy", box: box(0, 0, 5, 5)),
        ],
        relations: [
          PredictedRelation(subject: "table.4", predicate: "contains", object: "wine bottle.3"),
          PredictedRelation(subject: "t shirt.2", predicate: "worn by", object: "gentleman.1"),
          PredictedRelation(subject: "table.4", predicate: "placed on", object: "wine bottle.3"),
          PredictedRelation(subject: "puppy.5", predicate: "near", object: "table.4"),
        ]))
  }

  var mapper: OpenVocabularyMapper {
    .r1sgg(
      R1SGGNameMapper(
        branch: .vg150, synonyms: FixedSenses(senses: ["gentleman": [["gentleman", "man"]]])))
  }

  @Test func r1sggMappingTurnsOpenNamesIntoHits() throws {
    let report = Evaluator(options: .r1sgg, vocabulary: vocabulary, openVocabulary: mapper)
      .evaluate([EvaluationInput(sample: gt, outcome: prediction)])
    // Kept: man, shirt, bottle, table; relations man-wearing-shirt (swapped), bottle-on-table
    // (swapped), table-in-bottle (unswapped "contains"); the puppy relation is dropped with it.
    // GT hits: wearing and on; "has" is not predicted ⇒ R@K = 2/3.
    #expect(report.metrics["R@20"].map { abs($0 - 2.0 / 3.0) < 1e-12 } == true)
    let m = try #require(report.mapping)
    #expect(m.objects == [.exact: 1, .table: 2, .wordnetWord: 1, .unmapped: 1])
    #expect(m.objectsDropped == 1)
    #expect(m.relations == [.exact: 1, .wordnetPhrase: 1, .table: 1])
    #expect(m.relationsDroppedAtEndpoint == 1)
    #expect(m.relationsDropped == 0)
    #expect(m.passive == 2 && m.swapped == 2)
    #expect(m.branch == "vg150")
  }

  @Test func withoutMappingOpenNamesMiss() {
    let report = Evaluator(options: .r1sgg, vocabulary: vocabulary).evaluate([
      EvaluationInput(sample: gt, outcome: prediction)
    ])
    // Only table survives the vocabulary; no relation survives ⇒ the image is skipped by recall.
    #expect(report.recallSampleCount == 0)
    #expect(report.mapping == nil)
  }

  /// zR@K (Kaihua's SGZeroShotRecall): of the image's zero-shot GT triplets, the share hit.
  /// Zero-shot: (bottle, on, table) and (table, has, bottle). The first is hit, the second is
  /// not ⇒ zR@K = 1/2 for every K. ng-zR: Kaihua's fillers add every predicate of the predicted
  /// pairs, so (table, has, bottle) is hit through the pair (table, bottle) at K = 50, 100:
  /// 3 pairs × 50 predicates, the 3 real cells rank 0–2, then the fillers in row-major order;
  /// the pair (table, bottle) is row 0 ("contains" comes first) and "has" is predicate 20 of 50,
  /// the 20th of its row's fillers ⇒ rank 3 + 19 = 22 ⇒ ng-zR@20 = 1/2, @50 = @100 = 1.
  @Test func zeroShotRecallByHand() {
    let zeroShot: Set<ZeroShotTriplet> = [
      ZeroShotTriplet(subject: "bottle", predicate: "on", object: "table"),
      ZeroShotTriplet(subject: "table", predicate: "has", object: "bottle"),
    ]
    let report = Evaluator(
      options: .r1sgg, vocabulary: vocabulary, openVocabulary: mapper, zeroShot: zeroShot
    ).evaluate([EvaluationInput(sample: gt, outcome: prediction)])
    #expect(report.zeroShotSampleCount == 1)
    for k in [20, 50, 100] { #expect(report.metrics["zR@\(k)"] == 0.5) }
    #expect(report.metrics["ng-zR@20"] == 0.5)
    #expect(report.metrics["ng-zR@50"] == 1)
    #expect(report.metrics["ng-zR@100"] == 1)
  }

  @Test func noZeroShotTripletInTheGroundTruthLeavesTheKeysOut() {
    let report = Evaluator(
      options: .r1sgg, vocabulary: vocabulary, openVocabulary: mapper,
      zeroShot: [ZeroShotTriplet(subject: "zebra", predicate: "on", object: "bus")]
    ).evaluate([EvaluationInput(sample: gt, outcome: prediction)])
    #expect(report.zeroShotSampleCount == 0)
    #expect(report.metrics["zR@20"] == nil)
  }

  /// `open-vocab=aliases`: a name grouped with a class becomes the class; others stay.
  @Test func aliasMappingMapsToTheGroupsClass() {
    var options = ScoringProtocol.default
    options.openVocabulary = .aliases
    let aliases = AliasMapping(
      objectGroups: [["gentleman", "man"], ["t shirt", "shirt"]],
      predicateGroups: [["worn by", "wearing"]], vocabulary: vocabulary)
    let report = Evaluator(
      options: options, vocabulary: vocabulary, openVocabulary: .aliases(aliases)
    )
    .evaluate([EvaluationInput(sample: gt, outcome: prediction)])
    let m = report.mapping
    #expect(m?.objects == [.alias: 2, .exact: 1, .unmapped: 2])
    // gentleman→man and t shirt→shirt match; "wine bottle" and "puppy" stay as written.
    #expect(report.samples[0].objects.truePositives == 3)
  }
}
