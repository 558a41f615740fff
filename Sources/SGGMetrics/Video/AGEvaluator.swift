import SGGCore
import SGGFormats

/// One frame to evaluate: its ground truth and what the model produced for it.
public struct AGFrameInput: Sendable {
  public enum Prediction: Sendable {
    case frame(AGPredictionFrame)
    case failed(FailureKind)
    case missing
  }

  public var id: String
  public var video: String
  public var frame: Int?
  /// nil when the ground truth itself could not be parsed (the anchor skips the frame).
  public var groundTruth: AGGroundTruthFrame?
  public var prediction: Prediction
  public var previousSource: PreviousFrameSource?

  public init(
    id: String, video: String, frame: Int?, groundTruth: AGGroundTruthFrame?,
    prediction: Prediction, previousSource: PreviousFrameSource? = nil
  ) {
    self.id = id
    self.video = video
    self.frame = frame
    self.groundTruth = groundTruth
    self.prediction = prediction
    self.previousSource = previousSource
  }
}

/// The evaluated frame with its result.
public struct AGFrameScore: Hashable, Sendable {
  public var id: String
  public var video: String
  public var frame: Int?
  public var previousSource: PreviousFrameSource?
  /// True when the frame was scored as empty (``AGFrameRule/zero``).
  public var zeroed: Bool
  public var result: AGFrameResult
  /// False positives (label-level triplets) of the previous frame that this frame repeats as
  /// false positives; nil for a video's first evaluated frame.
  public var carriedFalsePositives: Int?
  /// Flagged: `prev_source = model` and ``carriedFalsePositives`` > 0, i.e. errors of the
  /// generated previous-frame graph reappear here.
  public var flagged: Bool
}

/// Split-level Action Genome metrics.
public struct AGReport: Sendable {
  public var options: AGProtocol
  public var framesSeen: Int
  public var skippedGroundTruthUnparsable: Int
  public var skippedPredictionUnparsable: Int
  public var skippedMissingPrediction: Int
  public var skippedNoGroundTruthRelations: Int
  /// Frames scored as empty under the protocol's zero rules.
  public var zeroedFrames: Int
  public var failures: [FailureKind: Int]
  public var frames: [AGFrameScore]
  /// Metric values by name (`R@50`, `P@50`, `F1@50`, `microR@50`, `microP@50`, `mR@50`
  /// (summed per class), `mR_frame@50` (per frame, OED way 1)), as fractions.
  public var metrics: [String: Double]
  /// `R@K`, `P@K`, `F1@K` per frame → per video → mean over videos.
  public var videos: VideoAggregate
  public var temporal: TemporalConsistency
  /// Mean `R@K` / `P@K` by previous-frame source ("gt", "model", "none").
  public var byPreviousSource: [String: [String: Double]]
  /// Per predicate (26): summed recall at each K.
  public var perPredicateRecall: [[Double]]
}

/// Scores a list of frames under an ``AGProtocol``.
public enum AGEvaluator {
  public static func evaluate(_ inputs: [AGFrameInput], options: AGProtocol) -> AGReport {
    var skipGT = 0
    var skipPred = 0
    var skipMissing = 0
    var skipNoRel = 0
    var zeroed = 0
    var failures: [FailureKind: Int] = [:]
    var scored: [(input: AGFrameInput, pred: AGPredictionFrame, zeroed: Bool)] = []
    for f in inputs {
      guard let gt = f.groundTruth else {
        skipGT += 1
        continue
      }
      var pred: AGPredictionFrame
      var isZero = false
      switch f.prediction {
      case .frame(let p): pred = p
      case .failed(let kind):
        failures[kind, default: 0] += 1
        if options.unparsablePrediction == .skip {
          skipPred += 1
          continue
        }
        pred = .empty
        isZero = true
      case .missing:
        failures[.missingPrediction, default: 0] += 1
        if options.missingPrediction == .skip {
          skipMissing += 1
          continue
        }
        pred = .empty
        isZero = true
      }
      if gt.relations.isEmpty {
        skipNoRel += 1
        continue
      }
      if isZero { zeroed += 1 }
      scored.append((f, pred, isZero))
    }
    let results = concurrentMap(count: scored.count, chunk: 256) { i in
      AGFrameEvaluator.evaluate(
        scored[i].input.groundTruth ?? AGGroundTruthFrame(boxes: [], classes: [], relations: []),
        scored[i].pred, options: options)
    }
    var frames: [AGFrameScore] = []
    var graphs: [(gt: TemporalFrameGraph, pred: TemporalFrameGraph)] = []
    for (i, s) in scored.enumerated() {
      guard let r = results[i] else { continue }
      frames.append(
        AGFrameScore(
          id: s.input.id, video: s.input.video, frame: s.input.frame,
          previousSource: s.input.previousSource, zeroed: s.zeroed, result: r,
          carriedFalsePositives: nil, flagged: false))
      graphs.append(temporalGraphs(s.input.groundTruth, s.pred, options: options))
    }

    // Metrics.
    var metrics: [String: Double] = [:]
    let nK = options.ks.count
    var perPredicate = [[Double]](repeating: [Double](repeating: 0, count: nK), count: 26)
    for (ki, k) in options.ks.enumerated() {
      let n = Double(max(frames.count, 1))
      metrics["R@\(k)"] = frames.reduce(0) { $0 + $1.result.recall(ki) } / n
      metrics["P@\(k)"] = frames.reduce(0) { $0 + $1.result.precision(ki) } / n
      metrics["F1@\(k)"] = frames.reduce(0) { $0 + $1.result.f1(ki) } / n
      let tp = frames.reduce(0) { $0 + $1.result.atK[ki].truePositives }
      let considered = frames.reduce(0) { $0 + $1.result.atK[ki].considered }
      let gtTotal = frames.reduce(0) { $0 + $1.result.groundTruthCount }
      metrics["microP@\(k)"] = considered == 0 ? 0 : Double(tp) / Double(considered)
      metrics["microR@\(k)"] = gtTotal == 0 ? 0 : Double(tp) / Double(gtTotal)
      // mR summed per class (TEMPURA / SceneGraphVLM / OED way 2) and per frame (OED way 1).
      var summed = 0.0
      var perFrame = 0.0
      for c in 0..<26 {
        let hits = frames.reduce(0) { $0 + $1.result.atK[ki].classHits[c] }
        let count = frames.reduce(0) { $0 + $1.result.classCounts[c] }
        let rc: Double
        if options.summedMeanRecallEpsilon > 0 {
          rc = Double(hits) / (Double(count) + options.summedMeanRecallEpsilon)
        } else {
          rc = count > 0 ? Double(hits) / Double(count) : 0
        }
        perPredicate[c][ki] = rc
        summed += rc
        var list: [Double] = []
        for f in frames where f.result.classCounts[c] > 0 {
          list.append(Double(f.result.atK[ki].classHits[c]) / Double(f.result.classCounts[c]))
        }
        perFrame += list.isEmpty ? 0 : list.reduce(0, +) / Double(list.count)
      }
      metrics["mR@\(k)"] = summed / 26
      metrics["mR_frame@\(k)"] = perFrame / 26
    }

    // Carried-over false positives and flags, per video in time order.
    var byVideo: [String: [Int]] = [:]
    var videoOrder: [String] = []
    for (i, f) in frames.enumerated() {
      if byVideo[f.video] == nil { videoOrder.append(f.video) }
      byVideo[f.video, default: []].append(i)
    }
    var chains: [[(gt: TemporalFrameGraph, pred: TemporalFrameGraph?)]] = []
    for v in videoOrder {
      let idx = (byVideo[v] ?? []).enumerated().sorted { a, b in
        let fa = frames[a.element].frame ?? a.offset
        let fb = frames[b.element].frame ?? b.offset
        return fa != fb ? fa < fb : a.offset < b.offset
      }.map(\.element)
      byVideo[v] = idx
      chains.append(idx.map { (graphs[$0].gt, frames[$0].zeroed ? nil : graphs[$0].pred) })
      for t in 1..<max(idx.count, 1) where idx.count > 1 {
        let prevFP = falsePositiveKeys(graphs[idx[t - 1]], options: options)
        let nowFP = falsePositiveKeys(graphs[idx[t]], options: options)
        let carried = prevFP.intersection(nowFP).count
        frames[idx[t]].carriedFalsePositives = carried
        frames[idx[t]].flagged = frames[idx[t]].previousSource == .model && carried > 0
      }
    }
    let temporal = TemporalConsistency(
      videos: chains, iou: { options.iou.iou($0, $1) }, threshold: options.iouThreshold,
      group: {
        ActionGenomeClasses.predicateIndex($0).map {
          ActionGenomeClasses.group(ofPredicate: $0).rawValue
        } ?? ""
      })

    let aggregate = VideoAggregate(
      frames: frames.map { f in
        var values: [String: Double] = [:]
        for (ki, k) in options.ks.enumerated() {
          values["R@\(k)"] = f.result.recall(ki)
          values["P@\(k)"] = f.result.precision(ki)
          values["F1@\(k)"] = f.result.f1(ki)
        }
        return (f.video, values)
      })
    var bySource: [String: [String: Double]] = [:]
    for source in ["gt", "model", "none"] {
      let sel = frames.filter { ($0.previousSource?.rawValue ?? "none") == source }
      guard !sel.isEmpty else { continue }
      var values: [String: Double] = ["frames": Double(sel.count)]
      for (ki, k) in options.ks.enumerated() {
        values["R@\(k)"] = sel.reduce(0) { $0 + $1.result.recall(ki) } / Double(sel.count)
        values["P@\(k)"] = sel.reduce(0) { $0 + $1.result.precision(ki) } / Double(sel.count)
      }
      bySource[source] = values
    }
    return AGReport(
      options: options, framesSeen: inputs.count, skippedGroundTruthUnparsable: skipGT,
      skippedPredictionUnparsable: skipPred, skippedMissingPrediction: skipMissing,
      skippedNoGroundTruthRelations: skipNoRel, zeroedFrames: zeroed, failures: failures,
      frames: frames, metrics: metrics, videos: aggregate, temporal: temporal,
      byPreviousSource: bySource, perPredicateRecall: perPredicate)
  }

  /// Label graphs for temporal consistency: class names, and predicted rows with score > 0
  /// (the zero-score argmax / filler rows are ranking artefacts, not predictions).
  static func temporalGraphs(
    _ gt: AGGroundTruthFrame?, _ pred: AGPredictionFrame, options: AGProtocol
  ) -> (gt: TemporalFrameGraph, pred: TemporalFrameGraph) {
    func name(_ c: Int) -> String {
      ActionGenomeClasses.objects.indices.contains(c) ? ActionGenomeClasses.objects[c] : "?"
    }
    let g = gt ?? AGGroundTruthFrame(boxes: [], classes: [], relations: [])
    let gObjects = zip(g.classes, g.boxes).map { Object(label: name($0), box: $1) }
    let gRel = g.relations.compactMap { t -> Relation? in
      guard gObjects.indices.contains(t.subject), gObjects.indices.contains(t.object) else {
        return nil
      }
      return Relation(
        subject: t.subject, predicate: ActionGenomeClasses.predicates[t.predicate],
        object: t.object)
    }
    let pObjects = zip(pred.classes, pred.boxes).map { Object(label: name($0), box: $1) }
    let ranked = AGFrameEvaluator.rankedTriplets(
      pred, constraint: options.constraint, options: options)
    let pRel = ranked.filter { $0.score > 0 }.map {
      Relation(
        subject: $0.triplet.subject,
        predicate: ActionGenomeClasses.predicates[$0.triplet.predicate],
        object: $0.triplet.object)
    }
    return (
      TemporalFrameGraph(objects: gObjects, relations: gRel),
      TemporalFrameGraph(objects: pObjects, relations: pRel)
    )
  }

  /// Label-level predicted triplets that match no ground-truth triplet (labels + both boxes).
  static func falsePositiveKeys(
    _ g: (gt: TemporalFrameGraph, pred: TemporalFrameGraph), options: AGProtocol
  ) -> Set<TemporalConsistency.Key> {
    var out = Set<TemporalConsistency.Key>()
    for p in g.pred.relations {
      let k = TemporalConsistency.key(p, g.pred)
      let ps = g.pred.objects[p.subject]
      let po = g.pred.objects[p.object]
      let hit = g.gt.relations.contains { r in
        TemporalConsistency.key(r, g.gt) == k
          && options.iou.iou(g.gt.objects[r.subject].box, ps.box) >= options.iouThreshold
          && options.iou.iou(g.gt.objects[r.object].box, po.box) >= options.iouThreshold
      }
      if !hit { out.insert(k) }
    }
    return out
  }
}
