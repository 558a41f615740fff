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
    .library(name: "SGGRunner", targets: ["SGGRunner"]),
    .library(name: "SGGVocabulary", targets: ["SGGVocabulary"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    .target(name: "SGGCore"),
    .target(name: "SGGFormats", dependencies: ["SGGCore"]),
    // Open-vocabulary mapping: R1-SGG's tables (embedded data files) and a WordNet 3.0 reader.
    .target(
      name: "SGGVocabulary", dependencies: ["SGGCore"],
      resources: [
        .embedInCode("Tables/obj2vg.json"), .embedInCode("Tables/rel2vg.json"),
        .embedInCode("Tables/pass2act.json"), .embedInCode("Tables/obj2psg.json"),
        .embedInCode("Tables/vg150_classes.json"), .embedInCode("Tables/psg_classes.json"),
      ]),
    .target(name: "SGGMetrics", dependencies: ["SGGCore", "SGGFormats", "SGGVocabulary"]),
    .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .target(name: "SGGDatasets", dependencies: ["SGGCore", "SGGFormats", "CZlib"]),
    .target(
      name: "SGGStore",
      dependencies: [
        "SGGCore", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "GRDBSQLite", package: "GRDB.swift"),
      ]),
    .systemLibrary(name: "CJPEG", pkgConfig: "libjpeg", providers: [.apt(["libjpeg-dev"])]),
    // libjpeg with setjmp/longjmp error handling (swift-notes §2).
    .target(name: "JPEGShim", dependencies: ["CJPEG"]),
    .target(
      name: "SGGReports",
      dependencies: [
        "SGGCore", "SGGFormats", "SGGMetrics", "SGGVocabulary", "SGGStore", "JPEGShim",
      ]),
    .target(name: "SGGJudge", dependencies: ["SGGCore", "SGGMetrics", "SGGStore"]),
    // The runner: prompts, images, requests to OpenAI-compatible servers, resume (docs/runner.md).
    .target(
      name: "SGGRunner",
      dependencies: [
        "SGGCore", "SGGFormats", "SGGStore", "SGGJudge", "SGGReports", "SGGDatasets", "JPEGShim",
      ]),
    .executableTarget(
      name: "sgg-eval",
      dependencies: [
        "SGGCore", "SGGFormats", "SGGMetrics", "SGGStore", "SGGReports", "SGGDatasets", "SGGJudge",
        "SGGRunner", "SGGVocabulary",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),
    // Hand-run speed check of the JSONL + parser hot path (see its main.swift).
    .executableTarget(
      name: "formats-speed-check", dependencies: ["SGGCore", "SGGFormats"],
      path: "Tools/FormatsSpeedCheck"),
    .testTarget(name: "SGGCoreTests", dependencies: ["SGGCore"]),
    .testTarget(
      name: "SGGVocabularyTests", dependencies: ["SGGVocabulary", "SGGCore", "SGGTestSupport"]),
    // Shared by test targets: runs reference Python (numpy, scipy, pycocotools) from a test.
    .target(name: "SGGTestSupport", path: "Tests/SGGTestSupport"),
    .testTarget(
      name: "SGGMetricsTests", dependencies: ["SGGCore", "SGGMetrics", "SGGTestSupport"]),
    .testTarget(
      name: "CLITests",
      dependencies: [
        "sgg-eval", "SGGStore", "SGGReports", .product(name: "GRDB", package: "GRDB.swift"),
      ]),
    .testTarget(
      name: "SGGStoreTests",
      dependencies: ["SGGStore", "SGGCore", .product(name: "GRDB", package: "GRDB.swift")]),
    .testTarget(
      name: "SGGDatasetsTests",
      dependencies: ["SGGDatasets", "SGGCore", "SGGFormats", "SGGTestSupport"]),
    .testTarget(name: "SGGFormatsTests", dependencies: ["SGGCore", "SGGFormats"]),
    .testTarget(
      name: "SGGReportsTests",
      dependencies: ["SGGReports", "SGGStore", "SGGMetrics", "SGGCore", "SGGFormats"]),
    .testTarget(name: "SGGVideoTests", dependencies: ["SGGCore", "SGGFormats", "SGGMetrics"]),
    .testTarget(
      name: "SGGJudgeTests",
      dependencies: ["SGGJudge", "SGGCore", "SGGMetrics", "SGGStore", "SGGTestSupport"],
      exclude: ["Support"]),
    .testTarget(
      name: "SGGRunnerTests",
      dependencies: [
        "SGGRunner", "SGGCore", "SGGFormats", "SGGMetrics", "SGGStore", "SGGJudge", "SGGReports",
        "sgg-eval",
      ],
      exclude: ["Support"]),
  ]
)
