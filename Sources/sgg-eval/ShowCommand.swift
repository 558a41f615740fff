import ArgumentParser
import Foundation
import SGGCore
import SGGFormats
import SGGMetrics
import SGGReports
import SGGStore

/// `sgg-eval show`: one run in detail, one sample, or a gallery of the worst samples.
struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show a stored run: metrics, breakdowns, a sample's matches, or a gallery page.",
    discussion: """
      Matched and missed relations are recomputed from the run's input files, which must still \
      be at their stored paths with the stored SHA-256 (the store keeps counts, not matches). \
      Images are read as DIR/<sample id>.jpg.

      Examples:
        sgg-eval show 7
        sgg-eval show 7 --sample img42 --images data/images
        sgg-eval show 7 --gallery worst.html --worst 20 --images data/images
      """)

  @Argument(help: "The run id.") var runID: Int64
  @Option(help: "Show this sample's objects and relations with their matches.") var sample: String?
  @Option(help: "Write a self-contained HTML gallery of the worst samples to this file.")
  var gallery: String?
  @Option(help: "Samples in the gallery.") var worst: Int = 12
  @Option(help: "Rank samples by this per-sample metric, lowest first.") var by: String =
    "sgg_score"
  @Flag(help: "Include samples whose prediction failed to parse in the gallery.")
  var includeFailures = false
  @Option(help: "Directory of the images, named <sample id>.jpg.") var images: String?
  @OptionGroup(title: "Open vocabulary (runs whose protocol maps names)")
  var openVocabulary: OpenVocabularyOptions
  @Option(help: "The alias table of a run scored with open-vocab=aliases.") var aliases: String?
  @Option(help: "With --sample: write the annotated image to this JPEG file.") var image: String?
  @Option(help: "Breakdown tables as table, markdown or csv.") var format: String = "table"
  @Option(help: "SQLite results store (default: $SGG_EVAL_DB or ./sgg-eval.sqlite).") var db:
    String?

  func validate() throws {
    guard let f = ReportFormat(rawValue: format), [.table, .markdown, .csv].contains(f) else {
      throw ValidationError("--format must be table, markdown or csv, not '\(format)'")
    }
    if sample != nil && gallery != nil {
      throw ValidationError("--sample and --gallery exclude each other")
    }
    if image != nil && sample == nil { throw ValidationError("--image needs --sample") }
    if worst < 1 { throw ValidationError("--worst must be at least 1") }
    if PerSampleMetric.named(by) == nil {
      throw ValidationError(
        "--by must be a per-sample metric: \(PerSampleMetric.all.map(\.key).joined(separator: ", "))"
      )
    }
  }

  func run() throws {
    let store = try StoreAccess.open(db)
    let record = try StoreAccess.run(store, runID)
    if let sample {
      try showSample(sample, run: record)
    } else if let gallery {
      try writeGallery(gallery, run: record, store: store)
    } else {
      try summary(record, store: store)
    }
  }

  private func render(_ t: TextTable) -> String {
    switch ReportFormat(rawValue: format) {
    case .markdown?: return t.markdown()
    case .csv?: return t.csv()
    default: return t.terminal()
    }
  }

  private func summary(_ run: RunRecord, store: ResultsStore) throws {
    let raw = format == "csv"
    print(
      "run \(run.id ?? -1)" + (run.name.map { " \"\($0)\"" } ?? "")
        + ": \(run.command.rawValue), \(run.status.rawValue), protocol \(run.protocolName)")
    print(
      "ground truth: \(RunComparability.groundTruthIdentity(run))"
        + ([run.dataset, run.split].compactMap { $0 }.isEmpty
          ? "" : " (\([run.dataset, run.split].compactMap { $0 }.joined(separator: "/")))"))
    if let p = run.predictions { print("predictions: \(p.path)") }
    print(
      "samples: \(run.sampleCount); tags: \(run.tags.isEmpty ? "none" : run.tags.joined(separator: " "))"
    )
    print("")
    let metrics = TextTable(
      header: ["metric", raw ? "value" : "value (%)"], alignments: [.left],
      rows: MetricKey.all.compactMap { key in
        guard let v = run.metrics[key] else { return nil }
        return [
          key,
          raw ? (v.isNaN ? "" : "\(v)") : (v.isNaN ? "—" : MetricFormat.fixed(v * 100, digits: 2)),
        ]
      })
    print(render(metrics))
    let id = run.id ?? -1
    let predicates = try StoreAccess.query { try store.predicateBreakdown(runID: id) }
    let classes = try StoreAccess.query { try store.classBreakdown(runID: id) }
    print("\nper predicate:")
    print(render(RunBreakdown.predicates(predicates, raw: raw)))
    print("\nper class:")
    print(render(RunBreakdown.classes(classes, raw: raw)))
    print("\nfailures:")
    print(run.failures.isEmpty ? "none" : render(RunBreakdown.failures(run)))
  }

  /// Re-reads the run's inputs and recomputes the match details of `ids`.
  private func details(_ run: RunRecord, ids: Set<String>) throws -> [SampleDetails] {
    guard let predictionsFile = run.predictions else {
      throw CLIError.input("run \(runID) has no predictions file to re-read")
    }
    try checkUnchanged(predictionsFile, what: "predictions")
    var vocabulary: Vocabulary?
    if let v = run.vocab {
      try checkUnchanged(v, what: "vocabulary")
      vocabulary = try InputFiles.readVocabulary(v.path)
    }
    let groundTruth: GroundTruthFile
    switch run.groundTruth {
    case .file(let file):
      try checkUnchanged(file, what: "ground truth")
      groundTruth = try InputFiles.readGroundTruth(file.path)
    case .dataset(let root):
      var source = DatasetArguments()
      source.dataset = run.dataset
      source.split = run.split
      source.root = root
      let chosen: DatasetArguments.Selection
      do {
        chosen = try source.selection()
      } catch {
        throw CLIError.input("run \(runID): cannot reload its dataset: \(error)")
      }
      let loaded = try chosen.load()
      groundTruth = GroundTruthFile(
        fileName: chosen.label,
        records: loaded.samples.enumerated().map { GroundTruthRecord(line: $0 + 1, sample: $1) })
      if vocabulary == nil { vocabulary = loaded.vocabulary }
    }
    let predictions = try InputFiles.readPredictions(predictionsFile.path)
    guard var options = ScoringProtocol.presets[run.protocolName] else {
      throw CLIError.input("run \(runID): unknown protocol \(run.protocolName)")
    }
    var stored = RunComparability.protocolOptions(run)
    // Runs stored before the open-vocab field existed compared names as written.
    if stored["open-vocab"] == nil { stored["open-vocab"] = OpenVocabularyRule.none.rawValue }
    let settings = stored.sorted { $0.key < $1.key }
    do {
      try options.apply(settings: settings.map { "\($0.key)=\($0.value)" })
    } catch {
      throw CLIError.input("run \(runID): its stored protocol options do not apply: \(error)")
    }
    let mapper = try openVocabulary.mapper(for: options, vocabulary: vocabulary, aliases: aliases)
    return Scorer(options: options, vocabulary: vocabulary, openVocabulary: mapper).details(
      predictions: predictions, groundTruth: groundTruth, ids: ids)
  }

  private func checkUnchanged(_ file: FileReference, what: String) throws {
    let now: String
    do {
      now = try FileReference(hashingFileAt: file.path).sha256
    } catch {
      throw CLIError.input(
        "run \(runID): its \(what) file \(file.path) cannot be read any more, so the matches cannot be recomputed (\(error))"
      )
    }
    if now != file.sha256 {
      throw CLIError.input(
        "run \(runID): its \(what) file \(file.path) changed since the run (SHA-256 differs), so the matches cannot be recomputed"
      )
    }
  }

  /// The annotated image of `d` as JPEG, or why there is none.
  private func annotatedImage(_ d: SampleDetails) -> (Data?, String?) {
    guard let images else { return (nil, nil) }
    let path = URL(fileURLWithPath: images).appendingPathComponent(d.id + ".jpg").path
    guard FileManager.default.fileExists(atPath: path) else {
      return (nil, "no image at \(path)")
    }
    do {
      let decoded = try JPEGCodec.decodeFile(atPath: path)
      return (try JPEGCodec.encode(d.annotate(decoded), quality: 85), nil)
    } catch {
      return (nil, "\(error)")
    }
  }

  private func showSample(_ id: String, run: RunRecord) throws {
    guard let d = try details(run, ids: [id]).first else {
      throw CLIError.input("run \(runID) has no sample \"\(id)\"")
    }
    print(d.text())
    let (jpeg, note) = annotatedImage(d)
    if let note { Console.note(note) }
    if let image, let jpeg {
      do {
        try jpeg.write(to: URL(fileURLWithPath: image))
      } catch {
        throw CLIError.input("\(image): cannot write (\(error.localizedDescription))")
      }
      Console.note("wrote \(image)")
    } else if image != nil {
      throw CLIError.input("--image: no image to annotate (give --images DIR)")
    }
  }

  private func writeGallery(_ path: String, run: RunRecord, store: ResultsStore) throws {
    let rows = try StoreAccess.query { try store.sampleResults(runID: runID) }
    guard let metric = PerSampleMetric.named(by) else { return }
    let candidates = rows.filter { includeFailures || $0.failure == nil }
      .compactMap { row in metric.value(row).map { (row, $0) } }
      .sorted { ($0.1, $0.0.sampleID) < ($1.1, $1.0.sampleID) }
      .prefix(worst)
    let ids = Set(candidates.map(\.0.sampleID))
    let byID = Dictionary(
      try details(run, ids: ids).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var items: [SampleGallery.Item] = []
    for (row, value) in candidates {
      guard let d = byID[row.sampleID] else { continue }
      let (jpeg, note) = annotatedImage(d)
      let line =
        "\(by) \(MetricFormat.percent(value)); objects \(row.objTP)/\(row.objPred) matched (GT \(row.objGT)); relations \(row.relTP)/\(row.relPred) matched (GT \(row.relGT))"
        + (row.failure.map { "; failure: \($0.rawValue)" } ?? "")
      items.append(
        SampleGallery.Item(
          details: d, score: SampleResultSummary(line: line), jpeg: jpeg, imageNote: note))
    }
    let title =
      "Worst \(items.count) samples of run \(runID)" + (run.name.map { " (\($0))" } ?? "")
      + " by \(by)"
    try StoreAccess.emit(SampleGallery(title: title, items: items).html(), to: path)
  }
}
