import Dispatch
import Foundation
import SGGCore
import SGGFormats

/// A problem found while scoring, with what it is (stable `kind` names for reports and the store).
public struct RunIssue: Hashable, Sendable, CustomStringConvertible {
  /// `bad_line`, `bad_gt_line`, `duplicate_id`, `duplicate_gt_id`, `unknown_id`, or a
  /// ``FailureKind`` raw value for a prediction that failed to parse.
  public var kind: String
  public var issue: InputIssue

  public init(kind: String, issue: InputIssue) {
    self.kind = kind
    self.issue = issue
  }

  public var description: String { issue.description }
}

/// Generation time and token use over the predictions that report them.
public struct LatencySummary: Hashable, Sendable, Codable {
  public var count: Int
  public var meanSeconds: Double
  public var meanPromptTokens: Double?
  public var meanCompletionTokens: Double?
}

/// Everything `sgg-eval score` reports: the metrics plus what the inputs contained.
public struct ScoreRun: Sendable {
  public var report: EvaluationReport
  public var issues: [RunIssue]
  /// Lines in the predictions file (records plus unreadable lines).
  public var predictionLines: Int
  /// Prediction lines that were not used: unreadable, or a repeated id.
  public var skippedPredictionLines: Int
  /// Ground-truth lines that were not used: unreadable, or a repeated id.
  public var skippedGroundTruthLines: Int
  public var duplicatePredictionIDs: Int
  /// Prediction lines whose id is not in the ground truth.
  public var unknownPredictionIDs: Int
  /// Parser warnings by kind.
  public var warningCounts: [String: Int]
  public var latency: LatencySummary?
  /// Seconds per stage: `join`, `parse`, then the evaluator's.
  public var timings: StageTimings
}

/// The whole scoring path: join predictions to ground truth by id, parse each response under the
/// protocol's parser, bring boxes to original pixels, evaluate.
public struct Scorer: Sendable {
  public var options: ScoringProtocol
  public var vocabulary: Vocabulary?
  /// Open-vocabulary mapping (see ``Evaluator/openVocabulary``).
  public var openVocabulary: OpenVocabularyMapper?
  /// Zero-shot triplets for zR@K (see ``Evaluator/zeroShot``).
  public var zeroShot: Set<ZeroShotTriplet>?

  public init(
    options: ScoringProtocol, vocabulary: Vocabulary? = nil,
    openVocabulary: OpenVocabularyMapper? = nil, zeroShot: Set<ZeroShotTriplet>? = nil
  ) {
    self.options = options
    self.vocabulary = vocabulary
    self.openVocabulary = openVocabulary
    self.zeroShot = zeroShot
  }

  /// The evaluator for this scorer's settings.
  public var evaluator: Evaluator {
    Evaluator(
      options: options, vocabulary: vocabulary, openVocabulary: openVocabulary,
      zeroShot: zeroShot)
  }

  /// The parser a protocol's ``ParserRule`` names.
  public static func parser(for rule: ParserRule) -> any GraphTextParser {
    switch rule {
    case .auto: return DefaultParser(format: .auto)
    case .json: return DefaultParser(format: .json)
    case .toon: return DefaultParser(format: .toon)
    case .r1sgg: return R1SGGParser()
    case .scenegraphvlm: return SceneGraphVLMToonParser()
    case .strictToon: return StrictToonParser()
    }
  }

  /// Scores already-read files.
  public func score(predictions: PredictionsFile, groundTruth: GroundTruthFile) -> ScoreRun {
    let prepared = prepare(predictions: predictions, groundTruth: groundTruth)
    let report = evaluator.evaluate(
      prepared.inputs, unmatchedPredictions: prepared.unknownPredictionIDs)
    return prepared.run(with: report)
  }

  /// Scores already-read files, strictly and with `soft` settling disputed names.
  public func score(
    predictions: PredictionsFile, groundTruth: GroundTruthFile, soft: SoftMatching
  ) async throws -> ScoreRun {
    let prepared = prepare(predictions: predictions, groundTruth: groundTruth)
    let report = try await evaluator.evaluate(
      prepared.inputs, unmatchedPredictions: prepared.unknownPredictionIDs, soft: soft)
    return prepared.run(with: report)
  }

  /// The joined, parsed inputs and everything known before evaluation.
  func prepare(predictions: PredictionsFile, groundTruth: GroundTruthFile) -> Prepared {
    var issues: [RunIssue] = []
    issues += groundTruth.issues.map { RunIssue(kind: "bad_gt_line", issue: $0) }
    issues += predictions.issues.map { RunIssue(kind: "bad_line", issue: $0) }

    // Ground truth: the first line of an id wins.
    var gtRecords: [GroundTruthRecord] = []
    gtRecords.reserveCapacity(groundTruth.records.count)
    var gtLineByID: [String: Int] = [:]
    for record in groundTruth.records {
      if let first = gtLineByID[record.sample.id] {
        issues.append(
          RunIssue(
            kind: "duplicate_gt_id",
            issue: InputIssue(
              file: groundTruth.fileName, line: record.line, field: "id",
              message: "duplicate id \"\(record.sample.id)\" (first at line \(first)); line ignored"
            )))
        continue
      }
      gtLineByID[record.sample.id] = record.line
      gtRecords.append(record)
    }

    // Predictions: the first line of an id wins; ids the GT lacks are reported.
    var predictionIndexByID: [String: Int] = [:]
    predictionIndexByID.reserveCapacity(predictions.records.count)
    var duplicates = 0
    var unknown = 0
    for (index, record) in predictions.records.enumerated() {
      if let first = predictionIndexByID[record.id] {
        duplicates += 1
        issues.append(
          RunIssue(
            kind: "duplicate_id",
            issue: InputIssue(
              file: predictions.fileName, line: record.line, field: "id",
              message:
                "duplicate id \"\(record.id)\" (first at line \(predictions.records[first].line)); line ignored"
            )))
        continue
      }
      predictionIndexByID[record.id] = index
      if gtLineByID[record.id] == nil {
        unknown += 1
        issues.append(
          RunIssue(
            kind: "unknown_id",
            issue: InputIssue(
              file: predictions.fileName, line: record.line, field: "id",
              message: "id \"\(record.id)\" is not in the ground truth \(groundTruth.fileName)"
                + (options.unknownPredictionIDsCountAsFailures
                  ? "; counted as a failure" : "; ignored"))))
      }
    }

    let joined: [Int?] = gtRecords.map { predictionIndexByID[$0.sample.id] }
    var timings = StageTimings()
    let parsed = timings.measure("parse") {
      parseAll(gtRecords: gtRecords, joined: joined, predictions: predictions.records)
    }

    var inputs: [EvaluationInput] = []
    inputs.reserveCapacity(gtRecords.count)
    var warningCounts: [String: Int] = [:]
    var latencySum = 0.0
    var latencyCount = 0
    var promptSum = 0.0
    var promptCount = 0
    var completionSum = 0.0
    var completionCount = 0
    for (i, record) in gtRecords.enumerated() {
      guard let p = joined[i] else {
        issues.append(
          RunIssue(
            kind: FailureKind.missingPrediction.rawValue,
            issue: InputIssue(
              file: groundTruth.fileName, line: record.line, field: nil,
              message: "no prediction for id \"\(record.sample.id)\" in \(predictions.fileName)"
                + (options.missingPredictions == .exclude ? "; excluded" : "; counted as a failure")
            )))
        inputs.append(EvaluationInput(sample: record.sample, outcome: nil))
        continue
      }
      let prediction = predictions.records[p]
      let result = parsed[i]
      for warning in result.warnings { warningCounts[warning.kind.rawValue, default: 0] += 1 }
      if let failure = result.failure {
        issues.append(
          RunIssue(
            kind: failure.kind.rawValue,
            issue: InputIssue(
              file: predictions.fileName, line: prediction.line, field: "response",
              message: failure.message)))
      }
      if let s = prediction.generationSeconds, s.isFinite {
        latencySum += s
        latencyCount += 1
      }
      if let t = prediction.usage?.promptTokens {
        promptSum += Double(t)
        promptCount += 1
      }
      if let t = prediction.usage?.completionTokens {
        completionSum += Double(t)
        completionCount += 1
      }
      inputs.append(
        EvaluationInput(
          sample: record.sample, outcome: result.outcome, predictionLine: prediction.line))
    }

    // Report issues in file order, then line order.
    issues.sort {
      ($0.issue.file, $0.issue.line, $0.kind) < ($1.issue.file, $1.issue.line, $1.kind)
    }
    let latency =
      latencyCount > 0
      ? LatencySummary(
        count: latencyCount, meanSeconds: latencySum / Double(latencyCount),
        meanPromptTokens: promptCount > 0 ? promptSum / Double(promptCount) : nil,
        meanCompletionTokens: completionCount > 0 ? completionSum / Double(completionCount) : nil)
      : nil
    return Prepared(
      inputs: inputs, issues: issues,
      predictionLines: predictions.records.count + predictions.issues.count,
      skippedPredictionLines: predictions.issues.count + duplicates,
      skippedGroundTruthLines: groundTruth.issues.count + groundTruth.records.count
        - gtRecords.count,
      duplicatePredictionIDs: duplicates, unknownPredictionIDs: unknown,
      warningCounts: warningCounts,
      latency: latency, timings: timings)
  }

  /// Everything known about a run before evaluation.
  struct Prepared {
    var inputs: [EvaluationInput]
    var issues: [RunIssue]
    var predictionLines: Int
    var skippedPredictionLines: Int
    var skippedGroundTruthLines: Int
    var duplicatePredictionIDs: Int
    var unknownPredictionIDs: Int
    var warningCounts: [String: Int]
    var latency: LatencySummary?
    var timings: StageTimings

    func run(with report: EvaluationReport) -> ScoreRun {
      var all = timings
      all.append(contentsOf: report.timings)
      return ScoreRun(
        report: report, issues: issues, predictionLines: predictionLines,
        skippedPredictionLines: skippedPredictionLines,
        skippedGroundTruthLines: skippedGroundTruthLines,
        duplicatePredictionIDs: duplicatePredictionIDs, unknownPredictionIDs: unknownPredictionIDs,
        warningCounts: warningCounts, latency: latency, timings: all)
    }
  }

  /// Parses every joined prediction and converts its boxes to original pixels, on all cores.
  private func parseAll(
    gtRecords: [GroundTruthRecord], joined: [Int?], predictions: [PredictionRecord]
  ) -> [ParseResult] {
    let parser = Self.parser(for: options.parser)
    let emptyGraphIsFailure = options.emptyGraphIsFailure
    return concurrentMap(count: gtRecords.count, chunk: 256) { i in
      guard let p = joined[i] else { return ParseResult(graph: PredictedGraph()) }
      return Self.parse(
        predictions[p], sample: gtRecords[i].sample, parser: parser,
        emptyGraphIsFailure: emptyGraphIsFailure)
    }
  }

  /// One prediction: its pre-parsed graph or its parsed response, boxes scaled to pixels.
  static func parse(
    _ record: PredictionRecord, sample: Sample, parser: any GraphTextParser,
    emptyGraphIsFailure: Bool
  ) -> ParseResult {
    var result: ParseResult
    if let graph = record.graph {
      result = ParseResult(graph: graph)
    } else {
      result = parser.parse(record.response ?? "")
    }
    if emptyGraphIsFailure, let graph = result.graph, graph.objects.isEmpty {
      result = ParseResult(
        failure: ParseFailure(.noObjects, "the graph has no objects"), warnings: result.warnings)
    }
    if case .graph(let graph) = result.outcome, record.boxSpace != .pixel {
      let space = record.boxSpace
      result.outcome = .graph(
        graph.mappingBoxes { space.toPixels($0, width: sample.width, height: sample.height) })
    }
    return result
  }
}
