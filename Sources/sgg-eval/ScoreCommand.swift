import ArgumentParser
import Foundation
import SGGCore
import SGGDatasets
import SGGFormats
import SGGMetrics
import SGGReports
import SGGStore

/// `sgg-eval score`: the main job.
struct ScoreCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Score a predictions JSONL file against ground truth.",
    discussion: """
      Reads one prediction per line ({"id": ..., "response": "<raw model text>"}), parses each \
      response (R1-SGG JSON or SceneGraphVLM TOON, detected per line), matches it against the \
      ground truth and prints every metric with its unit. Each run is stored in SQLite.

      Examples:
        sgg-eval score preds.jsonl --gt gt.jsonl --vocab vocab.json
        sgg-eval score preds.jsonl --gt gt.jsonl --protocol r1sgg --json
        sgg-eval score preds.jsonl --gt gt.jsonl --protocol scenegraphvlm --set iou-threshold=0.7
        sgg-eval score preds.jsonl --gt gt.jsonl --min R@50=0.25 --min failure_rate=0%
        sgg-eval score preds.jsonl --dataset vg150 --root data/vg --split test
        sgg-eval score preds.jsonl --dataset vg150 --root data/vg --protocol r1sgg \\
          --zeroshot zeroshot_triplet.pytorch

      Under --protocol r1sgg, names that are not dataset classes are mapped as R1-SGG's gather \
      step does (GPT-4o tables, passive-to-active swap, WordNet 3.0 from --wordnet DIR) and the \
      report says how many objects and relations each route carried (docs/open-vocabulary.md).

      Ground truth comes from exactly one of --gt (normalized JSONL) or --dataset/--root/--split \
      (the original files, loaded as `sgg-eval data convert` does; the dataset's vocabulary is \
      used unless --vocab is given).

      Protocol fields for --set (sgg-eval protocols lists presets and values): \
      \(ScoringProtocol.fields.map(\.name).joined(separator: ", ")).
      """)

  @Argument(
    help:
      "Predictions JSONL: {\"id\", \"response\"} per line (optional box_space, gen_time_s, usage).")
  var predictions: String

  @Option(help: "Ground truth: normalized JSONL (one sample a line). Or use --dataset.")
  var gt: String?

  @OptionGroup(title: "Soft matching (adds soft_* metrics)")
  var softMatching: SoftMatchingOptions

  @OptionGroup(title: "Ground truth from a dataset's original files (instead of --gt)")
  var source: DatasetArguments

  @OptionGroup(title: "Open vocabulary (protocol fields open-vocab, open-vocab-tables)")
  var openVocabulary: OpenVocabularyOptions

  @Option(
    help:
      "Vocabulary JSON {\"objects\": [...], \"predicates\": [...]}; mR@K divides by its predicate count."
  )
  var vocab: String?

  @Option(help: "Protocol preset: default, r1sgg or scenegraphvlm.")
  var `protocol`: String = "default"

  @Option(name: .customLong("set"), help: "Change one protocol field: FIELD=VALUE (repeatable).")
  var settings: [String] = []

  @Option(help: "Force the model-text format: auto, json or toon (with the default parser).")
  var format: String?

  @Flag(help: "Print one JSON object (docs/json-output.md) instead of the table.")
  var json = false

  @Option(
    name: .customLong("min"),
    help: "Exit 1 if METRIC falls below VALUE: KEY=0.25 or KEY=25% (repeatable).")
  var minimums: [String] = []

  @Option(help: "SQLite results store (default: $SGG_EVAL_DB or ./sgg-eval.sqlite).")
  var db: String?

  @OptionGroup var storeTimeout: StoreTimeoutOption

  @Flag(help: "Print seconds per stage on standard error.")
  var timings = false

  @Flag(help: "Do not store the run.")
  var noDB = false

  @Option(help: "A name for the run in the store.")
  var name: String?

  @Option(name: .customLong("tag"), help: "Tag the run (repeatable).")
  var tags: [String] = []

  func resolvedProtocol() throws -> ScoringProtocol {
    guard var options = ScoringProtocol.presets[self.protocol] else {
      throw ValidationError(
        "unknown protocol '\(self.protocol)'; presets are \(ScoringProtocol.presets.keys.sorted().joined(separator: ", "))"
      )
    }
    if let format {
      guard let rule = ParserRule(rawValue: format), [.auto, .json, .toon].contains(rule) else {
        throw ValidationError("--format must be auto, json or toon, not '\(format)'")
      }
      guard [.auto, .json, .toon].contains(options.parser) else {
        throw ValidationError(
          "--format applies to our parser; protocol '\(options.name)' uses the \(options.parser.rawValue) parser (use --set parser=\(format) to switch)"
        )
      }
      options.parser = rule
    }
    do {
      try options.apply(settings: settings)
    } catch {
      throw ValidationError("\(error)")
    }
    return options
  }

  func thresholds() throws -> [MetricThreshold] {
    do {
      return try minimums.map {
        try MetricThreshold(parsing: $0, knownKeys: MetricKey.all + MetricKey.softFamily)
      }
    } catch {
      throw ValidationError("\(error)")
    }
  }

  func validate() throws {
    switch (gt, source.isGiven) {
    case (nil, false):
      throw ValidationError("give the ground truth: --gt FILE or --dataset D --root DIR --split S")
    case (.some, true):
      throw ValidationError("--gt and --dataset/--root/--split exclude each other")
    case (nil, true): _ = try source.selection()
    case (.some, false): break
    }
    _ = try resolvedProtocol()
    _ = try thresholds()
  }
}

extension ScoreCommand {
  func run() async throws {
    let options = try resolvedProtocol()
    let gates = try thresholds()
    let started = DispatchTime.now()
    var stages = StageTimings()
    var vocabulary = try vocab.map(InputFiles.readVocabulary)
    var selection: DatasetArguments.Selection?
    let groundTruth: GroundTruthFile
    let predictionsFile: PredictionsFile
    if let gt {
      (groundTruth, predictionsFile) = try stages.measure("read inputs") {
        try InputFiles.readConcurrently(groundTruth: gt, predictions: predictions)
      }
    } else {
      let chosen = try source.selection()
      let loaded = try stages.measure("load dataset") { try chosen.load() }
      // Issues name the source as "vg150:test" and the sample's position (index + 1) as line.
      groundTruth = GroundTruthFile(
        fileName: chosen.label,
        records: loaded.samples.enumerated().map { GroundTruthRecord(line: $0 + 1, sample: $1) })
      if vocabulary == nil { vocabulary = loaded.vocabulary }
      selection = chosen
      predictionsFile = try stages.measure("read inputs") {
        try InputFiles.readPredictions(predictions)
      }
    }
    let storePath = db ?? ResultsStore.defaultPath()
    let store: ResultsStore?
    // Opened before scoring: a store that can't be used stops the command before any work (the
    // judge's cache lives in it), so nothing computed is lost.
    do {
      store = noDB ? nil : try ResultsStore(path: storePath, busyTimeout: storeTimeout.seconds())
    } catch let error as ValidationError {
      throw error
    } catch {
      throw CLIError.store("\(error)")
    }
    let mapper = try openVocabulary.mapper(
      for: options, vocabulary: vocabulary, aliases: softMatching.aliases)
    let zeroShot = try openVocabulary.zeroShotTriplets(vocabulary: vocabulary)
    let scorer = Scorer(
      options: options, vocabulary: vocabulary, openVocabulary: mapper, zeroShot: zeroShot)
    let run: ScoreRun
    if let (soft, judge) = try softMatching.make(store: store) {
      do {
        run = try await scorer.score(
          predictions: predictionsFile, groundTruth: groundTruth, soft: soft)
      } catch let error as StoreError {
        // The judge caches each verdict as it comes, so a rerun asks only what is missing.
        throw CLIError.store(
          "\(error)\nthe judge's cache could not be written; the verdicts cached so far are kept, and running the command again asks only the rest"
        )
      }
      if let judge {
        let report = await judge.currentReport()
        Console.note(report.summary)
      }
    } else {
      run = scorer.score(predictions: predictionsFile, groundTruth: groundTruth)
    }
    stages.append(contentsOf: run.timings)
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
    Console.note(
      "scored \(run.report.sampleCount) samples in \(MetricFormat.fixed(elapsed, digits: 3)) s")

    var runID: Int64?
    // A failure to store the finished run is reported after the scores are printed.
    var storeFailure: (any Error)?
    if let store {
      let storeStart = DispatchTime.now().uptimeNanoseconds
      defer {
        stages.append(
          contentsOf: StageTimings.single(
            "store", Double(DispatchTime.now().uptimeNanoseconds - storeStart) / 1e9))
      }
      do {
        let inputs = ScoreRunRecorder.Inputs(
          predictions: try FileReference(hashingFileAt: predictions),
          groundTruth: try gt.map { .file(try FileReference(hashingFileAt: $0)) }
            ?? .dataset(root: selection?.root.path ?? ""),
          vocabulary: try vocab.map { try FileReference(hashingFileAt: $0) },
          dataset: selection?.kind.rawValue, split: selection?.split.rawValue, name: name,
          tags: tags)
        runID = try ScoreRunRecorder(store: store).record(run, inputs: inputs)
      } catch {
        storeFailure = error
      }
    }

    if timings {
      for stage in stages.stages {
        Console.note(
          "  \(MetricFormat.pad(stage.name, 12)) \(MetricFormat.fixed(stage.seconds, digits: 3)) s")
      }
    }
    if json {
      print(
        ScoreJSON.object(for: run, runID: runID, databasePath: runID == nil ? nil : storePath)
          .rendered())
    } else {
      print(ScoreTable(run: run).render())
      if let runID { print("\nstored as run \(runID) in \(storePath)") }
    }

    let unmet = gates.filter { !$0.isMet(by: run.report.metrics) }
    for gate in unmet {
      Console.error(
        "--min \(gate.key): \(MetricFormat.percent(run.report.metrics[gate.key] ?? 0, digits: 4)) is below \(MetricFormat.percent(gate.minimum, digits: 4))"
      )
    }
    if let storeFailure {
      throw CLIError.store(
        "\(storeFailure)\nthe scores printed above were not stored (or only in part, left as a `running` run); run the command again to store them"
      )
    }
    if !unmet.isEmpty { throw ExitCode(1) }
  }
}
