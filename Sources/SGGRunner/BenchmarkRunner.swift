import Foundation
import SGGCore
import SGGJudge
import SGGStore

/// A sample whose request did not produce a response in this session.
public struct SampleFailure: Hashable, Sendable {
  public var sampleID: String
  /// `timeout`, `server_error`, … (``JudgeFailure`` raw values) or `image` / `prompt`.
  public var kind: String
  public var message: String
}

/// What a session of ``BenchmarkRunner/run(samples:progress:)`` did.
public struct RunSessionSummary: Sendable {
  /// Samples answered in this session.
  public var answered: Int
  /// Samples already answered in earlier sessions (not asked again).
  public var resumed: Int
  public var failures: [SampleFailure]
  /// Latency over every stored response of the run's samples (earlier sessions included);
  /// `graphsPerSecond` is this session's.
  public var latency: RunLatencySummary?
  public var wallSeconds: Double
  /// Retried attempts in this session, by failure kind.
  public var retries: [String: Int]
}

/// Asks the model for every sample of a run and records each answer, first in the results
/// store (`predictions` table, one transaction each), then as a line of the predictions JSONL.
///
/// Resume: samples that already have a stored response are never asked again; the JSONL is
/// rewritten from the store when a session starts, so a file cut short by a kill is repaired.
/// With ``PreviousSource/model`` the frames of a video are asked in frame order (each prompt
/// carries the model's previous answer), videos in parallel; otherwise all samples run in
/// parallel, ``RunConfiguration/concurrency`` at a time.
public struct BenchmarkRunner: Sendable {
  public var configuration: RunConfiguration
  public var store: ResultsStore
  public var runID: Int64
  public var transport: any HTTPTransport

  public init(
    configuration: RunConfiguration, store: ResultsStore, runID: Int64,
    transport: (any HTTPTransport)? = nil
  ) {
    self.configuration = configuration
    self.store = store
    self.runID = runID
    self.transport =
      transport ?? URLSessionTransport(maximumConnections: max(16, configuration.concurrency))
  }

  /// The prompt and previous-frame context of each sample, keyed by id.
  func previousGroundTruth(_ samples: [Sample]) -> [String: Sample] {
    var out: [String: Sample] = [:]
    for video in Self.videos(samples) where video.count > 1 {
      for i in 1..<video.count { out[video[i].id] = video[i - 1] }
    }
    return out
  }

  /// Frames grouped by video (first-seen order), sorted by frame index (stable); samples without
  /// a video are one group each.
  static func videos(_ samples: [Sample]) -> [[Sample]] {
    var groups: [[Sample]] = []
    var index: [String: Int] = [:]
    for s in samples {
      if let v = s.video {
        if let i = index[v] {
          groups[i].append(s)
        } else {
          index[v] = groups.count
          groups.append([s])
        }
      } else {
        groups.append([s])
      }
    }
    return groups.map { group in
      group.enumerated().sorted { a, b in
        let fa = a.element.frame ?? Int.min
        let fb = b.element.frame ?? Int.min
        return fa != fb ? fa < fb : a.offset < b.offset
      }.map(\.element)
    }
  }

  /// Runs every sample not yet answered; `progress` is called after each sample.
  public func run(samples: [Sample], progress: @escaping @Sendable (RunProgress) -> Void = { _ in })
    async throws -> RunSessionSummary
  {
    let started = DispatchTime.now().uptimeNanoseconds
    let stored: [PredictionRecord]
    do {
      stored = try store.predictions(runID: runID)
    } catch {
      throw RunnerError.store("\(error)")
    }
    let byID = Dictionary(stored.map { ($0.sampleID, $0) }) { a, _ in a }
    let sampleByID = Dictionary(samples.map { ($0.id, $0) }) { a, _ in a }
    let sink = try OutputSink(
      path: configuration.outputPath, store: store, runID: runID, total: samples.count,
      resumed: samples.filter { byID[$0.id] != nil }.count, progress: progress, started: started)
    // Rewrite the JSONL from the store: the store is written first, so it is never behind.
    for record in stored {
      guard let sample = sampleByID[record.sampleID] else { continue }
      try await sink.appendLine(line(for: record, sample: sample))
    }

    let chained = configuration.preset.usesPreviousFrame && configuration.previousSource == .model
    let chains: [[Sample]] = chained ? Self.videos(samples) : samples.map { [$0] }
    let prevGT =
      configuration.preset.usesPreviousFrame && configuration.previousSource == .gt
      ? previousGroundTruth(samples) : [:]
    let queue = ChainQueue(
      chains.filter { chain in chain.contains { byID[$0.id] == nil } })
    let client = VLMClient(
      pool: EndpointPool(configuration.endpoints), retry: configuration.retry,
      transport: transport)
    let workers = configuration.concurrency
    try await withThrowingTaskGroup(of: Void.self) { group in
      for _ in 0..<workers {
        group.addTask {
          while let chain = await queue.next() {
            var previousAnswer: String? = nil
            for (position, sample) in chain.enumerated() {
              if Task.isCancelled { return }
              let context: PreviousFrame
              if !configuration.preset.usesPreviousFrame
                || configuration.previousSource == .none
              {
                context = .none
              } else if configuration.previousSource == .gt {
                context = prevGT[sample.id].map { .groundTruth($0) } ?? .none
              } else {
                context = position == 0 ? .none : .generated(previousAnswer ?? "")
              }
              if let done = byID[sample.id] {
                previousAnswer = modelContext(done.response)
                continue
              }
              let response = try await ask(sample, context: context, client: client, sink: sink)
              previousAnswer = response.map(modelContext) ?? ""
            }
          }
        }
      }
      try await group.waitForAll()
    }

    let wall = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    let all: [PredictionRecord]
    do {
      all = try store.predictions(runID: runID).filter { sampleByID[$0.sampleID] != nil }
    } catch {
      throw RunnerError.store("\(error)")
    }
    let state = await sink.state()
    let latency = RunLatencySummary(
      latencies: all.map { $0.latencyS ?? .nan }, promptTokens: all.map(\.promptTokens),
      completionTokens: all.map(\.completionTokens), wallSeconds: wall,
      sessionCount: state.answered)
    return RunSessionSummary(
      answered: state.answered, resumed: state.resumed, failures: state.failures,
      latency: latency, wallSeconds: wall, retries: state.retries)
  }

  /// The previous-frame text of a stored response: SceneGraphVLM's `finalize_vl_prediction`
  /// of the generated text (the response prefix, which the model did not generate, removed).
  func modelContext(_ response: String) -> String {
    var text = response
    if let prefix = configuration.preset.prefix, text.hasPrefix(prefix) {
      text = String(text.dropFirst(prefix.count))
    }
    return PreviousFrameText.finalize(text)
  }

  func line(for record: PredictionRecord, sample: Sample) -> String {
    PredictionLine.answered(
      id: record.sampleID, response: record.response, boxSpace: configuration.boxSpace(for: sample),
      seconds: record.latencyS, promptTokens: record.promptTokens,
      completionTokens: record.completionTokens, finishReason: record.finishReason,
      endpoint: record.endpoint)
  }

  /// Asks one sample; returns the stored response, or nil when it failed (recorded as such).
  func ask(_ sample: Sample, context: PreviousFrame, client: VLMClient, sink: OutputSink)
    async throws -> String?
  {
    let prepared: PreparedImage
    do {
      prepared = try configuration.images.prepare(id: sample.id)
    } catch {
      try await sink.fail(
        SampleFailure(sampleID: sample.id, kind: "image", message: "\(error)"),
        boxSpace: configuration.boxSpace(for: sample), attempts: [])
      return nil
    }
    let boxSpace = configuration.boxSpace(for: sample, prepared: prepared)
    let prompt: VLMPrompt
    do {
      prompt = try configuration.preset.prompt(
        for: sample, previous: context, vocabulary: configuration.vocabulary,
        imageSize: (prepared.width, prepared.height),
        thinkSystemPrompt: configuration.thinkSystemPrompt)
    } catch {
      try await sink.fail(
        SampleFailure(sampleID: sample.id, kind: "prompt", message: "\(error)"),
        boxSpace: boxSpace, attempts: [])
      return nil
    }
    let body = ChatRequestBody.encode(
      model: configuration.model, prompt: prompt, imageDataURL: prepared.dataURL,
      sampling: configuration.sampling)
    let outcome = await client.send(body: body, sampleID: sample.id)
    guard let completion = outcome.completion else {
      let kind = outcome.failure?.rawValue ?? "unanswered"
      try await sink.fail(
        SampleFailure(
          sampleID: sample.id, kind: kind,
          message: "no answer after \(outcome.attemptFailures.count) attempt(s): "
            + outcome.attemptFailures.map(\.rawValue).joined(separator: ", ")),
        boxSpace: boxSpace, attempts: outcome.attemptFailures)
      return nil
    }
    let response = (prompt.responsePrefix ?? "") + completion.content
    let record = PredictionRecord(
      sampleID: sample.id, response: response, latencyS: outcome.latency,
      promptTokens: completion.promptTokens, completionTokens: completion.completionTokens,
      finishReason: completion.finishReason, endpoint: outcome.endpoint)
    try await sink.record(
      record, line: line(for: record, sample: sample), attempts: outcome.attemptFailures)
    return response
  }
}

extension PromptPreset {
  /// The response prefix every prompt of this preset uses, if any.
  var prefix: String? {
    switch self {
    case .sceneGraphVLMPSG, .sceneGraphVLMPVSG, .sceneGraphVLMAG:
      return SceneGraphVLMPrompts.responsePrefix
    case .template(let t): return t.responsePrefix
    default: return nil
    }
  }
}

/// Hands out the chains of samples to the workers.
actor ChainQueue {
  private var chains: [[Sample]]
  private var position = 0

  init(_ chains: [[Sample]]) { self.chains = chains }

  func next() -> [Sample]? {
    guard position < chains.count else { return nil }
    defer { position += 1 }
    return chains[position]
  }
}

/// Serialises the writes of a session: store first, then the JSONL line, then progress.
actor OutputSink {
  struct State {
    var answered: Int
    var resumed: Int
    var failures: [SampleFailure]
    var retries: [String: Int]
  }

  let path: String
  let handle: FileHandle
  let store: ResultsStore
  let runID: Int64
  let total: Int
  let resumed: Int
  let progress: @Sendable (RunProgress) -> Void
  let started: UInt64
  var answered = 0
  var failures: [SampleFailure] = []
  var retries: [String: Int] = [:]

  init(
    path: String, store: ResultsStore, runID: Int64, total: Int, resumed: Int,
    progress: @escaping @Sendable (RunProgress) -> Void, started: UInt64
  ) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else {
      throw RunnerError.output(path: path, reason: "cannot create the file")
    }
    self.path = path
    self.handle = handle
    self.store = store
    self.runID = runID
    self.total = total
    self.resumed = resumed
    self.progress = progress
    self.started = started
  }

  deinit { try? handle.close() }

  func appendLine(_ line: String) throws {
    do {
      try handle.write(contentsOf: Data((line + "\n").utf8))
    } catch {
      throw RunnerError.output(path: path, reason: "\(error)")
    }
  }

  func record(_ prediction: PredictionRecord, line: String, attempts: [JudgeFailure]) throws {
    do {
      try store.putPrediction(runID: runID, prediction)
    } catch {
      throw RunnerError.store("\(error)")
    }
    try appendLine(line)
    answered += 1
    count(attempts)
    report()
  }

  func fail(_ failure: SampleFailure, boxSpace: BoxSpace, attempts: [JudgeFailure]) throws {
    try appendLine(
      PredictionLine.failed(
        id: failure.sampleID, boxSpace: boxSpace, error: "\(failure.kind): \(failure.message)"))
    failures.append(failure)
    count(attempts)
    report()
  }

  private func count(_ attempts: [JudgeFailure]) {
    for a in attempts { retries[a.rawValue, default: 0] += 1 }
  }

  private func report() {
    let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    progress(
      RunProgress(
        done: resumed + answered, failed: failures.count, total: total, resumed: resumed,
        elapsed: elapsed))
  }

  func state() -> State {
    State(answered: answered, resumed: resumed, failures: failures, retries: retries)
  }
}
