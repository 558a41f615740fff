import SGGCore

/// A configured soft matcher: where verdicts come from, and whether questions carry the scene.
public struct SoftMatching: Sendable {
  public var equivalence: any LabelEquivalence
  /// Put both scene summaries into every question (SceneGraphVLM's judge, §3.4). Without them,
  /// identical label pairs across the split collapse into one question.
  public var sceneContext: Bool

  public init(equivalence: any LabelEquivalence, sceneContext: Bool) {
    self.equivalence = equivalence
    self.sceneContext = sceneContext
  }
}

/// What soft matching asked and how much of it went unanswered.
public struct SoftMatchingReport: Hashable, Sendable, Codable {
  public var source: String
  /// Distinct object questions (disputed pairs after deduplication).
  public var objectQuestions: Int
  public var relationQuestions: Int
  /// Questions without a verdict; they count as "not equivalent".
  public var unansweredObjects: Int
  public var unansweredRelations: Int
}

extension MetricKey {
  /// Soft twins of the P/R/F1 family, present when a soft matcher is configured.
  public static let softFamily = prfFamily.map { "soft_" + $0 }
}

extension Evaluator {
  /// Scores `inputs` strictly, then again with `soft` settling disputed names (§3.3, §3.4):
  /// object disputes are asked first; relation disputes are asked with predicted endpoint names
  /// replaced by the GT names the object verdicts called synonyms (SceneGraphVLM's global
  /// `(gt_name, pred_name)` map, the last verdict winning). The recall and AP families stay strict.
  public func evaluate(
    _ inputs: [EvaluationInput], unmatchedPredictions: Int = 0, soft: SoftMatching
  ) async throws -> EvaluationReport {
    var report = evaluate(inputs, unmatchedPredictions: unmatchedPredictions)
    let run = encode(inputs)
    let matcher = GraphMatcher(options: options)
    let objectNames = run.objectLabels.names
    let predicateNames = run.predicates.names
    let evaluated = inputs.indices.filter {
      inputs[$0].outcome != nil || options.missingPredictions == .fail
    }
    // The anchor's `format_scene_summary` of the GT and of the parsed prediction.
    func scenes(_ index: Int) -> (String, String)? {
      guard soft.sceneContext, let graph = inputs[index].outcome?.graph else { return nil }
      return (
        SceneSummary.sceneGraphVLM(inputs[index].sample.graph),
        SceneSummary.sceneGraphVLM(
          objects: graph.objects.map {
            SceneSummary.Entry(id: $0.id, name: LabelNormalizer.refine($0.label))
          },
          relations: graph.relations.map {
            SceneSummary.Link(
              subject: $0.subject, predicate: LabelNormalizer.refine($0.predicate),
              object: $0.object)
          })
      )
    }

    // Phase 1: objects.
    var objectDisputes: [Int: [(gt: Int, pred: Int, question: EquivalenceQuestion)]] = [:]
    var objectQuestions: [EquivalenceQuestion] = []
    var seen = Set<EquivalenceQuestion>()
    for index in evaluated {
      guard let pred = run.predictions[index] else { continue }
      let gt = run.groundTruth[index]
      let context = scenes(index)
      for (i, j) in matcher.objectDisputes(gt, pred) {
        let q = EquivalenceQuestion(
          kind: .object, groundTruth: [objectNames[Int(gt.labels[i])]],
          prediction: [objectNames[Int(pred.labels[j])]], groundTruthScene: context?.0,
          predictionScene: context?.1)
        objectDisputes[index, default: []].append((i, j, q))
        if seen.insert(q).inserted { objectQuestions.append(q) }
      }
    }
    let objectVerdicts =
      objectQuestions.isEmpty ? [:] : try await soft.equivalence.verdicts(for: objectQuestions)
    var synonyms: [[String]: Bool] = [:]
    for index in evaluated {
      for d in objectDisputes[index] ?? [] {
        if let v = objectVerdicts[d.question] {
          synonyms[d.question.groundTruth + d.question.prediction] = v
        }
      }
    }
    func objectLookup(_ index: Int) -> (Int, Int) -> Bool {
      var yes = Set<Int64>()
      for d in objectDisputes[index] ?? [] where objectVerdicts[d.question] == true {
        yes.insert(Int64(d.gt) << 32 | Int64(d.pred))
      }
      return { i, j in yes.contains(Int64(i) << 32 | Int64(j)) }
    }

    // Phase 2: relations, with endpoint names replaced where the object verdicts allow.
    var relationDisputes: [Int: [(gt: Int, pred: Int, question: EquivalenceQuestion)]] = [:]
    var relationQuestions: [EquivalenceQuestion] = []
    seen.removeAll()
    for index in evaluated {
      guard let pred = run.predictions[index] else { continue }
      let gt = run.groundTruth[index]
      let lookup = GraphMatcher.SoftLookup(
        objects: objectLookup(index), relations: { _, _ in false })
      let context = scenes(index)
      for (r, q) in matcher.relationDisputes(gt, pred, soft: lookup) {
        let gs = objectNames[Int(gt.labels[gt.relSubject[r]])]
        let go = objectNames[Int(gt.labels[gt.relObject[r]])]
        func predName(_ j: Int, gtName: String) -> String {
          guard j >= 0 else { return "" }
          let name = objectNames[Int(pred.labels[j])]
          return synonyms[[gtName, name]] == true ? gtName : name
        }
        let question = EquivalenceQuestion(
          kind: .relation, groundTruth: [gs, predicateNames[Int(gt.relPredicate[r])], go],
          prediction: [
            predName(pred.relSubject[q], gtName: gs), predicateNames[Int(pred.relPredicate[q])],
            predName(pred.relObject[q], gtName: go),
          ], groundTruthScene: context?.0, predictionScene: context?.1)
        relationDisputes[index, default: []].append((r, q, question))
        if seen.insert(question).inserted { relationQuestions.append(question) }
      }
    }
    let relationVerdicts =
      relationQuestions.isEmpty ? [:] : try await soft.equivalence.verdicts(for: relationQuestions)

    // Phase 3: soft P/R/F1 per evaluated sample (failures stay 0), macro mean.
    var sums = [Double](repeating: 0, count: MetricKey.softFamily.count)
    for index in evaluated {
      guard let pred = run.predictions[index] else { continue }
      var yes = Set<Int64>()
      for d in relationDisputes[index] ?? [] where relationVerdicts[d.question] == true {
        yes.insert(Int64(d.gt) << 32 | Int64(d.pred))
      }
      let lookup = GraphMatcher.SoftLookup(
        objects: objectLookup(index), relations: { r, q in yes.contains(Int64(r) << 32 | Int64(q)) }
      )
      let m = matcher.match(run.groundTruth[index], pred, soft: lookup)
      let values = [
        m.objects.precision, m.objects.recall, m.objects.f1, m.relations.precision,
        m.relations.recall, m.relations.f1, (m.objects.f1 + m.relations.f1) / 2,
      ]
      for k in values.indices { sums[k] += values[k] }
    }
    let n = Double(max(report.samples.count, 1))
    for (k, key) in MetricKey.softFamily.enumerated() {
      report.metrics[key] = report.samples.isEmpty ? 0 : sums[k] / n
    }
    report.soft = SoftMatchingReport(
      source: soft.equivalence.name, objectQuestions: objectQuestions.count,
      relationQuestions: relationQuestions.count,
      unansweredObjects: objectQuestions.filter { objectVerdicts[$0] == nil }.count,
      unansweredRelations: relationQuestions.filter { relationVerdicts[$0] == nil }.count)
    return report
  }
}
