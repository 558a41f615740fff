import Foundation
import SGGCore
import SGGStore

/// A fresh directory under the system temporary directory, removed by the caller's `defer`.
func makeTemporaryDirectory() throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("sgg-store-tests-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// A whole-second date, which the store's millisecond text form keeps exactly.
func date(_ secondsSince1970: Int) -> Date {
  Date(timeIntervalSince1970: TimeInterval(secondsSince1970))
}

/// A `score` run reading files, with every optional field set.
func sampleScoreRun(
  name: String? = "qwen-7b sft", tags: [String] = ["ablation", "sft"], dataset: String? = "vg150",
  split: String? = "test", protocolName: String = "r1sgg"
) -> RunRecord {
  RunRecord(
    createdAt: date(1_740_000_000), name: name, tags: tags, command: .score,
    protocolName: protocolName, protocolOptionsJSON: #"{"iou":"plain","k":[20,50,100]}"#,
    predictions: FileReference(path: "preds.jsonl", sha256: String(repeating: "a", count: 64)),
    groundTruth: .file(FileReference(path: "gt.jsonl", sha256: String(repeating: "b", count: 64))),
    vocab: FileReference(path: "vocab.json", sha256: String(repeating: "c", count: 64)),
    dataset: dataset, split: split, sampleCount: 3, skippedLineCount: 1, toolVersion: "0.1.0")
}

/// Runs `python3 -c script` and returns its standard output.
func runPython(_ script: String, arguments: [String] = []) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", script] + arguments
  let out = Pipe()
  process.standardOutput = out
  try process.run()
  let data = out.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw PythonFailed(status: process.terminationStatus)
  }
  return String(decoding: data, as: UTF8.self)
}

struct PythonFailed: Error {
  var status: Int32
}

/// Equality that treats two NaNs as equal (a NaN reads back as NaN but `nan != nan`).
func sameBits(_ a: Double, _ b: Double) -> Bool {
  a == b || (a.isNaN && b.isNaN)
}

func sameValues(_ a: SampleResultRecord, _ b: SampleResultRecord) -> Bool {
  let doubles: [KeyPath<SampleResultRecord, Double>] = [
    \.objP, \.objR, \.objF1, \.relP, \.relR, \.relF1, \.sggScore, \.recallAt20, \.recallAt50,
    \.recallAt100,
  ]
  let ints: [KeyPath<SampleResultRecord, Int>] = [
    \.objTP, \.objPred, \.objGT, \.relTP, \.relPred, \.relGT,
  ]
  return a.sampleID == b.sampleID && a.line == b.line && a.failure == b.failure
    && a.extraJSON == b.extraJSON && ints.allSatisfy { a[keyPath: $0] == b[keyPath: $0] }
    && doubles.allSatisfy { sameBits(a[keyPath: $0], b[keyPath: $0]) }
}
