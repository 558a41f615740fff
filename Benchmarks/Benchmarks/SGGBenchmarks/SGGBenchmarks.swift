import Benchmark
import Foundation
import SGGCore
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
  Benchmark("linear_sum_assignment 100x100", configuration: .init(scalingFactor: .one)) { benchmark in
    for i in benchmark.scaledIterations {
      blackHole(try? LinearSumAssignment.solve(matrices[i % matrices.count], rows: 100, columns: 100))
    }
  }
}
