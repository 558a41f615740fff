import Foundation
import SGGReports
import SGGStore
import Testing

/// `runs`, `tag`, `leaderboard`, `compare` and `show` on runs scored from Fixtures/score.
@Suite struct ReportCommandsTests {
  let preds = CLIRunner.fixture("score/preds.jsonl")
  let gt = CLIRunner.fixture("score/gt.jsonl")
  let vocab = CLIRunner.fixture("score/vocab.json")

  /// A store with three runs: 1 the fixture ("base"), 2 the fixture with img1's "wearing"
  /// turned into "holding" ("worse": one relation hit fewer), 3 the fixture at IoU 0.6.
  func makeStore() throws -> (dir: URL, db: String) {
    let dir = try CLIRunner.temporaryDirectory()
    let db = dir.appendingPathComponent("runs.sqlite").path
    let text = try String(contentsOfFile: preds, encoding: .utf8)
    let edited = text.replacingOccurrences(
      of: #"\"predicate\": \"wearing\""#, with: #"\"predicate\": \"holding\""#)
    #expect(edited != text)
    let worse = dir.appendingPathComponent("worse.jsonl").path
    try edited.write(toFile: worse, atomically: true, encoding: .utf8)
    for args in [
      [preds, "--name", "base", "--tag", "ablation"],
      [worse, "--name", "worse", "--tag", "ablation"],
      [preds, "--name", "iou06", "--set", "iou-threshold=0.6"],
    ] {
      let r = try CLIRunner.run(["score"] + args + ["--gt", gt, "--vocab", vocab, "--db", db])
      #expect(r.status == 0, "\(r.stderr)")
    }
    return (dir, db)
  }

  @Test func runsListsAndFilters() throws {
    let (dir, db) = try makeStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let all = try CLIRunner.run(["runs", "--db", db, "--format", "csv"])
    #expect(all.status == 0, "\(all.stderr)")
    #expect(all.stdout.split(separator: "\n").count == 4)
    let tagged = try CLIRunner.run(["runs", "--db", db, "--tag", "ablation", "--format", "csv"])
    let names = tagged.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
    #expect(names == ["base", "worse"])
    let tag = try CLIRunner.run(["tag", "3", "strict-iou", "--db", db])
    #expect(tag.status == 0)
    #expect(tag.stdout.contains("run 3 tags: strict-iou"))
    let store = try ResultsStore(path: db)
    #expect(try store.run(id: 3)?.tags == ["strict-iou"])
    let missing = try CLIRunner.run([
      "runs", "--db", dir.appendingPathComponent("none.sqlite").path,
    ])
    #expect(missing.status == 74)
  }

  @Test func leaderboardNumbersComeFromTheStore() throws {
    let (dir, db) = try makeStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLIRunner.run([
      "leaderboard", "--gt", gt, "--db", db, "--format", "csv", "--protocol", "default",
      "--columns", "rel_f1,AP50",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines[0] == "rank,run,name,protocol,tags,R@50,rel_f1,AP50,latency_s,samples")
    let store = try ResultsStore(path: db)
    var seen: [String] = []
    for line in lines.dropFirst() {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let run = try #require(try store.run(id: Int64(f[1]) ?? -1))
      #expect(Double(f[5]) == run.metrics["R@50"])
      #expect(Double(f[6]) == run.metrics["rel_f1"])
      #expect(Double(f[7]) == run.metrics["AP50"])
      seen.append(f[2])
    }
    // base keeps img1's wearing hit: R@50 (2/3 + 1 + 1/2) / 11 against (1/3 + 1 + 1/2) / 11.
    #expect(seen.first == "base")
    #expect(seen.contains("worse"))
    let base = try #require(try store.run(id: 1))
    #expect(abs((base.metrics["R@50"] ?? 0) - (2.0 / 3 + 1 + 0.5) / 11) < 1e-12)
    let worse = try #require(try store.run(id: 2))
    #expect(abs((worse.metrics["R@50"] ?? 0) - (1.0 / 3 + 1 + 0.5) / 11) < 1e-12)

    let html = dir.appendingPathComponent("board.html").path
    let page = try CLIRunner.run([
      "leaderboard", "--gt", gt, "--db", db, "--format", "html", "-o", html,
    ])
    #expect(page.status == 0, "\(page.stderr)")
    let text = try String(contentsOfFile: html, encoding: .utf8)
    #expect(text.contains("<svg"))
    let tex = try CLIRunner.run(["leaderboard", "--gt", gt, "--db", db, "--format", "latex"])
    #expect(tex.stdout.contains("\\toprule"))
    let bad = try CLIRunner.run(["leaderboard", "--gt", gt, "--db", db, "--metric", "R@42"])
    #expect(bad.status != 0)
  }

  // base vs worse, per-sample R@50 differences: img1 1/3 − 2/3 = −1/3, every other sample 0
  // (11 recall samples). Stored Δ = −(1/3) / 11. Sign flips: |sum| ≥ 1/3 for every pattern
  // (the zeros change nothing): p = 1 — one sample cannot make a difference significant.
  @Test func compareDeltasAndRefusal() throws {
    let (dir, db) = try makeStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try CLIRunner.run([
      "compare", "1", "2", "--db", db, "--format", "csv", "--metrics", "R@50,mR@50",
      "--seed", "3",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let rows = r.stdout.split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let header = rows[0]
    #expect(header.first == "metric")
    let worse = try #require(rows.first { $0[0] == "R@50" && $0[1] == "2" })
    let col = { (name: String) in header.firstIndex(of: name) ?? 0 }
    let delta = try #require(Double(worse[col("delta")]))
    let expected: Double = -(1.0 / 3) / 11
    #expect(abs(delta - expected) < 1e-12)
    #expect(Double(worse[col("p_value")]) == 1)
    #expect(worse[col("pairs")] == "11")
    // The bootstrap CI of the paired Δ: every resampled mean is −k/3/11 for k draws of img1,
    // so it lies in [−1/3, 0].
    let low = try #require(Double(worse[col("delta_ci_low")]))
    let high = try #require(Double(worse[col("delta_ci_high")]))
    #expect(low >= -1.0 / 3 - 1e-12 && high <= 1e-12 && low <= high)
    // Reproducible with the same seed.
    let again = try CLIRunner.run([
      "compare", "1", "2", "--db", db, "--format", "csv", "--metrics", "R@50,mR@50",
      "--seed", "3",
    ])
    #expect(again.stdout == r.stdout)

    let refused = try CLIRunner.run(["compare", "1", "3", "--db", db])
    #expect(refused.status == 66)
    #expect(refused.stderr.contains("iou-threshold 0.5 vs 0.6"))
  }

  @Test func showSampleListsMatchedAndMissed() throws {
    let (dir, db) = try makeStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let summary = try CLIRunner.run(["show", "1", "--db", db])
    #expect(summary.status == 0, "\(summary.stderr)")
    // Per predicate from the fixture: riding 2 GT (img1, img3), both hit → 100.00.
    #expect(summary.stdout.contains("riding"))
    #expect(summary.stdout.contains("100.00"))
    #expect(summary.stdout.contains("bad_box"))
    // img1 (hand-worked in ScoreCommandTests): riding and wearing hit, hat-on-person missed,
    // dog-near-horse spurious.
    let sample = try CLIRunner.run(["show", "1", "--sample", "img1", "--db", db])
    #expect(sample.status == 0, "\(sample.stderr)")
    #expect(sample.stdout.contains("matched   person#0 riding horse#1"))
    #expect(sample.stdout.contains("matched   person#0 wearing hat#2"))
    #expect(sample.stdout.contains("missed    hat#2 on person#0"))
    #expect(sample.stdout.contains("spurious  dog#3 near horse#1"))
    let none = try CLIRunner.run(["show", "1", "--sample", "nope", "--db", db])
    #expect(none.status == 66)
  }

  @Test func galleryDrawsBoxesIntoTheImages() throws {
    let (dir, db) = try makeStore()
    defer { try? FileManager.default.removeItem(at: dir) }
    let images = dir.appendingPathComponent("images")
    try FileManager.default.createDirectory(at: images, withIntermediateDirectories: true)
    // Plain grey images at the GT sizes of img1–img3, encoded with our own libjpeg shim.
    for (id, w, h) in [("img1", 640, 480), ("img2", 1280, 960), ("img3", 1000, 500)] {
      let data = try JPEGCodec.encode(RGBImage(width: w, height: h, fill: RGBColor(128, 128, 128)))
      try data.write(to: images.appendingPathComponent("\(id).jpg"))
    }
    let out = dir.appendingPathComponent("annotated.jpg").path
    let shown = try CLIRunner.run([
      "show", "1", "--sample", "img1", "--images", images.path, "--image", out, "--db", db,
    ])
    #expect(shown.status == 0, "\(shown.stderr)")
    let annotated = try JPEGCodec.decodeFile(atPath: out)
    // GT person box [100, 50, 300, 400] is drawn green at its top-left corner; the image centre
    // of the person box stays grey.
    let corner = try #require(annotated.pixel(x: 101, y: 51))
    #expect(corner.g > 120 && corner.r < 80)
    let inside = try #require(annotated.pixel(x: 200, y: 220))
    #expect(abs(Int(inside.r) - 128) < 10 && abs(Int(inside.g) - 128) < 10)

    let page = dir.appendingPathComponent("gallery.html").path
    let gallery = try CLIRunner.run([
      "show", "1", "--gallery", page, "--worst", "3", "--images", images.path, "--db", db,
    ])
    #expect(gallery.status == 0, "\(gallery.stderr)")
    let html = try String(contentsOfFile: page, encoding: .utf8)
    // SGG_KEEP_GALLERY=DIR keeps a copy of the page for `make report-screenshot`-style checks.
    if let keep = ProcessInfo.processInfo.environment["SGG_KEEP_GALLERY"], !keep.isEmpty {
      try? html.write(toFile: keep + "/gallery.html", atomically: true, encoding: .utf8)
    }
    // The three parsed samples, worst sgg_score first: img3 (1 + 1/2) / 2 = 0.75, img1
    // (6/7 + 2/3) / 2 ≈ 0.762, img2 1.
    #expect(html.components(separatedBy: "data:image/jpeg;base64,").count == 4)
    #expect(html.contains("missed: hat#2 on person#0"))
    let order = ["img3", "img1", "img2"].map {
      html.range(of: "id=\"sample-\($0)\"")?.lowerBound.utf16Offset(in: html) ?? -1
    }
    #expect(order[0] >= 0 && order[0] < order[1] && order[1] < order[2])
    let check = Process()
    check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    check.arguments = [
      "python3", CLIRunner.packageRoot.appendingPathComponent("Tests/Reference/check_html.py").path,
      page,
    ]
    let pipe = Pipe()
    check.standardOutput = pipe
    try check.run()
    let verdict = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    check.waitUntilExit()
    #expect(check.terminationStatus == 0, "\(verdict)")
    #expect(verdict.hasSuffix(" 3\n"))
  }
}
