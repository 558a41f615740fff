import SGGCore

/// One ground-truth sample and what the model produced for it.
public struct EvaluationInput: Sendable {
  public var sample: Sample
  /// The parsed prediction with boxes in original-image pixels; nil when the predictions file
  /// has no line for this sample.
  public var outcome: PredictionOutcome?
  /// Line of the prediction in its file.
  public var predictionLine: Int?

  public init(sample: Sample, outcome: PredictionOutcome?, predictionLine: Int? = nil) {
    self.sample = sample
    self.outcome = outcome
    self.predictionLine = predictionLine
  }
}

/// The per-sample results that do not depend on other samples.
struct SampleMatch {
  var graph: GraphMatcher.Result?
  var graphConstraint: TripletRecall.Hits?
  var noGraphConstraint: TripletRecall.Hits?
}

/// Scores a split under a ``ScoringProtocol``: a pure function of its inputs.
public struct Evaluator: Sendable {
  public let options: ScoringProtocol
  public let vocabulary: Vocabulary?
  /// Maps predicted names to classes before matching (nil: names as written).
  public let openVocabulary: OpenVocabularyMapper?
  /// Triplets never seen in training, for zR@K and ng-zR@K (nil: not computed).
  public let zeroShot: Set<ZeroShotTriplet>?

  public init(
    options: ScoringProtocol, vocabulary: Vocabulary? = nil,
    openVocabulary: OpenVocabularyMapper? = nil, zeroShot: Set<ZeroShotTriplet>? = nil
  ) {
    self.options = options
    self.vocabulary = vocabulary
    self.openVocabulary = openVocabulary
    self.zeroShot = zeroShot
  }

  /// Scores `inputs` in order.
  ///
  /// - Parameter unmatchedPredictions: prediction lines whose id is not in the ground truth.
  ///   They enter the failure rate as `unknown_id` failures when
  ///   ``ScoringProtocol/unknownPredictionIDsCountAsFailures`` is set, and nothing else.
  public func evaluate(_ inputs: [EvaluationInput], unmatchedPredictions: Int = 0)
    -> EvaluationReport
  {
    var timings = StageTimings()
    let run = timings.measure("encode") { encode(inputs) }
    let gts = run.groundTruth
    let vocabularyPredicates = run.vocabularyPredicateCount
    let matcher = GraphMatcher(options: options)
    let recall = TripletRecall(options: options, predicateCount: vocabularyPredicates)
    let ks = MetricKey.ks
    let objectCount = run.objectLabels.count
    let predicateCount = max(run.predicates.count, 1)

    var scores: [SampleScore] = []
    scores.reserveCapacity(inputs.count)
    var failures: [FailureKind: Int] = [:]
    var excluded = 0
    var skippedNoPredRels = 0
    var skippedNoGTRels = 0
    var recallSamples = 0
    // Kaihua's accumulators: per predicate, the per-image recalls (graph constraint).
    var predicateGT = [Int](repeating: 0, count: predicateCount)
    var predicateHits = [[Int]](repeating: [0, 0, 0], count: predicateCount)
    var predicateRecallSum = [[Double]](repeating: [0, 0, 0], count: predicateCount)
    var predicateImages = [Int](repeating: 0, count: predicateCount)
    var predicatePredicted = [Int](repeating: 0, count: predicateCount)
    var classGT = [Int](repeating: 0, count: objectCount)
    var classTP = [Int](repeating: 0, count: objectCount)
    var classPredicted = [Int](repeating: 0, count: objectCount)
    var apImages: [APImage] = []
    // Zero-shot recall (Kaihua's SGZeroShotRecall, §2.7): per evaluated image with at least one
    // zero-shot GT triplet, the share of those triplets hit within the top K.
    let zeroShotIDs = zeroShot.map {
      ZeroShotIDs($0, objects: run.objectLabels, predicates: run.predicates)
    }
    var zeroShotRecallSums = [Double](repeating: 0, count: MetricKey.ks.count)
    var zeroShotNGRecallSums = [Double](repeating: 0, count: MetricKey.ks.count)
    var zeroShotSamples = 0

    // The per-sample work (assignments, triplet ranking) runs on all cores; the aggregation
    // below stays sequential so every sum keeps input order.
    let computed = timings.measure("match") {
      concurrentMap(count: inputs.count, chunk: 32) { index -> SampleMatch in
        guard let prediction = run.predictions[index] else { return SampleMatch() }
        let gt = gts[index]
        var result = SampleMatch(graph: matcher.match(gt, prediction))
        if gt.relationCount > 0 {
          let iou = IoUCache(gt: gt.boxes, pred: prediction.boxes, flavour: options.recallIoU)
          result.graphConstraint = recall.hits(
            gt, prediction, cells: recall.graphConstraintCells(prediction), iou: iou)
          result.noGraphConstraint = recall.hits(
            gt, prediction, cells: recall.noGraphConstraintCells(prediction), iou: iou)
        }
        return result
      }
    }

    // COCO annotation ids run over every GT object in input order, evaluated or not: R1-SGG
    // builds its COCO ground truth from the whole dataset (§2.9).
    var nextAnnotationID = 0
    for (index, input) in inputs.enumerated() {
      let gt = gts[index]
      let firstAnnotationID = nextAnnotationID
      nextAnnotationID += gt.labels.count
      var failure: FailureKind?
      let prediction = run.predictions[index]
      switch input.outcome {
      case nil:
        if options.missingPredictions == .exclude {
          excluded += 1
          continue
        }
        failure = .missingPrediction
      case .failed(let kind)?:
        failure = kind
      case .graph?:
        break
      }
      if let failure { failures[failure, default: 0] += 1 }

      for label in gt.labels { classGT[Int(label)] += 1 }

      var objects = PrecisionRecall(truePositives: 0, predicted: 0, groundTruth: gt.labels.count)
      var relations = PrecisionRecall(truePositives: 0, predicted: 0, groundTruth: gt.relationCount)
      var sampleRecall: [Double]?
      var sampleNGRecall: [Double]?
      if let prediction, let matched = computed[index].graph {
        objects = matched.objects
        relations = matched.relations
        for label in prediction.labels { classPredicted[Int(label)] += 1 }
        for (j, i) in matched.gtOfPredicted.enumerated() where i >= 0 {
          classTP[Int(prediction.labels[j])] += 1
        }
        for p in prediction.relPredicate { predicatePredicted[Int(p)] += 1 }
      }

      // Recall family.
      if gt.relationCount == 0 {
        skippedNoGTRels += 1
      } else if let prediction, options.skipImagesWithoutPredictedRelations,
        !prediction.labels.isEmpty, prediction.relationCount == 0
      {
        // Kaihua/R1-SGG skip an image whose parsed graph kept objects but no relation; an image
        // that kept no object gets R1-SGG's dummy pair and scores 0 instead (§2.4 step 2).
        skippedNoPredRels += 1
      } else {
        recallSamples += 1
        let gcHits = computed[index].graphConstraint
        let ngHits = computed[index].noGraphConstraint
        let n = Double(gt.relationCount)
        sampleRecall = ks.map { k in Double(gcHits?.hits(atK: k) ?? 0) / n }
        sampleNGRecall = ks.map { k in Double(ngHits?.hits(atK: k) ?? 0) / n }
        if let zeroShotIDs {
          let unseen = (0..<gt.relationCount).filter {
            zeroShotIDs.contains(
              gt.labels[gt.relSubject[$0]], gt.relPredicate[$0], gt.labels[gt.relObject[$0]])
          }
          if !unseen.isEmpty {
            zeroShotSamples += 1
            for (ki, k) in ks.enumerated() {
              let hit = unseen.filter { (gcHits?.firstRank[$0] ?? Int.max) < k }.count
              let ngHit = unseen.filter { (ngHits?.firstRank[$0] ?? Int.max) < k }.count
              zeroShotRecallSums[ki] += Double(hit) / Double(unseen.count)
              zeroShotNGRecallSums[ki] += Double(ngHit) / Double(unseen.count)
            }
          }
        }
        // Per-predicate hits for this image.
        var localCount: [Int: Int] = [:]
        var localHits: [Int: [Int]] = [:]
        for r in 0..<gt.relationCount {
          let p = Int(gt.relPredicate[r])
          localCount[p, default: 0] += 1
          var h = localHits[p] ?? [0, 0, 0]
          if let rank = gcHits?.firstRank[r] {
            for (ki, k) in ks.enumerated() where rank < k { h[ki] += 1 }
          }
          localHits[p] = h
        }
        for (p, count) in localCount {
          predicateGT[p] += count
          predicateImages[p] += 1
          let h = localHits[p] ?? [0, 0, 0]
          for ki in 0..<ks.count {
            predicateHits[p][ki] += h[ki]
            predicateRecallSum[p][ki] += Double(h[ki]) / Double(count)
          }
        }
      }
      apImages.append(
        APImage(
          id: input.sample.id, gtLabels: gt.labels, gtBoxes: gt.boxes,
          detectionLabels: prediction?.labels ?? [], detectionBoxes: prediction?.boxes ?? [],
          hasPrediction: input.outcome != nil, firstAnnotationID: firstAnnotationID))

      scores.append(
        SampleScore(
          id: input.sample.id, predictionLine: input.predictionLine, failure: failure,
          objects: objects, relations: relations, recall: sampleRecall,
          noGraphRecall: sampleNGRecall))
    }

    var failureCount = scores.reduce(0) { $0 + ($1.failure == nil ? 0 : 1) }
    var denominator = scores.count
    if options.unknownPredictionIDsCountAsFailures && unmatchedPredictions > 0 {
      failures[.unknownID, default: 0] += unmatchedPredictions
      failureCount += unmatchedPredictions
      denominator += unmatchedPredictions
    }

    var metrics: [String: Double] = [:]
    metrics["failure_rate"] = denominator > 0 ? Double(failureCount) / Double(denominator) : 0
    func mean(_ f: (SampleScore) -> Double) -> Double {
      scores.isEmpty ? 0 : scores.reduce(0) { $0 + f($1) } / Double(scores.count)
    }
    metrics["obj_p"] = mean { $0.objects.precision }
    metrics["obj_r"] = mean { $0.objects.recall }
    metrics["obj_f1"] = mean { $0.objects.f1 }
    metrics["rel_p"] = mean { $0.relations.precision }
    metrics["rel_r"] = mean { $0.relations.recall }
    metrics["rel_f1"] = mean { $0.relations.f1 }
    metrics["sgg_score"] = mean { $0.sggScore }
    let recalled = scores.compactMap(\.recall)
    let ngRecalled = scores.compactMap(\.noGraphRecall)
    for (ki, k) in ks.enumerated() {
      metrics["R@\(k)"] =
        recalled.isEmpty ? 0 : recalled.reduce(0) { $0 + $1[ki] } / Double(recalled.count)
      metrics["ngR@\(k)"] =
        ngRecalled.isEmpty ? 0 : ngRecalled.reduce(0) { $0 + $1[ki] } / Double(ngRecalled.count)
    }

    if zeroShotIDs != nil && zeroShotSamples > 0 {
      for (ki, k) in ks.enumerated() {
        metrics["zR@\(k)"] = zeroShotRecallSums[ki] / Double(zeroShotSamples)
        metrics["ng-zR@\(k)"] = zeroShotNGRecallSums[ki] / Double(zeroShotSamples)
      }
    }

    // Mean recall: per predicate, the mean over images of per-image recall (Kaihua §2.6).
    let predicateNames = run.predicates.names
    var perPredicate: [PredicateBreakdown] = []
    for p in 0..<predicateNames.count {
      let images = p < predicateImages.count ? predicateImages[p] : 0
      let sums = p < predicateRecallSum.count ? predicateRecallSum[p] : [0, 0, 0]
      perPredicate.append(
        PredicateBreakdown(
          predicate: predicateNames[p], groundTruth: p < predicateGT.count ? predicateGT[p] : 0,
          hits: p < predicateHits.count ? predicateHits[p] : [0, 0, 0],
          predicted: p < predicatePredicted.count ? predicatePredicted[p] : 0,
          meanRecall: sums.map { images > 0 ? $0 / Double(images) : 0 }))
    }
    let present = perPredicate.filter { $0.groundTruth > 0 }
    for (ki, k) in ks.enumerated() {
      let divisor: Int
      let pool: [PredicateBreakdown]
      switch options.meanRecallDenominator {
      case .vocabulary:
        divisor = vocabularyPredicates
        pool = Array(perPredicate.prefix(vocabularyPredicates))
      case .presentInGroundTruth:
        divisor = present.count
        pool = present
      }
      metrics["mR@\(k)"] =
        divisor > 0 ? pool.reduce(0) { $0 + $1.meanRecall[ki] } / Double(divisor) : 0
    }

    let objectNames = run.objectLabels.names
    var perClass: [ClassBreakdown] = []
    for c in 0..<objectNames.count {
      perClass.append(
        ClassBreakdown(
          label: objectNames[c], groundTruth: c < classGT.count ? classGT[c] : 0,
          truePositives: c < classTP.count ? classTP[c] : 0,
          predicted: c < classPredicted.count ? classPredicted[c] : 0))
    }

    let ap = timings.measure("AP50") {
      AveragePrecision50(options: options, categoryNames: objectNames).compute(apImages)
    }
    metrics["AP50"] = ap.ap50

    return EvaluationReport(
      options: options, sampleCount: scores.count, failureRateDenominator: denominator,
      metrics: metrics, failures: failures,
      recallSampleCount: recallSamples, skippedWithoutPredictedRelations: skippedNoPredRels,
      skippedWithoutGroundTruthRelations: skippedNoGTRels, excludedMissingPredictions: excluded,
      perPredicate: perPredicate, perClass: perClass, samples: scores,
      perClassAP50: ap.perCategory, soft: nil, timings: timings, mapping: run.mapping,
      zeroShotSampleCount: zeroShotIDs == nil ? nil : zeroShotSamples)
  }

  /// Interns every label (vocabulary first, then GT, then predictions) and applies the
  /// protocol's name and id rules to each parsed prediction.
  func encode(_ inputs: [EvaluationInput]) -> EncodedRun {
    var objectTable = LabelTable()
    var predicateTable = LabelTable()
    for label in vocabulary?.objects ?? [] { _ = objectTable.id(for: label) }
    for predicate in vocabulary?.predicates ?? [] { _ = predicateTable.id(for: predicate) }
    let vocabularyObjectIDs = objectTable.count
    let vocabularyPredicateIDs = predicateTable.count
    let gts = inputs.map { encodeGroundTruth($0.sample, &objectTable, &predicateTable) }
    // Without a vocabulary (or with an empty list) the labels seen in the GT stand for it.
    let objectVocabularySize = vocabularyObjectIDs > 0 ? vocabularyObjectIDs : objectTable.count
    let vocabularyPredicates =
      vocabularyPredicateIDs > 0 ? vocabularyPredicateIDs : predicateTable.count
    let nameMap = openVocabulary.map { mapper in
      NameMap(
        mapper: mapper, rule: options.openVocabulary,
        graphs: inputs.compactMap { $0.outcome?.graph })
    }
    var encoder = PredictionEncoder(
      objectLabels: objectTable, predicates: predicateTable,
      vocabularyObjectCount: objectVocabularySize, vocabularyPredicateCount: vocabularyPredicates,
      options: options, nameMap: nameMap)
    var statistics = nameMap?.statistics ?? MappingStatistics(rule: "none", branch: nil)
    let predictions = inputs.map { input in
      input.outcome?.graph.map { encoder.encode($0, statistics: &statistics) }
    }
    return EncodedRun(
      objectLabels: encoder.objectLabels, predicates: encoder.predicates, groundTruth: gts,
      predictions: predictions, vocabularyPredicateCount: vocabularyPredicates,
      nameMap: nameMap, mapping: nameMap == nil ? nil : statistics)
  }

  private func encodeGroundTruth(
    _ sample: Sample, _ objects: inout LabelTable, _ predicates: inout LabelTable
  ) -> EncodedGroundTruth {
    let graph = sample.graph
    let n = graph.objects.count
    // Readers reject out-of-range indices with a message; this guard keeps the library total.
    let relations = graph.relations.filter {
      (0..<n).contains($0.subject) && (0..<n).contains($0.object)
    }
    return EncodedGroundTruth(
      labels: graph.objects.map { objects.id(for: $0.label) },
      // SceneGraphVLM parses its GT with the same corner-swapping parser as predictions.
      boxes: graph.objects.map { options.swapReversedCorners ? $0.box.cornersSorted : $0.box },
      relSubject: relations.map(\.subject),
      relPredicate: relations.map { predicates.id(for: $0.predicate) },
      relObject: relations.map(\.object))
  }
}
