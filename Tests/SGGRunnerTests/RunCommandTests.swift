import Foundation
import SGGStore
import Testing

/// `sgg-eval run` end to end: kill and resume, then --score.
@Suite(.serialized) struct RunCommandTests {
  func arguments(_ fixture: RunFixture, _ server: FakeServer) -> [String] {
    [
      "run", "--gt", fixture.gt.path, "--images", fixture.images.path, "--endpoint", server.url,
      "--model", "test-vlm", "--prompt", "r1sgg-open", "--concurrency", "1", "-o",
      fixture.output.path, "--db", fixture.db.path, "--quiet", "--vocab",
      RunFixture.packageRoot.appendingPathComponent("Fixtures/score/vocab.json").path,
    ]
  }

  func launch(_ args: [String]) throws -> Process {
    let p = Process()
    p.executableURL = cliBinary
    p.arguments = args
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    return p
  }

  func run(_ args: [String]) throws -> (Int32, String) {
    let p = Process()
    p.executableURL = cliBinary
    p.arguments = args
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: data, as: UTF8.self))
  }

  @Test func killedRunResumesWithoutAskingAgainAndScores() throws {
    let fixture = try RunFixture(count: 4)
    defer { fixture.remove() }
    let server = try FakeServer(
      gt: fixture.gt, arguments: ["--latency", "0.4", "--drop-relation", "img1"])
    defer { server.stop() }
    let first = try launch(arguments(fixture, server))
    // Wait until two samples are written, then kill the process outright.
    let deadline = Date().addingTimeInterval(60)
    var written: [String] = []
    while Date() < deadline {
      written = ((try? String(contentsOf: fixture.output, encoding: .utf8)) ?? "")
        .split(separator: "\n").map(String.init)
      if written.count >= 2 { break }
      usleep(20_000)
    }
    kill(first.processIdentifier, SIGKILL)
    first.waitUntilExit()
    #expect(first.terminationReason == .uncaughtSignal)
    let finished = Set(
      written.compactMap {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["id"] as? String
      })
    #expect(finished.count >= 2 && finished.count < 4)

    // Same command again, now scoring at the end.
    let (status, stdout) = try run(arguments(fixture, server) + ["--score"])
    #expect(status == 0)
    let log = try server.requests()
    for id in finished {
      #expect(log.filter { $0["id"] as? String == id }.count == 1, "\(id) was asked again")
    }
    let lines = try fixture.outputLines().compactMap { $0["id"] as? String }
    #expect(lines.sorted() == ["img1", "img2", "img3", "img4"])
    #expect(stdout.contains("latency s/graph: mean"))

    // One `run` run (resumed, not duplicated) and one score run tagged with it.
    let store = try ResultsStore(path: fixture.db.path)
    let runs = try store.runs()
    #expect(runs.filter { $0.command == .run }.count == 1)
    let runID = try #require(runs.first { $0.command == .run }?.id)
    let scoreRun = try #require(runs.first { $0.command == .score })
    #expect(scoreRun.tags.contains("run-\(runID)"))
    #expect(try store.predictions(runID: runID).count == 4)
    let usage = try #require(runs.first { $0.command == .run }?.usageJSON)
    #expect(usage.contains("\"p95_s\""))
    // R@50 by hand (R1-SGG: mean of per-image triplet recall): img1 answers 2 of its 3 relations
    // (the server drops the last), img2–img4 all of theirs: (2/3 + 1 + 1 + 1) / 4 = 11/12.
    let r50 = try #require(scoreRun.metrics["R@50"])
    #expect(abs(r50 - 11.0 / 12.0) < 1e-12)
    // Every object is found: 9 GT objects, 9 predicted, all matched.
    #expect(scoreRun.metrics["failure_rate"] == 0)
  }

  @Test func outputOfAnotherConfigurationIsRefused() throws {
    let fixture = try RunFixture(count: 1)
    defer { fixture.remove() }
    let server = try FakeServer(gt: fixture.gt)
    defer { server.stop() }
    let (ok, _) = try run(arguments(fixture, server))
    #expect(ok == 0)
    let (refused, _) = try run(arguments(fixture, server) + ["--temperature", "0.7"])
    #expect(refused == 66)
    let (fresh, _) = try run(arguments(fixture, server) + ["--temperature", "0.7", "--fresh"])
    #expect(fresh == 0)
    #expect(try server.requests().count == 2)
  }
}
