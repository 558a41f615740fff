import Foundation
import SGGCore
import SGGFormats
import SGGJudge
import SGGStore
import Testing

@testable import SGGRunner

/// The runner against the real Python test server on 127.0.0.1 (Support/fake_vlm_server.py).
@Suite(.serialized) struct RunnerServerTests {
  func configuration(
    _ fixture: RunFixture, servers: [FakeServer], preset: PromptPreset, resize: ResizePolicy,
    boxSpace: RunnerBoxSpace, concurrency: Int = 3, previous: PreviousSource = .gt,
    attempts: Int = 4, timeout: Double = 30
  ) throws -> RunConfiguration {
    RunConfiguration(
      model: "test-vlm",
      endpoints: try servers.map {
        try JudgeEndpoint(baseURL: $0.url, model: "test-vlm", timeout: timeout)
      },
      preset: preset, vocabulary: nil, previousSource: previous,
      images: ImagePreparation(directory: fixture.images, resize: resize), boxSpace: boxSpace,
      sampling: preset.defaultSampling, concurrency: concurrency,
      retry: RetryPolicy(maxAttempts: attempts, baseDelay: 0.01, maxDelay: 0.05),
      outputPath: fixture.output.path)
  }

  func begin(_ store: ResultsStore, _ config: RunConfiguration) throws -> Int64 {
    try store.beginRun(
      RunRecord(
        command: .run, protocolName: config.preset.scoringProtocol,
        protocolOptionsJSON: config.optionsJSON, predictions: nil,
        groundTruth: .dataset(root: "/fixture"), dataset: "fixture", split: "test",
        toolVersion: "test"))
  }

  @Test func r1sggPromptsImagesAndPredictionLines() async throws {
    let fixture = try RunFixture(count: 4)
    defer { fixture.remove() }
    let server = try FakeServer(gt: fixture.gt, arguments: ["--latency", "0.02"])
    defer { server.stop() }
    let samples = try GroundTruthReader.read(contentsOf: fixture.gt).samples
    let config = try configuration(
      fixture, servers: [server], preset: .r1sggOpen, resize: .none, boxSpace: .fixed(.norm1000))
    let store = try ResultsStore(path: fixture.db.path)
    let runID = try begin(store, config)
    let summary = try await BenchmarkRunner(configuration: config, store: store, runID: runID).run(
      samples: samples)
    #expect(summary.answered == 4 && summary.failures.isEmpty)

    let log = try server.requests()
    #expect(log.count == 4)
    let sizes = Dictionary(
      uniqueKeysWithValues: samples.map { ($0.id, [Int($0.width), Int($0.height)]) })
    for entry in log {
      let id = try #require(entry["id"] as? String)
      #expect(entry["model"] as? String == "test-vlm")
      #expect(entry["temperature"] as? Double == 0.01)
      #expect(entry["top_p"] as? Double == 0.001)
      #expect(entry["top_k"] as? Int == 1 && entry["max_tokens"] as? Int == 2048)
      let messages = try #require(entry["messages"] as? [[String: Any]])
      #expect(messages.count == 2)
      let system = try #require(messages[0]["parts"] as? [[Any]])
      #expect(system[0][1] as? String == R1SGGPrompts.system)
      let user = try #require(messages[1]["parts"] as? [[Any]])
      // Image first, then the text; the image arrives at its original size (no resize).
      #expect(user[0][0] as? String == "image" && user[0][1] as? String == "data:image/jpeg;base64")
      #expect([user[0][2] as? Int ?? -1, user[0][3] as? Int ?? -1] == sizes[id])
      #expect(user[1][1] as? String == R1SGGPrompts.open)
    }
    let lines = try fixture.outputLines()
    #expect(Set(lines.compactMap { $0["id"] as? String }) == Set(samples.map(\.id)))
    for line in lines {
      #expect(line["box_space"] as? String == "norm1000")
      #expect((line["gen_time_s"] as? Double ?? 0) >= 0.02)
      #expect(line["finish_reason"] as? String == "stop")
      let usage = try #require(line["usage"] as? [String: Any])
      #expect((usage["completion_tokens"] as? Int ?? 0) > 0)
      #expect((line["response"] as? String ?? "").hasPrefix("```json"))
    }
    let stored = try store.predictions(runID: runID)
    #expect(stored.count == 4 && stored.allSatisfy { $0.endpoint == server.url })
    let latency = try #require(summary.latency)
    #expect(latency.count == 4 && latency.p50Seconds >= 0.02)
  }

  @Test func sceneGraphVLMResizesAndContinuesFromPrefix() async throws {
    let fixture = try RunFixture(count: 3)
    defer { fixture.remove() }
    let server = try FakeServer(gt: fixture.gt)
    defer { server.stop() }
    let samples = try GroundTruthReader.read(contentsOf: fixture.gt).samples
    let config = try configuration(
      fixture, servers: [server], preset: .sceneGraphVLMPSG,
      resize: .exact(width: 640, height: 480), boxSpace: .sent)
    let store = try ResultsStore(path: fixture.db.path)
    let runID = try begin(store, config)
    _ = try await BenchmarkRunner(configuration: config, store: store, runID: runID).run(
      samples: samples)
    let log = try server.requests()
    #expect(log.count == 3)
    for entry in log {
      #expect(entry["temperature"] as? Double == 0)
      #expect(entry["stop"] as? [String] == ["</answer>"])
      #expect(entry["continue_final_message"] as? Bool == true)
      let messages = try #require(entry["messages"] as? [[String: Any]])
      #expect(messages.map { $0["role"] as? String } == ["user", "assistant"])
      let user = try #require(messages[0]["parts"] as? [[Any]])
      // Every image is decoded at 640×480 by the server, whatever its original size.
      #expect(user[0][2] as? Int == 640 && user[0][3] as? Int == 480)
      #expect(user[1][1] as? String == PythonStrip.rstrip(SceneGraphVLMPrompts.psg))
      let prefix = try #require(messages[1]["parts"] as? [[Any]])
      #expect(prefix[0][1] as? String == "<answer>\n")
    }
    let lines = try fixture.outputLines()
    #expect(lines.allSatisfy { $0["box_space"] as? String == "resized:640x480" })
    #expect(lines.allSatisfy { ($0["response"] as? String ?? "").hasPrefix("<answer>\nobj[") })
  }

  @Test func faultsAreRetriedAcrossEndpointsAndFailuresRecorded() async throws {
    let fixture = try RunFixture(count: 6)
    defer { fixture.remove() }
    let faults = [
      "--fault", "img1:500:2", "--fault", "img2:429:1", "--fault", "img3:drop:1",
      "--fault", "img4:garbage:1", "--fault", "img5:400:-1",
    ]
    let a = try FakeServer(gt: fixture.gt, arguments: faults + ["--latency", "0.05"])
    defer { a.stop() }
    let b = try FakeServer(gt: fixture.gt, arguments: faults + ["--latency", "0.05"])
    defer { b.stop() }
    let samples = try GroundTruthReader.read(contentsOf: fixture.gt).samples
    let config = try configuration(
      fixture, servers: [a, b], preset: .r1sggOpen, resize: .none, boxSpace: .fixed(.norm1000),
      concurrency: 4, attempts: 6)
    let store = try ResultsStore(path: fixture.db.path)
    let runID = try begin(store, config)
    let summary = try await BenchmarkRunner(configuration: config, store: store, runID: runID).run(
      samples: samples)
    // img5 gets HTTP 400 everywhere: not retried, recorded as a failure.
    #expect(summary.failures.map(\.sampleID) == ["img5"])
    #expect(summary.failures.first?.kind == "client_error")
    #expect(summary.answered == 5)
    let log = try a.requests() + b.requests()
    func attempts(_ id: String) -> Int { log.filter { $0["id"] as? String == id }.count }
    // Each server fails the first requests of an id it sees; the counts are per server, so an
    // id that moved to the other server may fail once more there.
    #expect((3...5).contains(attempts("img1")))
    #expect((2...3).contains(attempts("img2")))
    #expect((2...3).contains(attempts("img3")))
    #expect((2...3).contains(attempts("img4")))
    #expect(attempts("img5") == 1)
    #expect(attempts("img6") == 1)
    // Both endpoints did work.
    let (logA, logB) = (try a.requests(), try b.requests())
    #expect(!logA.isEmpty && !logB.isEmpty)
    let lines = try fixture.outputLines()
    let failed = try #require(lines.first { $0["id"] as? String == "img5" })
    #expect(failed["response"] is NSNull)
    #expect((failed["error"] as? String ?? "").hasPrefix("client_error"))
    #expect(
      try store.finishedSampleIDs(runID: runID) == Set(["img1", "img2", "img3", "img4", "img6"]))
  }

  @Test func timeoutIsAFailureNotAHang() async throws {
    let fixture = try RunFixture(count: 1)
    defer { fixture.remove() }
    let server = try FakeServer(
      gt: fixture.gt, arguments: ["--fault", "img1:sleep:-1", "--sleep-seconds", "3"])
    defer { server.stop() }
    let samples = try GroundTruthReader.read(contentsOf: fixture.gt).samples
    let config = try configuration(
      fixture, servers: [server], preset: .r1sggOpen, resize: .none, boxSpace: .fixed(.norm1000),
      attempts: 2, timeout: 0.5)
    let store = try ResultsStore(path: fixture.db.path)
    let runID = try begin(store, config)
    let started = Date()
    let summary = try await BenchmarkRunner(configuration: config, store: store, runID: runID).run(
      samples: samples)
    #expect(summary.failures.map(\.kind) == ["timeout"])
    #expect(Date().timeIntervalSince(started) < 3)
  }

  @Test func videoFramesInOrderWithModelContextAndResumeSkipsFinished() async throws {
    // Two videos of three frames, listed out of order.
    var lines: [String] = []
    for (video, frames) in [("va", [2, 0, 1]), ("vb", [1, 2, 0])] {
      for f in frames {
        lines.append(
          #"{"id": "\#(video)_\#(f)", "width": 640, "height": 480, "video": "\#(video)", "frame": \#(f), "objects": [{"label": "person", "box": [10, 20, 30, 40]}, {"label": "ball", "box": [50, 60, \#(70 + f), 80]}], "relations": [{"subject": 0, "predicate": "playing with", "object": 1}]}"#
        )
      }
    }
    let fixture = try RunFixture(lines: lines)
    defer { fixture.remove() }
    let server = try FakeServer(gt: fixture.gt, arguments: ["--latency", "0.03"])
    defer { server.stop() }
    let samples = try GroundTruthReader.read(contentsOf: fixture.gt).samples
    let config = try configuration(
      fixture, servers: [server], preset: .sceneGraphVLMPVSG,
      resize: .exact(width: 640, height: 480), boxSpace: .sent, concurrency: 2, previous: .model)
    let store = try ResultsStore(path: fixture.db.path)
    let runID = try begin(store, config)
    // A first session already answered va_0 (as if killed after it).
    try store.putPrediction(
      runID: runID,
      PredictionRecord(
        sampleID: "va_0",
        response:
          "<answer>\nobj[1]{id,name,x1,y1,x2,y2}:\n1,earlier,1,2,3,4\nrel[0]{subj,pred,obj}:\n",
        latencyS: 0.5))
    _ = try await BenchmarkRunner(configuration: config, store: store, runID: runID).run(
      samples: samples)
    let log = try server.requests()
    let ids = log.compactMap { $0["id"] as? String }
    #expect(!ids.contains("va_0"))
    #expect(ids.count == 5)
    func index(_ id: String) -> Int { ids.firstIndex(of: id) ?? -1 }
    #expect(
      index("va_1") < index("va_2") && index("vb_0") < index("vb_1")
        && index("vb_1") < index("vb_2"))
    func text(_ id: String) throws -> String {
      let entry = try #require(log.first { $0["id"] as? String == id })
      let messages = try #require(entry["messages"] as? [[String: Any]])
      let parts = try #require(messages[0]["parts"] as? [[Any]])
      return parts[1][1] as? String ?? ""
    }
    // va_1 carries the stored answer of va_0 (finalised: prefix dropped, stripped).
    #expect(
      try text("va_1").contains(
        "Previous frame scene graph (TOON):\nobj[1]{id,name,x1,y1,x2,y2}:\n1,earlier,1,2,3,4\nrel[0]{subj,pred,obj}:\n\nNow, generate"
      ))
    // vb_1 carries the server's answer for vb_0 (its graph in the 640×480 frame).
    #expect(
      try text("vb_1").contains(
        "Previous frame scene graph (TOON):\nobj[2]{id,name,x1,y1,x2,y2}:\n1,person,10,20,30,40\n2,ball,50,60,70,80\nrel[1]{subj,pred,obj}:\n1,playing-with,2\n\nNow, generate"
      ))
    let first = try text("vb_0")
    #expect(!first.contains("Previous frame"))
    // The JSONL holds every sample once, the resumed one included.
    let out = try fixture.outputLines().compactMap { $0["id"] as? String }
    #expect(out.count == 6 && Set(out).count == 6)
  }
}
