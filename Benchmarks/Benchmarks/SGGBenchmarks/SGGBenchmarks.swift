import Benchmark
import Foundation
import SGGCore
import SGGDatasets
import SGGMetrics

let benchmarks: @Sendable () -> Void = {
  Benchmark.defaultConfiguration = .init(
    metrics: [.wallClock, .throughput, .peakMemoryResident], maxDuration: .seconds(5),
    maxIterations: 1_000)

  // 100×100 assignment, the size scipy's solver is compared at (docs/benchmarks.md).
  let matrices: [[Double]] = {
    var g = SystemRandomNumberGenerator()
    return (0..<16).map { _ in (0..<10_000).map { _ in Double.random(in: 0..<1, using: &g) } }
  }()
  Benchmark("linear_sum_assignment 100x100", configuration: .init(scalingFactor: .one)) {
    benchmark in
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
