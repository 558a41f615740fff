import Foundation
import SGGCore
import SGGReports

/// The Python chat-completions test server (Support/fake_vlm_server.py) on 127.0.0.1, started
/// on a free port and stopped by pid.
final class FakeServer: @unchecked Sendable {
  // @unchecked: the fields are set once in init.
  let process: Process
  let port: Int
  var url: String { "http://127.0.0.1:\(port)" }

  static var script: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
      "Support/fake_vlm_server.py"
    ).path
  }

  init(gt: URL, arguments: [String] = []) throws {
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", Self.script, "--gt", gt.path] + arguments
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.standardError
    try process.run()
    // The first line is "PORT <n>".
    var buffer = Data()
    let handle = out.fileHandleForReading
    while !buffer.contains(UInt8(ascii: "\n")) {
      let chunk = handle.availableData
      if chunk.isEmpty { break }
      buffer.append(chunk)
    }
    let line = String(decoding: buffer, as: UTF8.self)
    guard line.hasPrefix("PORT "),
      let p = Int(line.dropFirst(5).trimmingCharacters(in: .whitespacesAndNewlines))
    else {
      kill(process.processIdentifier, SIGKILL)
      throw CocoaError(.fileReadCorruptFile)
    }
    port = p
  }

  func stop() {
    if process.isRunning {
      // SIGKILL: a child spawned from a test thread inherits its blocked-signal mask, so the
      // server may never see a SIGTERM.
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  deinit { stop() }

  /// The request log: one dictionary per request received.
  func requests() throws -> [[String: Any]] {
    // Through curl: Foundation's synchronous remote `Data(contentsOf:)` misbehaves inside the
    // test runner's concurrency pool on Linux.
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["curl", "-s", "--max-time", "10", url + "/stats"]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let root = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return root?["requests"] as? [[String: Any]] ?? []
  }
}

/// A temporary directory with a ground-truth JSONL and one JPEG per sample.
struct RunFixture {
  let dir: URL
  var gt: URL { dir.appendingPathComponent("gt.jsonl") }
  var images: URL { dir.appendingPathComponent("images") }
  var output: URL { dir.appendingPathComponent("preds.jsonl") }
  var db: URL { dir.appendingPathComponent("store.sqlite") }

  static var packageRoot: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }

  /// The first `count` samples of Fixtures/score/gt.jsonl (or `lines` as given), with solid
  /// JPEGs of each sample's size made by the JPEGShim encoder (`png` ids get PNG-less JPEGs too).
  init(count: Int = 4, lines: [String]? = nil) throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "sgg-runner-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: dir.appendingPathComponent("images"), withIntermediateDirectories: true)
    let source = Self.packageRoot.appendingPathComponent("Fixtures/score/gt.jsonl")
    let chosen =
      try lines
      ?? Array(
        String(contentsOf: source, encoding: .utf8).split(separator: "\n").prefix(count).map(
          String.init))
    try (chosen.joined(separator: "\n") + "\n").write(to: gt, atomically: true, encoding: .utf8)
    for line in chosen {
      let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
      guard let id = object?["id"] as? String, let w = object?["width"] as? Int,
        let h = object?["height"] as? Int
      else { continue }
      var image = RGBImage(width: w, height: h, fill: RGBColor(40, 120, 200))
      image.fill(x0: 0, y0: 0, x1: w / 2, y1: h / 2, RGBColor(250, 250, 10))
      try JPEGCodec.encode(image, quality: 90).write(
        to: images.appendingPathComponent("\(id).jpg"))
    }
  }

  func remove() { try? FileManager.default.removeItem(at: dir) }

  /// Output lines as dictionaries.
  func outputLines() throws -> [[String: Any]] {
    try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
    }
  }
}

/// Runs python3 with `script` and returns stdout.
func python(_ script: String) throws -> String {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = ["python3", "-c", script]
  let out = Pipe()
  p.standardOutput = out
  try p.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}

/// The built `sgg-eval` binary.
var cliBinary: URL {
  var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  if dir.path.hasSuffix(".xctest") { dir.deleteLastPathComponent() }
  let candidate = dir.appendingPathComponent("sgg-eval")
  if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
  return RunFixture.packageRoot.appendingPathComponent(".build/debug/sgg-eval")
}
