import SGGCore
import SGGFormats

/// PVSG scored frame by frame with SceneGraphVLM's strict P/R/F1 (eval-protocols §3.3, the
/// image ``Scorer`` with the `scenegraphvlm` preset), then aggregated per video, plus
/// ``TemporalConsistency`` over consecutive annotated frames.
public struct PVSGVideoReport: Sendable {
  public var run: ScoreRun
  /// `obj_P/R/F1`, `rel_P/R/F1`, `sgg_score` per frame → per video → over videos.
  public var videos: VideoAggregate
  public var temporal: TemporalConsistency
  /// Mean `rel_F1` and `sgg_score` by previous-frame source ("gt", "model", "none").
  public var byPreviousSource: [String: [String: Double]]
}

public enum PVSGVideoScorer {
  /// `previousSource`: `prev_source` by prediction id (from ``VideoPredictionsReader``).
  public static func score(
    predictions: PredictionsFile, groundTruth: GroundTruthFile,
    previousSource: [String: PreviousFrameSource] = [:],
    options: ScoringProtocol = .scenegraphvlm
  ) -> PVSGVideoReport {
    let run = Scorer(options: options).score(predictions: predictions, groundTruth: groundTruth)
    var sampleByID: [String: Sample] = [:]
    for s in groundTruth.samples { sampleByID[s.id] = s }
    func video(_ s: Sample?) -> String {
      s?.video ?? s.map { String($0.id.split(separator: "_").dropLast().joined(separator: "_")) }
        ?? ""
    }
    var frames: [(video: String, values: [String: Double])] = []
    var bySource: [String: (n: Int, f1: Double, sgg: Double)] = [:]
    for sc in run.report.samples {
      let v = video(sampleByID[sc.id])
      frames.append(
        (
          v,
          [
            "obj_P": sc.objects.precision, "obj_R": sc.objects.recall, "obj_F1": sc.objects.f1,
            "rel_P": sc.relations.precision, "rel_R": sc.relations.recall,
            "rel_F1": sc.relations.f1, "sgg_score": sc.sggScore,
          ]
        ))
      let key = previousSource[sc.id]?.rawValue ?? "none"
      var acc = bySource[key] ?? (0, 0, 0)
      acc.n += 1
      acc.f1 += sc.relations.f1
      acc.sgg += sc.sggScore
      bySource[key] = acc
    }
    // Temporal consistency: frames of each video in frame order, predictions parsed as the
    // scorer parses them (no-answer / failed → chain break).
    let parser = Scorer.parser(for: options.parser)
    var predByID: [String: PredictionRecord] = [:]
    for r in predictions.records { predByID[r.id] = r }
    var order: [String] = []
    var byVideo: [String: [Sample]] = [:]
    for s in groundTruth.samples {
      let v = video(s)
      if byVideo[v] == nil { order.append(v) }
      byVideo[v, default: []].append(s)
    }
    let chains = order.map { v -> [(gt: TemporalFrameGraph, pred: TemporalFrameGraph?)] in
      let list = (byVideo[v] ?? []).enumerated().sorted { a, b in
        let fa = a.element.frame ?? a.offset
        let fb = b.element.frame ?? b.offset
        return fa != fb ? fa < fb : a.offset < b.offset
      }.map(\.element)
      return list.map { s in
        let gt = TemporalFrameGraph(
          objects: s.graph.objects.map {
            Object(label: LabelNormalizer.refine($0.label), box: $0.box)
          },
          relations: s.graph.relations.map {
            Relation(
              subject: $0.subject, predicate: LabelNormalizer.refine($0.predicate),
              object: $0.object)
          })
        guard let rec = predByID[s.id] else { return (gt, nil) }
        let parsed = rec.graph ?? rec.response.flatMap { parser.parse($0).graph }
        guard
          let g = parsed?.mappingBoxes({
            rec.boxSpace.toPixels($0, width: s.width, height: s.height)
          })
        else { return (gt, nil) }
        var index: [String: Int] = [:]
        for (i, o) in g.objects.enumerated() { index[o.id] = i }
        let rels = g.relations.compactMap { r -> Relation? in
          guard let a = index[r.subject], let b = index[r.object] else { return nil }
          return Relation(subject: a, predicate: LabelNormalizer.refine(r.predicate), object: b)
        }
        return (
          gt,
          TemporalFrameGraph(
            objects: g.objects.map { Object(label: LabelNormalizer.refine($0.label), box: $0.box) },
            relations: rels)
        )
      }
    }
    // PVSG predicates have no groups: any other predicate on the same pair is a flip.
    let temporal = TemporalConsistency(
      videos: chains, iou: { options.matchingIoU.iou($0, $1) }, threshold: options.iouThreshold,
      group: { _ in "" })
    return PVSGVideoReport(
      run: run, videos: VideoAggregate(frames: frames), temporal: temporal,
      byPreviousSource: bySource.mapValues {
        [
          "frames": Double($0.n), "rel_F1": $0.f1 / Double($0.n),
          "sgg_score": $0.sgg / Double($0.n),
        ]
      })
  }
}
