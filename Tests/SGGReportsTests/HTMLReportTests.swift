import Foundation
import SGGCore
import SGGMetrics
import SGGStore
import Testing

@testable import SGGReports

/// The HTML pages: well-formed and self-contained (Tests/Reference/check_html.py, built on
/// Python's html.parser), and rendered by headless Chromium when it is installed.
@Suite struct HTMLReportTests {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// Runs the checker on `html`; returns its output line ("ok …" or the problems).
  static func check(_ html: String) throws -> (ok: Bool, output: String) {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sgg-html-\(UUID().uuidString).html")
    try Data(html.utf8).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", root.appendingPathComponent("Tests/Reference/check_html.py").path, file.path,
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let out = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus == 0, String(decoding: out, as: UTF8.self))
  }

  func leaderboardPage() throws -> String {
    let store = try ResultsStore.inMemory()
    let a = try StoreFixture.addRun(
      store, name: "model <A> & co", recalls: [0.25], metrics: ["R@50": 0.25],
      usage: #"{"mean_s":0.8}"#)
    let b = try StoreFixture.addRun(
      store, name: "model B", recalls: [0.5], metrics: ["R@50": 0.5], usage: #"{"mean_s":1.6}"#)
    for (id, hits) in [(a, 1), (b, 2)] {
      try store.insertPredicateBreakdown(
        runID: id,
        [
          PredicateBreakdownRecord(
            predicate: "on", gtCount: 4, hitsAt20: hits, hitsAt50: hits, hitsAt100: hits,
            predCount: 5),
          PredicateBreakdownRecord(
            predicate: "riding", gtCount: 2, hitsAt20: 1, hitsAt50: 1, hitsAt100: 2, predCount: 2),
        ])
    }
    let board = try Leaderboard.build(
      store: store, query: LeaderboardQuery(groundTruthSHA256: StoreFixture.gtSHA))
    return board.html(breakdowns: [
      a: try store.predicateBreakdown(runID: a), b: try store.predicateBreakdown(runID: b),
    ])
  }

  @Test func leaderboardPageIsValidAndSelfContained() throws {
    let html = try leaderboardPage()
    let result = try Self.check(html)
    #expect(result.ok, "\(result.output)")
    #expect(html.contains("model &lt;A&gt; &amp; co"))
    #expect(html.contains("<svg"))
    // Scatter: two points; bars: per-predicate recall@50 of "on" 1/4 and 2/4 → 25.0 and 50.0.
    #expect(html.components(separatedBy: "<circle").count == 3)
    #expect(html.contains("on: 25.00 %"))
    #expect(html.contains("on: 50.00 %"))
  }

  @Test func checkerCatchesExternalResourcesAndBadNesting() throws {
    let bad = HTMLPage.document(
      title: "x", body: "<img src=\"https://example.org/a.png\"><div><span></div></span>")
    let result = try Self.check(bad)
    #expect(!result.ok)
    #expect(result.output.contains("reaches outside the page"))
    #expect(result.output.contains("closes <span>"))
    let script = try Self.check(HTMLPage.document(title: "x", body: "<script>1</script>"))
    #expect(!script.ok)
  }

  @Test func galleryEmbedsImagesAsDataURLs() throws {
    let details = SampleDetails(
      id: "img<1>", width: 40, height: 30, failure: nil, predictionLine: 1,
      groundTruthObjects: [
        .init(label: "person", box: Box(x1: 2, y1: 2, x2: 20, y2: 20), match: 0),
        .init(label: "horse", box: Box(x1: 10, y1: 10, x2: 38, y2: 28), match: nil),
      ],
      groundTruthRelations: [
        .init(subject: 0, predicate: "riding", object: 1, match: nil)
      ],
      predictedObjects: [.init(label: "person", box: Box(x1: 3, y1: 2, x2: 20, y2: 21), match: 0)],
      predictedRelations: [])
    let jpeg = try JPEGCodec.encode(details.annotate(RGBImage(width: 40, height: 30, fill: RGBColor(200, 200, 200))))
    let page = SampleGallery(
      title: "worst", items: [
        .init(details: details, score: SampleResultSummary(line: "sgg_score 0 %"), jpeg: jpeg, imageNote: nil)
      ]).html()
    let result = try Self.check(page)
    #expect(result.ok, "\(result.output)")
    #expect(result.output.hasSuffix("1\n"))  // one image
    #expect(page.contains("data:image/jpeg;base64,\(jpeg.base64EncodedString())"))
    #expect(page.contains("missed: person#0 riding horse#1"))
    #expect(page.contains("img&lt;1&gt;"))
  }

  /// Headless Chromium draws the page; the screenshot must be a PNG of the asked size that is
  /// not blank. Skips (passes with a note) when no chromium is installed.
  @Test func chromiumRendersTheLeaderboard() throws {
    let candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    guard let browser = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
    else {
      print("chromiumRendersTheLeaderboard: skipped, no chromium installed")
      return
    }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sgg-shot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let page = dir.appendingPathComponent("board.html")
    let shot = dir.appendingPathComponent("board.png")
    try Data(try leaderboardPage().utf8).write(to: page)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: browser)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
      "--user-data-dir=\(dir.appendingPathComponent("profile").path)",
      "--window-size=1200,900", "--screenshot=\(shot.path)", page.absoluteString,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let png = try Data(contentsOf: shot)
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    // IHDR width and height (big-endian at bytes 16–23).
    let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
    let height = png[20..<24].reduce(0) { $0 << 8 | Int($1) }
    #expect(width == 1200 && height == 900)
    // A blank white page compresses to a few kB; text, a table and charts do not.
    #expect(png.count > 20_000)
  }
}
