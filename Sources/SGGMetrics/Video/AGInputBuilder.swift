import SGGCore
import SGGFormats

/// Joins video predictions to Action Genome ground truth and parses both into
/// ``AGFrameInput``s.
public struct AGInputs: Sendable {
  public var frames: [AGFrameInput]
  /// Prediction ids with no ground-truth frame (not scored).
  public var unknownIDs: [String]
  /// Prediction ids seen more than once (the last line is used).
  public var duplicateIDs: [String]
  /// Ground-truth predicates that are not AG predicates (left out), with counts.
  public var unknownPredicates: [String: Int]

  /// Against normalized ground truth (original pixels, STTran orientation). A prediction's
  /// boxes go through its `box_space` (the parser's box rule applies before, in the model's
  /// frame). The video is the sample's `video`, else the id before its first `/`.
  public static func build(
    predictions: VideoPredictionsFile, groundTruth: [Sample], options: AGProtocol,
    reverseGroundTruthSpatial: Bool = false
  ) -> AGInputs {
    var byID: [String: VideoPredictionRecord] = [:]
    var duplicates: [String] = []
    for r in predictions.records {
      if byID.updateValue(r, forKey: r.id) != nil { duplicates.append(r.id) }
    }
    var used = Set<String>()
    var unknownPredicates: [String: Int] = [:]
    let parser = ActionGenomeToonParser(boxLimit: options.boxLimit)
    let frames = groundTruth.map { s -> AGFrameInput in
      let gt = AGGroundTruthFrame(sample: s, reverseSpatial: reverseGroundTruthSpatial)
      for p in gt.unknownPredicates { unknownPredicates[p, default: 0] += 1 }
      let video = s.video ?? videoOf(s.id)
      guard let rec = byID[s.id] else {
        return AGFrameInput(
          id: s.id, video: video, frame: s.frame, groundTruth: gt, prediction: .missing)
      }
      used.insert(s.id)
      let prediction = predictionOf(rec, parser: parser, options: options) {
        rec.boxSpace.toPixels($0, width: s.width, height: s.height)
      }
      return AGFrameInput(
        id: s.id, video: video, frame: s.frame, groundTruth: gt, prediction: prediction,
        previousSource: rec.previousSource)
    }
    let unknown = byID.keys.filter { !used.contains($0) }.sorted()
    return AGInputs(
      frames: frames, unknownIDs: unknown, duplicateIDs: duplicates,
      unknownPredicates: unknownPredicates)
  }

  /// SceneGraphVLM's own inference JSONL: each line carries the ground truth as TOON
  /// (`content`) next to the model output (`predict`); both are parsed by the same parser and
  /// stay in the model's frame. Lines without `content` have no ground truth (skipped as
  /// unparsable ground truth, as the anchor's `parse_toon(gt) is None` branch does).
  public static func fromEmbeddedGroundTruth(
    predictions: VideoPredictionsFile, options: AGProtocol
  ) -> AGInputs {
    let parser = ActionGenomeToonParser(boxLimit: options.boxLimit)
    let frames = predictions.records.map { rec -> AGFrameInput in
      var gt: AGGroundTruthFrame? = nil
      if let text = rec.groundTruthText, case .success(let g) = parser.parse(text) {
        gt = AGGroundTruthFrame(graph: g)
      }
      return AGFrameInput(
        id: rec.id, video: rec.video ?? videoOf(rec.id), frame: rec.frame ?? frameOf(rec.id),
        groundTruth: gt, prediction: predictionOf(rec, parser: parser, options: options) { $0 },
        previousSource: rec.previousSource)
    }
    return AGInputs(frames: frames, unknownIDs: [], duplicateIDs: [], unknownPredicates: [:])
  }

  static func predictionOf(
    _ rec: VideoPredictionRecord, parser: ActionGenomeToonParser, options: AGProtocol,
    transform: (Box) -> Box
  ) -> AGFrameInput.Prediction {
    let result: Result<ActionGenomeGraph, ParseFailure>
    if let text = rec.response {
      result = parser.parse(text)
    } else if let g = rec.graph {
      result = ActionGenomeJSONGraph.graph(from: g, boxLimit: options.boxLimit)
    } else {
      return .failed(.noAnswer)
    }
    switch result {
    case .success(let g): return .frame(AGPredictionFrame(graph: g, transform: transform))
    case .failure(let f): return .failed(f.kind)
    }
  }

  /// `"001YG.mp4/000089.png"` → `"001YG.mp4"`.
  public static func videoOf(_ id: String) -> String {
    String(id.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
  }

  /// `"001YG.mp4/000089.png"` → 89.
  static func frameOf(_ id: String) -> Int? {
    guard let last = id.split(separator: "/").last, id.contains("/") else { return nil }
    return Int(last.split(separator: ".").first ?? last)
  }
}
