// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "sgg-eval",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "sgg-eval", targets: ["sgg-eval"]),
    .library(name: "SGGCore", targets: ["SGGCore"]),
    .library(name: "SGGFormats", targets: ["SGGFormats"]),
    .library(name: "SGGMetrics", targets: ["SGGMetrics"]),
    .library(name: "SGGStore", targets: ["SGGStore"]),
    .library(name: "SGGReports", targets: ["SGGReports"]),
    .library(name: "SGGDatasets", targets: ["SGGDatasets"]),
    .library(name: "SGGJudge", targets: ["SGGJudge"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    .target(name: "SGGCore"),
    .target(name: "SGGFormats", dependencies: ["SGGCore"]),
    .target(name: "SGGMetrics", dependencies: ["SGGCore", "SGGFormats"]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "SGGDatasets", dependencies: ["SGGCore", "CZlib"]),
    .target(
      name: "SGGStore",
      dependencies: [
        "SGGCore", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]),
    .target(name: "SGGJudge", dependencies: ["SGGCore", "SGGMetrics", "SGGStore"]),
    .target(name: "SGGReports", dependencies: ["SGGCore", "SGGFormats", "SGGMetrics", "SGGStore"]),
    .executableTarget(
      name: "sgg-eval",
      dependencies: [
        "SGGCore", "SGGFormats", "SGGMetrics", "SGGStore", "SGGReports",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    .testTarget(name: "SGGCoreTests", dependencies: ["SGGCore"]),
    .testTarget(name: "SGGMetricsTests", dependencies: ["SGGCore", "SGGMetrics"]),
    .testTarget(name: "CLITests", dependencies: ["sgg-eval", "SGGStore"]),
    .testTarget(
      name: "SGGStoreTests",
      dependencies: ["SGGStore", "SGGCore", .product(name: "GRDB", package: "GRDB.swift")]),
    .testTarget(name: "SGGDatasetsTests", dependencies: ["SGGDatasets", "SGGCore"]),
    .testTarget(
      name: "SGGJudgeTests",
      dependencies: ["SGGJudge", "SGGCore", "SGGMetrics", "SGGStore"],
      exclude: ["Support"]),
  ]
)
