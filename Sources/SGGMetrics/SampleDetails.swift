import SGGCore
import SGGFormats
import SGGVocabulary

/// What matched in one sample: the objects and relations of the ground truth and of the parsed
/// prediction (after the protocol's name and id rules), each with its match, for `sgg-eval show`
/// and the gallery.
///
/// Recomputed with the same matcher as scoring (strict matching; soft matching verdicts are not
/// replayed), so ``relationTruePositives`` equals the stored `rel_tp` of a strict run.
public struct SampleDetails: Sendable {
  public struct DetailObject: Sendable, Hashable {
    public var label: String
    /// Original-image pixels.
    public var box: Box
    /// Index of the matched object on the other side (GT ↔ prediction), or nil.
    public var match: Int?

    public init(label: String, box: Box, match: Int?) {
      self.label = label
      self.box = box
      self.match = match
    }
  }

  public struct DetailRelation: Sendable, Hashable {
    /// Object indices on the same side.
    public var subject: Int
    public var predicate: String
    public var object: Int
    /// Index of the matched relation on the other side, or nil.
    public var match: Int?

    public init(subject: Int, predicate: String, object: Int, match: Int?) {
      self.subject = subject
      self.predicate = predicate
      self.object = object
      self.match = match
    }
  }

  /// How one distinct predicted name went through the open-vocabulary mapping.
  public struct NameMappingNote: Sendable, Hashable {
    /// `object` or `predicate`.
    public var kind: String
    /// The name after the parser's clean-up (what the mapping looks up).
    public var name: String
    /// The class it became, or nil when it was dropped.
    public var target: String?
    public var path: MappingPath
    /// A `pass2act_list` rewrite applied first (predicates).
    public var passive: PassiveRewrite?

    public init(
      kind: String, name: String, target: String?, path: MappingPath, passive: PassiveRewrite? = nil
    ) {
      self.kind = kind
      self.name = name
      self.target = target
      self.path = path
      self.passive = passive
    }
  }

  public var id: String
  public var width: Double
  public var height: Double
  /// Why the prediction failed to parse (nil when it parsed).
  public var failure: FailureKind?
  /// Prediction line in its file, when there was one.
  public var predictionLine: Int?
  public var groundTruthObjects: [DetailObject]
  public var groundTruthRelations: [DetailRelation]
  /// Empty when the prediction failed or is missing.
  public var predictedObjects: [DetailObject]
  public var predictedRelations: [DetailRelation]
  /// Each distinct predicted name's route, in first-seen order (empty when the protocol does not
  /// map names).
  public var nameMappings: [NameMappingNote] = []

  public init(
    id: String, width: Double, height: Double, failure: FailureKind?, predictionLine: Int?,
    groundTruthObjects: [DetailObject], groundTruthRelations: [DetailRelation],
    predictedObjects: [DetailObject], predictedRelations: [DetailRelation]
  ) {
    self.id = id
    self.width = width
    self.height = height
    self.failure = failure
    self.predictionLine = predictionLine
    self.groundTruthObjects = groundTruthObjects
    self.groundTruthRelations = groundTruthRelations
    self.predictedObjects = predictedObjects
    self.predictedRelations = predictedRelations
  }

  public var relationTruePositives: Int { groundTruthRelations.filter { $0.match != nil }.count }
  public var objectTruePositives: Int { predictedObjects.filter { $0.match != nil }.count }
}

extension Scorer {
  /// Per-sample match details of the samples in `ids` (all samples when nil), in GT order.
  ///
  /// Joining, parsing and box conversion are exactly those of ``score(predictions:groundTruth:)``.
  public func details(
    predictions: PredictionsFile, groundTruth: GroundTruthFile, ids: Set<String>? = nil
  ) -> [SampleDetails] {
    var gt = groundTruth
    if let ids { gt.records = gt.records.filter { ids.contains($0.sample.id) } }
    let prepared = prepare(predictions: predictions, groundTruth: gt)
    let run = evaluator.encode(prepared.inputs)
    let matcher = GraphMatcher(options: options)
    let objectNames = run.objectLabels.names
    let predicateNames = run.predicates.names
    func name(_ names: [String], _ id: Int32) -> String {
      let i = Int(id)
      return i >= 0 && i < names.count ? names[i] : "?"
    }
    return prepared.inputs.enumerated().map { index, input in
      let encodedGT = run.groundTruth[index]
      var gtObjects = zip(encodedGT.labels, encodedGT.boxes).map {
        SampleDetails.DetailObject(label: name(objectNames, $0), box: $1, match: nil)
      }
      var gtRelations = (0..<encodedGT.relationCount).map { r in
        SampleDetails.DetailRelation(
          subject: encodedGT.relSubject[r],
          predicate: name(predicateNames, encodedGT.relPredicate[r]),
          object: encodedGT.relObject[r], match: nil)
      }
      var predObjects: [SampleDetails.DetailObject] = []
      var predRelations: [SampleDetails.DetailRelation] = []
      if let pred = run.predictions[index] {
        let pairs = matcher.detailedMatch(encodedGT, pred)
        predObjects = zip(pred.labels, pred.boxes).enumerated().map { j, item in
          let i = pairs.gtOfPredicted[j]
          return SampleDetails.DetailObject(
            label: name(objectNames, item.0), box: item.1, match: i >= 0 ? i : nil)
        }
        for (j, i) in pairs.gtOfPredicted.enumerated() where i >= 0 && i < gtObjects.count {
          gtObjects[i].match = j
        }
        predRelations = (0..<pred.relationCount).map { q in
          SampleDetails.DetailRelation(
            subject: pred.relSubject[q], predicate: name(predicateNames, pred.relPredicate[q]),
            object: pred.relObject[q], match: nil)
        }
        for (r, q) in pairs.relations where r < gtRelations.count && q < predRelations.count {
          gtRelations[r].match = q
          predRelations[q].match = r
        }
      }
      var details = SampleDetails(
        id: input.sample.id, width: input.sample.width, height: input.sample.height,
        failure: input.outcome == nil ? .missingPrediction : input.outcome?.failure,
        predictionLine: input.predictionLine, groundTruthObjects: gtObjects,
        groundTruthRelations: gtRelations, predictedObjects: predObjects,
        predictedRelations: predRelations)
      if let nameMap = run.nameMap, let graph = input.outcome?.graph {
        details.nameMappings = Self.mappingNotes(graph, nameMap: nameMap)
      }
      return details
    }
  }
}

extension Scorer {
  /// The route of each distinct name of `graph`, as the scoring resolved it.
  static func mappingNotes(_ graph: PredictedGraph, nameMap: NameMap)
    -> [SampleDetails.NameMappingNote]
  {
    var notes: [SampleDetails.NameMappingNote] = []
    var seenObjects = Set<String>()
    var seenPredicates = Set<String>()
    for o in graph.objects where seenObjects.insert(o.label).inserted {
      guard let m = nameMap.objects[o.label] else { continue }
      notes.append(.init(kind: "object", name: o.label, target: m.target, path: m.path))
    }
    for r in graph.relations where seenPredicates.insert(r.predicate).inserted {
      guard let m = nameMap.predicates[r.predicate] else { continue }
      notes.append(
        .init(
          kind: "predicate", name: r.predicate, target: m.target, path: m.path, passive: m.passive))
    }
    return notes
  }
}

extension GraphMatcher {
  /// ``match(_:_:soft:)`` with the matched pairs kept: object matches and the (GT, predicted)
  /// relation pairs of the maximum matching. Mirrors `match` step for step (strict matching).
  func detailedMatch(_ gt: EncodedGroundTruth, _ pred: EncodedPrediction) -> (
    gtOfPredicted: [Int], relations: [(Int, Int)]
  ) {
    let (kept, gtOfPredicted) = objectMatches(gt, pred, soft: nil)
    let endpoints = endpointResolver(pred, kept: kept, gtOfPredicted: gtOfPredicted)
    let nGT = gt.relationCount
    let nPred = pred.relationCount
    var pairs: [(Int, Int)] = []
    guard nGT > 0 && nPred > 0 else { return (gtOfPredicted, pairs) }
    var cost = [Double](repeating: 1, count: nGT * nPred)
    var any = false
    for q in 0..<nPred {
      let (s, o) = endpoints(q)
      guard s >= 0, o >= 0 else { continue }
      for r in 0..<nGT
      where gt.relSubject[r] == s && gt.relObject[r] == o
        && gt.relPredicate[r] == pred.relPredicate[q]
      {
        cost[r * nPred + q] = 0
        any = true
      }
    }
    if any, let assignment = try? LinearSumAssignment.solve(cost, rows: nGT, columns: nPred) {
      for (r, q) in zip(assignment.rows, assignment.columns) where cost[r * nPred + q] == 0 {
        pairs.append((r, q))
      }
    }
    return (gtOfPredicted, pairs)
  }
}
