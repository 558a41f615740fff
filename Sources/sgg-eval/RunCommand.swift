import ArgumentParser
import Foundation
import SGGCore
import SGGDatasets
import SGGFormats
import SGGJudge
import SGGMetrics
import SGGReports
import SGGRunner
import SGGStore

/// `sgg-eval run`: ask a served VLM for every sample and write predictions ready to score.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract:
      "Generate predictions from an OpenAI-compatible VLM server (vLLM, SGLang, llama.cpp).",
    discussion: """
      Sends each sample's image (a data URL) with the prompt of the chosen anchor and writes one \
      line per sample to the output JSONL (id, response, box_space, gen_time_s, usage, \
      finish_reason) and to the results store. A killed run resumes where it stopped: run the \
      same command again (the output file identifies the run) or pass --resume RUN_ID; finished \
      samples are never asked again. Exit status 75 means some requests failed; running the \
      command again retries only those.

      Examples:
        sgg-eval run --gt gt.jsonl --images imgs --endpoint http://127.0.0.1:8000 \\
          --model Qwen/Qwen2-VL-7B-Instruct --prompt r1sgg-open -o preds.jsonl --score
        sgg-eval run --dataset psg --root data/psg --split test --images data/psg/images \\
          --endpoint http://gpu1:8000 --endpoint http://gpu2:8000 --model sgvlm \\
          --prompt scenegraphvlm-psg --concurrency 16 -o psg.jsonl --score

      Prompts: \(PromptPreset.names.joined(separator: ", ")), or a template FILE (docs/runner.md).
      """)

  @Option(help: "Ground truth: normalized JSONL. Or use --dataset.")
  var gt: String?

  @OptionGroup(title: "Open vocabulary, for --score (protocol field open-vocab)")
  var openVocabulary: OpenVocabularyOptions

  @OptionGroup(title: "Ground truth from a dataset's original files (instead of --gt)")
  var source: DatasetArguments

  @Option(help: "Directory with the images: DIR/{id}.jpg (or .jpeg, .png).")
  var images: String

  @Option(
    name: .customLong("endpoint"), help: "Server base URL, e.g. http://127.0.0.1:8000 (repeatable)."
  )
  var endpoints: [String] = []

  @Option(help: "Model name the server serves.")
  var model: String

  @Option(help: "Name of the environment variable holding the API key (sent as Bearer).")
  var apiKeyEnv: String?

  @Option(
    help:
      "Prompt: r1sgg-open, r1sgg-closed, scenegraphvlm-psg, scenegraphvlm-pvsg, scenegraphvlm-ag, or a template FILE."
  )
  var prompt: String = "r1sgg-open"

  @Option(help: "Previous frame's graph in video prompts: gt, model or none.")
  var prevSource: String = "gt"

  @Option(
    help:
      "Resize before sending: WxH (e.g. 640x480) or none. Default: 640x480 for scenegraphvlm prompts, none otherwise."
  )
  var resize: String?

  @Option(
    help:
      "Box space written with each prediction: norm1000, pixel, norm1, resized:WxH, sent (the sent image's pixels) or qwen25vl. Default: norm1000 for r1sgg prompts, sent otherwise."
  )
  var boxSpace: String?

  @Option(help: "JPEG quality of re-encoded (resized or PNG) images.")
  var jpegQuality: Int = 95

  @Option(help: "Vocabulary JSON for r1sgg-closed and templates (default: the dataset's).")
  var vocab: String?

  @Flag(help: "Use R1-SGG's <think> system prompt.")
  var thinkSystemPrompt = false

  @Option(help: "Requests in flight at once, over all endpoints.")
  var concurrency: Int = 4

  @Option(help: "max_tokens (default: the prompt's anchor, 2048).")
  var maxTokens: Int?

  @Option(help: "temperature (default: the anchor's: 0.01 for r1sgg, 0 for scenegraphvlm).")
  var temperature: Double?

  @Option(help: "top_p (default: 0.001 for r1sgg, server default otherwise).")
  var topP: Double?

  @Option(help: "top_k (default: 1 for r1sgg, server default otherwise).")
  var topK: Int?

  @Option(help: "Sampling seed.")
  var seed: Int?

  @Option(help: "Seconds a request may take.")
  var timeout: Double = 600

  @Option(help: "Attempts per request, the first included.")
  var attempts: Int = 5

  @Option(help: "Only the first N samples.")
  var limit: Int?

  @Option(name: [.customShort("o"), .customLong("output")], help: "Predictions JSONL to write.")
  var output: String

  @Option(help: "SQLite results store (default: $SGG_EVAL_DB or ./sgg-eval.sqlite).")
  var db: String?

  @OptionGroup var storeTimeout: StoreTimeoutOption

  @Option(help: "Resume this run id (default: the run that last wrote the output file).")
  var resume: Int64?

  @Flag(help: "Start a new run even if the output file belongs to an earlier one.")
  var fresh = false

  @Option(help: "A name for the run in the store.")
  var name: String?

  @Option(name: .customLong("tag"), help: "Tag the run (repeatable).")
  var tags: [String] = []

  @Flag(help: "Score the predictions when the run ends (stored as a score run in the same store).")
  var score = false

  @Option(help: "Protocol for --score (default: r1sgg or scenegraphvlm after the prompt).")
  var `protocol`: String?

  @Flag(help: "No progress line.")
  var quiet = false

  func validate() throws {
    switch (gt, source.isGiven) {
    case (nil, false):
      throw ValidationError("give the ground truth: --gt FILE or --dataset D --root DIR --split S")
    case (.some, true):
      throw ValidationError("--gt and --dataset/--root/--split exclude each other")
    default: break
    }
    guard !endpoints.isEmpty else { throw ValidationError("give at least one --endpoint URL") }
    guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
    guard PreviousSource(rawValue: prevSource) != nil else {
      throw ValidationError("--prev-source must be gt, model or none")
    }
    if let resize, ResizePolicy(parsing: resize) == nil {
      throw ValidationError("--resize must be WxH (e.g. 640x480) or none, not '\(resize)'")
    }
    if let boxSpace, RunnerBoxSpace(parsing: boxSpace) == nil {
      throw ValidationError(
        "--box-space must be norm1000, pixel, norm1, resized:WxH, sent or qwen25vl, not '\(boxSpace)'"
      )
    }
    if resume != nil && fresh { throw ValidationError("--resume and --fresh exclude each other") }
    if let p = self.protocol, ScoringProtocol.presets[p] == nil {
      throw ValidationError(
        "unknown protocol '\(p)'; presets are \(ScoringProtocol.presets.keys.sorted().joined(separator: ", "))"
      )
    }
  }
}

extension RunCommand {
  func run() throws {
    let preset: PromptPreset
    do {
      preset = try PromptPreset(name: prompt)
    } catch {
      throw ValidationError("\(error)")
    }
    // Ground truth and vocabulary.
    var vocabulary = try vocab.map(InputFiles.readVocabulary)
    let groundTruth: GroundTruthFile
    var selection: DatasetArguments.Selection?
    if let gt {
      groundTruth = try InputFiles.readGroundTruth(gt)
      for issue in groundTruth.issues { Console.note("skipped: \(issue)") }
    } else {
      let chosen = try source.selection()
      let loaded = try chosen.load()
      groundTruth = GroundTruthFile(
        fileName: chosen.label,
        records: loaded.samples.enumerated().map { GroundTruthRecord(line: $0 + 1, sample: $1) })
      if vocabulary == nil { vocabulary = loaded.vocabulary }
      selection = chosen
    }
    var samples = groundTruth.samples
    if let limit { samples = Array(samples.prefix(max(0, limit))) }
    if vocabulary == nil, case .r1sggClosed = preset {
      vocabulary = Vocabulary.observed(in: groundTruth.samples)
      Console.note(
        "r1sgg-closed: no --vocab; listing the \(vocabulary?.objects.count ?? 0) classes seen in the ground truth"
      )
    }

    let configuration = try makeConfiguration(preset: preset, vocabulary: vocabulary)
    let storePath = db ?? ResultsStore.defaultPath()
    let store: ResultsStore
    do {
      store = try ResultsStore(path: storePath, busyTimeout: storeTimeout.seconds())
    } catch let error as ValidationError {
      throw error
    } catch {
      throw CLIError.store("\(error)")
    }
    let runID = try chooseRun(
      store: store, configuration: configuration, preset: preset, sampleCount: samples.count,
      selection: selection)

    Console.note(
      "run \(runID): \(samples.count) samples, prompt \(preset.name), model \(model), \(endpoints.count) endpoint(s), concurrency \(concurrency)"
    )
    let printer = RunProgressPrinter(quiet: quiet)
    let runner = BenchmarkRunner(configuration: configuration, store: store, runID: runID)
    let summary: RunSessionSummary
    do {
      let chosen = samples
      summary = try Blocking.wait {
        try await runner.run(samples: chosen, progress: printer.update)
      }
    } catch let error as RunnerError {
      printer.finish()
      switch error {
      case .store(let m): throw CLIError.store(m)
      default: throw CLIError.input("\(error)")
      }
    }
    printer.finish()

    var failureCounts: [String: Int] = [:]
    for f in summary.failures { failureCounts["request_" + f.kind, default: 0] += 1 }
    // The summary is printed even when the run can't be marked finished: the answers are in the
    // output file (and the store), and running the command again finishes the run.
    var finishFailure: (any Error)?
    do {
      try store.finishRun(
        id: runID, metrics: [:], failures: failureCounts, sampleCount: samples.count,
        usageJSON: summary.latency?.json)
    } catch {
      finishFailure = error
    }
    report(summary, total: samples.count)
    for f in summary.failures.prefix(10) {
      Console.note("failed \(f.sampleID): \(f.kind): \(f.message)")
    }
    if summary.failures.count > 10 {
      Console.note("… and \(summary.failures.count - 10) more failures")
    }
    if let finishFailure {
      print("wrote \(output)")
      throw CLIError.store(
        "\(finishFailure)\nrun \(runID) was not marked finished; the answers are in \(output), and running the same command again finishes it"
      )
    }
    print("wrote \(output); stored as run \(runID) in \(storePath)")

    if score {
      try scoreOutput(
        groundTruth: GroundTruthFile(
          fileName: groundTruth.fileName,
          records: groundTruth.records.filter { r in samples.contains { $0.id == r.sample.id } }),
        vocabulary: vocabulary, preset: preset, store: store, runID: runID, selection: selection,
        storePath: storePath)
    }
    if !summary.failures.isEmpty { throw ExitCode(75) }
  }

  func makeConfiguration(preset: PromptPreset, vocabulary: Vocabulary?) throws -> RunConfiguration {
    var parsedEndpoints: [JudgeEndpoint] = []
    for url in endpoints {
      do {
        parsedEndpoints.append(
          try JudgeEndpoint(
            baseURL: url, model: model, apiKeyEnvironmentVariable: apiKeyEnv, timeout: timeout))
      } catch {
        throw ValidationError("--endpoint: \(error)")
      }
    }
    var sampling = preset.defaultSampling
    if let maxTokens { sampling.maxTokens = maxTokens }
    if let temperature { sampling.temperature = temperature }
    if let topP { sampling.topP = topP }
    if let topK { sampling.topK = topK }
    if let seed { sampling.seed = seed }
    let resizePolicy =
      resize.flatMap(ResizePolicy.init(parsing:))
      ?? (preset.isSceneGraphVLM ? .exact(width: 640, height: 480) : .none)
    let space =
      boxSpace.flatMap(RunnerBoxSpace.init(parsing:))
      ?? (preset.scoringProtocol == "r1sgg" ? .fixed(.norm1000) : .sent)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: images, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw ValidationError("--images \(images): no such directory")
    }
    return RunConfiguration(
      model: model, endpoints: parsedEndpoints, preset: preset, vocabulary: vocabulary,
      previousSource: PreviousSource(rawValue: prevSource) ?? .gt,
      images: ImagePreparation(
        directory: URL(fileURLWithPath: images, isDirectory: true), resize: resizePolicy,
        jpegQuality: jpegQuality),
      boxSpace: space, sampling: sampling, concurrency: concurrency,
      retry: RetryPolicy(maxAttempts: attempts), thinkSystemPrompt: thinkSystemPrompt,
      outputPath: URL(fileURLWithPath: output).standardizedFileURL.path)
  }

  /// The run to continue, or a new one.
  func chooseRun(
    store: ResultsStore, configuration: RunConfiguration, preset: PromptPreset, sampleCount: Int,
    selection: DatasetArguments.Selection?
  ) throws -> Int64 {
    do {
      var existing: RunRecord?
      if let resume {
        guard let run = try store.run(id: resume), run.command == .run else {
          throw CLIError.store(
            "\(store.path): no `run` run with id \(resume) (sgg-eval runs lists them)")
        }
        existing = run
      } else if !fresh {
        existing = try RunLookup.latestRun(writing: configuration.outputPath, in: store)
      }
      if let run = existing, let id = run.id {
        let differences = RunLookup.differences(run, configuration)
        guard differences.isEmpty else {
          throw CLIError.input(
            "\(output) belongs to run \(id), made with other settings (\(differences.joined(separator: ", "))); use --fresh to start a new run or another -o"
          )
        }
        let done = try store.finishedSampleIDs(runID: id).count
        Console.note("resuming run \(id): \(done) samples already answered")
        return id
      }
      let record = RunRecord(
        name: name, tags: tags, command: .run,
        protocolName: self.protocol ?? preset.scoringProtocol,
        protocolOptionsJSON: configuration.optionsJSON, predictions: nil,
        groundTruth: try gt.map { .file(try FileReference(hashingFileAt: $0)) }
          ?? .dataset(root: selection?.root.path ?? ""),
        vocab: try vocab.map { try FileReference(hashingFileAt: $0) },
        dataset: selection?.kind.rawValue, split: selection?.split.rawValue,
        sampleCount: sampleCount, toolVersion: ToolVersion.current)
      return try store.beginRun(record)
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError.store("\(error)")
    }
  }

  func report(_ summary: RunSessionSummary, total: Int) {
    Console.note(
      "answered \(summary.answered) now, \(summary.resumed) earlier, \(summary.failures.count) failed, of \(total), in \(String(format: "%.1f", summary.wallSeconds)) s"
    )
    if !summary.retries.isEmpty {
      Console.note(
        "retried attempts: "
          + summary.retries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
            separator: ", "))
    }
    guard let l = summary.latency else { return }
    var line =
      "latency s/graph: mean \(String(format: "%.3f", l.meanSeconds)), p50 \(String(format: "%.3f", l.p50Seconds)), p95 \(String(format: "%.3f", l.p95Seconds)) over \(l.count)"
    if let tps = l.tokensPerSecond {
      line += "; \(String(format: "%.1f", tps)) tokens/s per request"
    }
    if let gps = l.graphsPerSecond {
      line += "; throughput \(String(format: "%.2f", gps)) graphs/s"
    }
    print(line)
  }

  func scoreOutput(
    groundTruth: GroundTruthFile, vocabulary: Vocabulary?, preset: PromptPreset,
    store: ResultsStore, runID: Int64, selection: DatasetArguments.Selection?, storePath: String
  ) throws {
    let protocolName = self.protocol ?? preset.scoringProtocol
    guard let options = ScoringProtocol.presets[protocolName] else {
      throw ValidationError("unknown protocol '\(protocolName)'")
    }
    let predictions = try InputFiles.readPredictions(output)
    let mapper = try openVocabulary.mapper(for: options, vocabulary: vocabulary, aliases: nil)
    let scored = Scorer(options: options, vocabulary: vocabulary, openVocabulary: mapper).score(
      predictions: predictions, groundTruth: groundTruth)
    // The table comes first, so the scores are shown even when they can't be stored.
    print(ScoreTable(run: scored).render())
    do {
      let inputs = ScoreRunRecorder.Inputs(
        predictions: try FileReference(hashingFileAt: output),
        groundTruth: try gt.map { .file(try FileReference(hashingFileAt: $0)) }
          ?? .dataset(root: selection?.root.path ?? ""),
        vocabulary: try vocab.map { try FileReference(hashingFileAt: $0) },
        dataset: selection?.kind.rawValue, split: selection?.split.rawValue, name: name,
        tags: tags + ["run-\(runID)"])
      let scoreID = try ScoreRunRecorder(store: store).record(scored, inputs: inputs)
      print("\nscored as run \(scoreID) in \(storePath) (tag run-\(runID))")
    } catch {
      throw CLIError.store(
        "\(error)\nthe scores printed above were not stored; `sgg-eval score \(output) …` stores them"
      )
    }
  }
}

/// Runs async work from the synchronous command (the root command's `main` is synchronous).
enum Blocking {
  static func wait<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let semaphore = DispatchSemaphore(value: 0)
    Task {
      do {
        box.set(.success(try await body()))
      } catch {
        box.set(.failure(error))
      }
      semaphore.signal()
    }
    semaphore.wait()
    guard let result = box.get() else { throw CancellationError() }
    return try result.get()
  }

  final class ResultBox<T: Sendable>: @unchecked Sendable {
    // @unchecked: guarded by `lock`.
    private let lock = NSLock()
    private var result: Result<T, Error>?
    func set(_ r: Result<T, Error>) {
      lock.lock()
      result = r
      lock.unlock()
    }
    func get() -> Result<T, Error>? {
      lock.lock()
      defer { lock.unlock() }
      return result
    }
  }
}

/// The progress line of `sgg-eval run` on stderr: rewritten in place on a terminal (at most 5
/// times a second), otherwise one line per 10%.
final class RunProgressPrinter: @unchecked Sendable {
  // @unchecked: all state is guarded by `lock`.
  private let lock = NSLock()
  private let quiet: Bool
  private let isTerminal = isatty(STDERR_FILENO) == 1
  private var last: UInt64 = 0
  private var lastTenth = -1
  private var open = false

  init(quiet: Bool) { self.quiet = quiet }

  func update(_ p: RunProgress) {
    guard !quiet else { return }
    lock.lock()
    defer { lock.unlock() }
    if isTerminal {
      let now = DispatchTime.now().uptimeNanoseconds
      guard now - last > 200_000_000 || p.done + p.failed >= p.total else { return }
      last = now
      FileHandle.standardError.write(Data(("\r\u{1B}[K" + p.line).utf8))
      open = true
    } else {
      let tenth = p.total > 0 ? (p.done + p.failed) * 10 / p.total : 10
      guard tenth != lastTenth else { return }
      lastTenth = tenth
      FileHandle.standardError.write(Data((p.line + "\n").utf8))
    }
  }

  func finish() {
    lock.lock()
    defer { lock.unlock() }
    if open { FileHandle.standardError.write(Data("\n".utf8)) }
    open = false
  }
}
