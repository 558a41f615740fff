import Foundation
import Testing

@testable import SGGDatasets

/// Loads a full-size synthetic VG150 download written by Fixtures/datasets/make_vg150_full.py.
/// Runs only when `SGG_VG150_FULL` names that directory (the file is ~150 MB, not committed).
@Suite struct VG150FullSizeTests {
  static let dir = ProcessInfo.processInfo.environment["SGG_VG150_FULL"]

  @Test(.enabled(if: dir != nil)) func fullSizeCountsMatchTheGeneratorSummary() throws {
    let root = URL(fileURLWithPath: Self.dir ?? "")
    let summaryData = try Data(contentsOf: root.appendingPathComponent("summary.json"))
    let summary = try JSONDecoder().decode([String: Int].self, from: summaryData)
    let start = Date()
    let test = try DatasetLoader.load(kind: .vg150, root: root, split: .test)
    let seconds = Date().timeIntervalSince(start)
    print("VG150 full-size test split loaded in \(String(format: "%.3f", seconds)) s")
    #expect(test.statistics.samples == summary["test_images"])
    #expect(test.statistics.objects == summary["test_objects"])
    #expect(test.statistics.relations == summary["test_relations"])
    #expect(test.statistics.droppedCount("corrupted image ids") == 4)
    let val = try DatasetLoader.load(kind: .vg150, root: root, split: .val)
    #expect(val.statistics.samples == summary["val_images"])
  }
}
