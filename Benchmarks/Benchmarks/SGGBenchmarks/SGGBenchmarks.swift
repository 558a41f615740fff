import Benchmark
import Foundation
import SGGCore
import SGGFormats
import SGGDatasets
import SGGMetrics

/// The benchmark split: `make bench-data` writes it with Tests/Reference/make_split.py
/// (`--size large`: 25,000 samples). `SGG_BENCH_DIR` overrides the location.
private let splitDirectory: URL = {
  if let dir = ProcessInfo.processInfo.environment["SGG_BENCH_DIR"] { return URL(fileURLWithPath: dir) }
  return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    .appendingPathComponent("../.build/bench-data/large").standardizedFileURL
}()

private func splitBytes(_ name: String) -> [UInt8]? {
  guard let data = FileManager.default.contents(atPath: splitDirectory.appendingPathComponent(name).path) else {
    print("benchmark split missing at \(splitDirectory.path): run `make bench-data` first")
    return nil
  }
  return [UInt8](data)
}

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .peakMemoryResident], maxDuration: .seconds(10), maxIterations: 20)

  let predictionBytes = splitBytes("preds.jsonl")
  let groundTruthBytes = splitBytes("gt.jsonl")
  let vocabulary = try? VocabularyReader.read(contentsOf: splitDirectory.appendingPathComponent("vocab.json"))

  if let predictionBytes, let groundTruthBytes {
    let megabytes = Double(predictionBytes.count + groundTruthBytes.count) / 1e6
    // End to end minus the file system: read both JSONL files, parse every response, score
    // every strict metric (P/R/F1, R@K, mR@K, ngR@K, AP50).
    for preset in ["default", "r1sgg"] {
      Benchmark("score 25k split, \(preset) (\(Int(megabytes)) MB)") { benchmark in
        for _ in benchmark.scaledIterations {
          let gt = GroundTruthReader.read(bytes: groundTruthBytes, fileName: "gt.jsonl")
          let preds = PredictionsReader.read(bytes: predictionBytes, fileName: "preds.jsonl")
          let options = ScoringProtocol.presets[preset] ?? .default
          blackHole(Scorer(options: options, vocabulary: vocabulary).score(predictions: preds, groundTruth: gt))
        }
      }
    }
    Benchmark("read predictions JSONL (\(predictionBytes.count / 1_000_000) MB)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(PredictionsReader.read(bytes: predictionBytes, fileName: "preds.jsonl"))
      }
    }
    Benchmark("read ground-truth JSONL (\(groundTruthBytes.count / 1_000_000) MB)") { benchmark in
      for _ in benchmark.scaledIterations {
        blackHole(GroundTruthReader.read(bytes: groundTruthBytes, fileName: "gt.jsonl"))
      }
    }
    let responses = PredictionsReader.read(bytes: predictionBytes, fileName: "preds.jsonl").records.compactMap(
      \.response)
    let responseMB = responses.reduce(0) { $0 + $1.utf8.count } / 1_000_000
    Benchmark("parse responses, default parser (\(responseMB) MB)") { benchmark in
      let parser = DefaultParser()
      for _ in benchmark.scaledIterations {
        for text in responses { blackHole(parser.parse(text)) }
      }
    }
    Benchmark("parse responses, R1-SGG parser (\(responseMB) MB)") { benchmark in
      let parser = R1SGGParser()
      for _ in benchmark.scaledIterations {
        for text in responses { blackHole(parser.parse(text)) }
      }
    }
  }

  // Action Genome test split sized like STTran's (~57,000 frames, 1,750 videos), generated in
  // memory: read the predictions JSONL, parse every rel_pairs answer, join, score with-
  // constraint R/P/F1@K, mR both ways, video aggregation and temporal consistency.
  let agSplit = ActionGenomeSplit()
  Benchmark(
    "AG test split (\(agSplit.groundTruth.count) frames), scenegraphvlm-ag with",
    configuration: .init(
      metrics: [.wallClock, .peakMemoryResident], scalingFactor: .one, maxDuration: .seconds(20),
      maxIterations: 5)
  ) { benchmark in
    for _ in benchmark.scaledIterations {
      let preds = VideoPredictionsReader.read(bytes: agSplit.predictionsJSONL, fileName: "ag.jsonl")
      let inputs = AGInputs.build(
        predictions: preds, groundTruth: agSplit.groundTruth, options: .scenegraphvlmAG)
      blackHole(AGEvaluator.evaluate(inputs.frames, options: .scenegraphvlmAG))
    }
  }

  // 100×100 assignment, the size scipy's solver is compared at (docs/benchmarks.md).
  let matrices: [[Double]] = {
    var g = SystemRandomNumberGenerator()
    return (0..<16).map { _ in (0..<10_000).map { _ in Double.random(in: 0..<1, using: &g) } }
  }()
  Benchmark(
    "linear_sum_assignment 100x100",
    configuration: .init(metrics: [.wallClock], maxDuration: .seconds(3), maxIterations: 10_000)
  ) { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(
        try? LinearSumAssignment.solve(matrices[i % matrices.count], rows: 100, columns: 100))
    }
  }

  // Full-size VG150 (108,073 rows, 1,145,398 boxes, 622,705 relations, ~150 MB h5 + 17 MB
  // image_data.json), written by Fixtures/datasets/make_vg150_full.py; too big to commit, so
  // the benchmark runs only when SGG_VG150_FULL names that directory.
  if let dir = ProcessInfo.processInfo.environment["SGG_VG150_FULL"] {
    let root = URL(fileURLWithPath: dir, isDirectory: true)
    Benchmark(
      "vg150 load test split",
      configuration: .init(
        metrics: [.wallClock, .peakMemoryResident], scalingFactor: .one,
        maxDuration: .seconds(30), maxIterations: 10)
    ) { benchmark in
      for _ in benchmark.scaledIterations {
        do {
          blackHole(try DatasetLoader.load(kind: .vg150, root: root, split: .test))
        } catch {
          benchmark.error("vg150 load failed: \(error)")
        }
      }
    }
  } else {
    print(
      "skipping 'vg150 load test split': set SGG_VG150_FULL to a directory written by "
        + "Fixtures/datasets/make_vg150_full.py")
  }
}
