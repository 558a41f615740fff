import ArgumentParser
import Foundation
import SGGCore
import SGGDatasets
import SGGFormats
import SGGMetrics
import SGGReports

/// `sgg-eval score-video`: Action Genome (STTran / OED / SceneGraphVLM protocols) and PVSG
/// scored per frame, aggregated per video, with temporal consistency.
struct ScoreVideoCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score-video",
    abstract: "Score video scene graphs (Action Genome, PVSG) per frame and per video.",
    discussion: """
      Action Genome (--protocol sttran | oed | scenegraphvlm-ag): R@K, P@K, F1@K for K = 10, \
      20, 50, 100 under --constraint with | semi | no, micro P/R, mR summed per class and per \
      frame; predictions are `rel_pairs` TOON (`response`) or the JSON form (`graph`), see \
      docs/video.md. Ground truth: --gt (normalized JSONL from `data convert --dataset ag`), \
      --dataset ag --root DIR --split test, or neither, when each prediction line carries \
      its ground truth as `content` (SceneGraphVLM's inference JSONL).
      PVSG (--protocol pvsg): SceneGraphVLM's strict object / relation P, R, F1 per frame.
      Lines may carry "prev_source": "gt" | "model"; frames where errors of a generated \
      previous-frame graph reappear are flagged.

      Examples:
        sgg-eval score-video preds.jsonl --gt ag_test.jsonl --protocol sttran --constraint semi
        sgg-eval score-video sgvlm_ag.jsonl --protocol scenegraphvlm-ag --json
        sgg-eval score-video preds.jsonl --dataset pvsg --root pvsg --split val --protocol pvsg
      """)

  @Argument(help: "Predictions JSONL.") var predictions: String
  @Option(help: "Normalized ground-truth JSONL.") var gt: String?
  @OptionGroup var source: DatasetArguments
  @Option(help: "sttran, oed, scenegraphvlm-ag or pvsg.") var `protocol`: String
  @Option(help: "with, semi or no (Action Genome).") var constraint: String = "with"
  @Option(help: "Tie order for equal scores: generation (default) or reversed.")
  var tieOrder: String?
  @Flag(help: "No-constraint: rank only predicted cells (no zero-score fillers).")
  var noFillers = false
  @Flag(help: "Ground truth stores spatial relations person → object (reverse them).")
  var gtSpatialPersonToObject = false
  @Flag(help: "Print JSON.") var json = false
  @Option(help: "List at most N flagged frames (default 20).") var showFlagged = 20

  func validate() throws {
    let names = ["sttran", "oed", "scenegraphvlm-ag", "pvsg"]
    guard names.contains(`protocol`) else {
      throw ValidationError("--protocol must be one of \(names.joined(separator: ", "))")
    }
    guard AGConstraint(rawValue: constraint) != nil else {
      throw ValidationError("--constraint must be with, semi or no")
    }
    if let tieOrder, AGTieOrder(rawValue: tieOrder) == nil {
      throw ValidationError("--tie-order must be generation or reversed")
    }
    if gt != nil && source.isGiven { throw ValidationError("give --gt or --dataset, not both") }
    if `protocol` == "pvsg" && gt == nil && !source.isGiven {
      throw ValidationError("pvsg needs --gt or --dataset pvsg")
    }
    if let options = agOptions(), let problem = options.validate() {
      throw ValidationError(problem)
    }
  }

  func agOptions() -> AGProtocol? {
    guard var o = AGProtocol.presets[`protocol`] else { return nil }
    o.constraint = AGConstraint(rawValue: constraint) ?? .with
    if let t = tieOrder.flatMap(AGTieOrder.init(rawValue:)) { o.tieOrder = t }
    if noFillers { o.zeroScoreCells = false }
    return o
  }

  func groundTruth() throws -> [Sample]? {
    if let gt {
      let file = try InputFiles.readGroundTruth(gt)
      for issue in file.issues.prefix(5) { Console.note("warning: \(issue)") }
      return file.samples
    }
    if source.isGiven { return try source.selection().load().samples }
    return nil
  }

  func run() throws {
    let preds: VideoPredictionsFile
    do {
      preds = try VideoPredictionsReader.read(contentsOf: URL(fileURLWithPath: predictions))
    } catch { throw CLIError.input("\(error)") }
    for issue in preds.issues.prefix(5) { Console.note("warning: \(issue)") }
    if `protocol` == "pvsg" {
      try runPVSG(preds)
      return
    }
    guard let options = agOptions() else { return }
    let inputs: AGInputs
    if let samples = try groundTruth() {
      inputs = AGInputs.build(
        predictions: preds, groundTruth: samples, options: options,
        reverseGroundTruthSpatial: gtSpatialPersonToObject)
    } else {
      inputs = AGInputs.fromEmbeddedGroundTruth(predictions: preds, options: options)
    }
    if !inputs.unknownIDs.isEmpty {
      Console.note("warning: \(inputs.unknownIDs.count) prediction ids are not in the ground truth")
    }
    for (p, n) in inputs.unknownPredicates.sorted(by: { $0.key < $1.key }) {
      Console.note("warning: ground-truth predicate '\(p)' is not an AG predicate (\(n) frames)")
    }
    let report = AGEvaluator.evaluate(inputs.frames, options: options)
    if json {
      print(agJSON(report, inputs: inputs).rendered())
    } else {
      print(agText(report))
    }
  }

  func pct(_ v: Double?) -> String { v.map { String(format: "%6.2f", $0 * 100) } ?? "     -" }

  func agText(_ r: AGReport) -> String {
    let o = r.options
    var out = "protocol \(o.name), constraint \(o.constraint.rawValue), IoU \(o.iou.rawValue) ≥ "
    out += "\(o.iouThreshold), ties \(o.tieOrder.rawValue) (values in %)\n"
    out +=
      "frames: \(r.framesSeen) seen, \(r.frames.count) evaluated (\(r.zeroedFrames) as empty); "
    out += "skipped: GT unparsable \(r.skippedGroundTruthUnparsable), prediction unparsable "
    out += "\(r.skippedPredictionUnparsable), missing \(r.skippedMissingPrediction), GT without "
    out += "relations \(r.skippedNoGroundTruthRelations)\n"
    out +=
      "        "
      + o.ks.map { String(repeating: " ", count: max(0, 6 - "@\($0)".count)) + "@\($0)" }.joined(
        separator: " ")
    out += "\n"
    let rows: [(String, String)] = [
      ("R", "R@"), ("P", "P@"), ("F1", "F1@"), ("microR", "microR@"), ("microP", "microP@"),
      ("mR", "mR@"), ("mR/frame", "mR_frame@"),
    ]
    for (label, key) in rows {
      out += label.padding(toLength: 8, withPad: " ", startingAt: 0)
      out += o.ks.map { pct(r.metrics["\(key)\($0)"]) }.joined(separator: " ") + "\n"
    }
    for (label, key) in [("R/video", "R@"), ("P/video", "P@"), ("F1/video", "F1@")] {
      out += label.padding(toLength: 8, withPad: " ", startingAt: 0)
      out += o.ks.map { pct(r.videos.videoMean["\(key)\($0)"]) }.joined(separator: " ") + "\n"
    }
    out += "videos: \(r.videos.videos.count) (video mean weighs each video equally)\n"
    out += temporalText(r.temporal)
    for (s, v) in r.byPreviousSource.sorted(by: { $0.key < $1.key }) {
      out += "prev_source \(s): \(Int(v["frames"] ?? 0)) frames, R@50 \(pct(v["R@50"])), "
      out += "P@50 \(pct(v["P@50"]))\n"
    }
    let flagged = r.frames.filter(\.flagged)
    if !flagged.isEmpty {
      out += "flagged (prev_source model, previous frame's false positives repeated): "
      out += "\(flagged.count) frames\n"
      for f in flagged.prefix(showFlagged) {
        out += "  \(f.id): \(f.carriedFalsePositives ?? 0) repeated\n"
      }
    }
    return out
  }

  func temporalText(_ t: TemporalConsistency) -> String {
    var out = "temporal consistency over \(t.framePairs) consecutive annotated frame pairs:\n"
    for (name, c) in [("objects", t.objects), ("relations", t.relations)] {
      out += "  \(name): \(c.persistent) persisting, \(c.hitBefore) hit before → kept "
      out += "\(pct(c.keptRate)), flipped \(pct(c.flippedRate)), dropped \(pct(c.droppedRate)); "
      out += "recovered \(c.recovered)\n"
    }
    return out
  }

  func temporalJSON(_ t: TemporalConsistency) -> JSONOutput {
    func counts(_ c: TemporalConsistency.Counts) -> JSONOutput {
      .object([
        ("persistent", .integer(c.persistent)), ("hit_before", .integer(c.hitBefore)),
        ("kept", .integer(c.kept)), ("flipped", .integer(c.flipped)),
        ("dropped", .integer(c.dropped)), ("recovered", .integer(c.recovered)),
        ("kept_rate", .number(c.keptRate)), ("flipped_rate", .number(c.flippedRate)),
        ("dropped_rate", .number(c.droppedRate)),
      ])
    }
    return .object([
      ("frame_pairs", .integer(t.framePairs)), ("objects", counts(t.objects)),
      ("relations", counts(t.relations)),
    ])
  }

  func metricsJSON(_ m: [String: Double]) -> JSONOutput {
    .object(m.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) })
  }

  func agJSON(_ r: AGReport, inputs: AGInputs) -> JSONOutput {
    .object([
      ("protocol", .string(r.options.name)), ("constraint", .string(r.options.constraint.rawValue)),
      ("tie_order", .string(r.options.tieOrder.rawValue)),
      ("zero_score_cells", .bool(r.options.zeroScoreCells)),
      (
        "frames",
        .object([
          ("seen", .integer(r.framesSeen)), ("evaluated", .integer(r.frames.count)),
          ("zeroed", .integer(r.zeroedFrames)),
          ("skipped_gt_unparsable", .integer(r.skippedGroundTruthUnparsable)),
          ("skipped_prediction_unparsable", .integer(r.skippedPredictionUnparsable)),
          ("skipped_missing_prediction", .integer(r.skippedMissingPrediction)),
          ("skipped_gt_without_relations", .integer(r.skippedNoGroundTruthRelations)),
          ("unknown_prediction_ids", .integer(inputs.unknownIDs.count)),
          ("duplicate_prediction_ids", .integer(inputs.duplicateIDs.count)),
        ])
      ),
      (
        "failures",
        .object(r.failures.sorted { $0.key < $1.key }.map { ($0.key.rawValue, .integer($0.value)) })
      ),
      ("metrics", metricsJSON(r.metrics)),
      ("video_mean", metricsJSON(r.videos.videoMean)),
      (
        "videos",
        .array(
          r.videos.videos.map { v in
            .object([
              ("video", .string(v.video)), ("frames", .integer(v.frames)),
              ("mean", metricsJSON(v.mean)),
              (
                "flagged_frames",
                .array(
                  r.frames.filter { $0.video == v.video && $0.flagged }.map { .string($0.id) })
              ),
            ])
          })
      ),
      ("temporal_consistency", temporalJSON(r.temporal)),
      (
        "by_prev_source",
        .object(
          r.byPreviousSource.sorted { $0.key < $1.key }.map { ($0.key, metricsJSON($0.value)) })
      ),
    ])
  }

  func runPVSG(_ preds: VideoPredictionsFile) throws {
    guard let samples = try groundTruth() else { return }
    let images: PredictionsFile
    do {
      images = try PredictionsReader.read(contentsOf: URL(fileURLWithPath: predictions))
    } catch { throw CLIError.input("\(error)") }
    var sources: [String: PreviousFrameSource] = [:]
    for r in preds.records { if let s = r.previousSource { sources[r.id] = s } }
    let gtFile = GroundTruthFile(
      fileName: gt ?? "pvsg",
      records: samples.enumerated().map {
        GroundTruthRecord(line: $0.offset + 1, sample: $0.element)
      })
    let report = PVSGVideoScorer.score(
      predictions: images, groundTruth: gtFile, previousSource: sources)
    if json {
      print(
        JSONOutput.object([
          ("protocol", .string("pvsg")), ("frames", .integer(report.run.report.samples.count)),
          ("frame_mean", metricsJSON(report.videos.frameMean)),
          ("video_mean", metricsJSON(report.videos.videoMean)),
          (
            "videos",
            .array(
              report.videos.videos.map {
                .object([
                  ("video", .string($0.video)), ("frames", .integer($0.frames)),
                  ("mean", metricsJSON($0.mean)),
                ])
              })
          ),
          ("temporal_consistency", temporalJSON(report.temporal)),
          (
            "by_prev_source",
            .object(
              report.byPreviousSource.sorted { $0.key < $1.key }.map {
                ($0.key, metricsJSON($0.value))
              })
          ),
        ]).rendered())
      return
    }
    var out = "protocol pvsg (SceneGraphVLM strict P/R/F1 per frame; values in %)\n"
    out += "frames: \(report.run.report.samples.count), videos: \(report.videos.videos.count)\n"
    out += "          obj_P  obj_R obj_F1  rel_P  rel_R rel_F1    SGG\n"
    let keys = ["obj_P", "obj_R", "obj_F1", "rel_P", "rel_R", "rel_F1", "sgg_score"]
    out += "frames  " + keys.map { pct(report.videos.frameMean[$0]) }.joined(separator: " ") + "\n"
    out += "videos  " + keys.map { pct(report.videos.videoMean[$0]) }.joined(separator: " ") + "\n"
    out += temporalText(report.temporal)
    for (s, v) in report.byPreviousSource.sorted(by: { $0.key < $1.key }) {
      out += "prev_source \(s): \(Int(v["frames"] ?? 0)) frames, rel_F1 \(pct(v["rel_F1"])), "
      out += "SGG \(pct(v["sgg_score"]))\n"
    }
    print(out, terminator: "")
  }
}
