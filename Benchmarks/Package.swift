// swift-tools-version: 6.1
// Benchmarks live in their own package so `swift test` in the root never builds
// ordo-one/benchmark. Run them with `make bench` from the root (or `swift package benchmark`).
import PackageDescription

let package = Package(
  name: "sgg-eval-benchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "sgg-eval", path: ".."),
    .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "SGGBenchmarks",
      dependencies: [
        .product(name: "Benchmark", package: "benchmark"),
        .product(name: "SGGCore", package: "sgg-eval"),
        .product(name: "SGGFormats", package: "sgg-eval"),
        .product(name: "SGGMetrics", package: "sgg-eval"),
        .product(name: "SGGDatasets", package: "sgg-eval"),
      ],
      path: "Benchmarks/SGGBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
  ]
)
