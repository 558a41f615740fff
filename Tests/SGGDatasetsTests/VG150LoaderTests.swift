import Foundation
import SGGCore
import Testing

@testable import SGGDatasets

@Suite struct VG150LoaderTests {
  let root = Fixture.dir("vg150")

  func load(_ split: DatasetSplit, _ configure: (inout VG150Options) -> Void = { _ in }) throws
    -> LoadedDataset
  {
    var o = DatasetOptions()
    configure(&o.vg150)
    return try DatasetLoader.load(kind: .vg150, root: root, split: split, options: o)
  }

  @Test func testSplitMatchesSGBReimplementation() throws {
    let got = try load(.test)
    #expect(got.samples == Fixture.samples(try Fixture.expected("vg150")["test"]))
    #expect(got.vocabulary.objects.count == 150)
    #expect(got.vocabulary.predicates.count == 50)
    #expect(got.vocabulary.objects.first == "airplane")
    #expect(got.vocabulary.predicates[47...48] == ["wearing", "wears"])
    // Split 2 rows: 2343728, 2417985, 60 (no relations), 61 (no boxes).
    let s = got.statistics
    #expect(s.candidates == 4)
    #expect(s.samples == 2)
    #expect(s.droppedCount("corrupted image ids") == 4)
    #expect(s.droppedCount("images without boxes") == 1)
    #expect(s.droppedCount("images without relations") == 1)
    #expect(s.objects == 5)
    #expect(s.relations == 5)
  }

  @Test func decodeQuirksWorkedByHand() throws {
    let test = try load(.test).samples
    // 2343728 (1024×768): car at VG (1, 1, 1024, 768) → x = y = 0, w = 1024 (x + w ≥ 1024 →
    // w = 1024 − 0), h = 768 → cx 512, cy 384 → x1 = trunc(512 − 512) = 0, x2 = 1024, y2 = 768;
    // × 1024/1024 = same; clip to [0, 1023] × [0, 767].
    #expect(test[0].graph.objects[0].box == Box(x1: 0, y1: 0, x2: 1023, y2: 767))
    // Exact duplicate triplet (car parked on street twice) is kept on test.
    #expect(test[0].graph.relations.filter { $0.predicate == "parked on" }.count == 2)
    // 2417985 (333×500, portrait): woman (30, 40, 200, 450), scale 1024/500 = 2.048:
    // x = floor(2.048·29) = 59, y = floor(2.048·39) = 79, w = ceil(409.6) = 410,
    // h = ceil(921.6) = 922 → cx = 59 + 205 = 264, cy = 79 + 461 = 540 → x1 = 59, y1 = 79,
    // x2 = 469, y2 = 1001 → × 500/1024: 28.80859375, 38.57421875, 229.00390625, 488.76953125.
    #expect(
      test[1].graph.objects[0].box
        == Box(x1: 28.80859375, y1: 38.57421875, x2: 229.00390625, y2: 488.76953125))
    // 51 (1024×768) is a train image: dog (11, 21, 101, 50) → cx 60, cy 45, w 101, h 50 →
    // x1 = trunc(60 − 50.5) = 9 (= x − 1: the odd-width quirk), y1 = 20, x2 = 110, y2 = 70.
    let val = try load(.val) { $0.validationImages = 2 }.samples
    #expect(val[1].id == "51")
    #expect(val[1].graph.objects[0].box == Box(x1: 9, y1: 20, x2: 110, y2: 70))
  }

  @Test func valIsTheFirstTrainImagesInH5Order() throws {
    let e = try Fixture.expected("vg150")
    let v2 = try load(.val) { $0.validationImages = 2 }
    #expect(v2.samples == Fixture.samples(e["val_2"]))
    #expect(v2.samples.map(\.id) == ["1", "51"])
    // Default hold-out is 5,000: all four eligible train images are val, train is empty.
    #expect(try load(.val).samples == Fixture.samples(e["val_default"]))
    #expect(try load(.train).samples.isEmpty)
    // Val is not a train split: its duplicate triplets stay (image 1 has "wearing" twice).
    #expect(v2.samples[0].graph.relations.filter { $0.predicate == "wearing" }.count == 2)
  }

  @Test func trainFilters() throws {
    let e = try Fixture.expected("vg150")
    let plain = try load(.train) {
      $0.validationImages = 2
      $0.filterDuplicateRelations = false
    }
    #expect(plain.samples == Fixture.samples(e["train_2"]))
    let nonOverlap = try load(.train) {
      $0.validationImages = 2
      $0.filterDuplicateRelations = false
      $0.filterNonOverlap = true
    }
    #expect(nonOverlap.samples == Fixture.samples(e["train_2_nonoverlap"]))
    // Image 62 has only a bike–tree relation with disjoint boxes → dropped; image 52 loses
    // girl–kite and hand–kite.
    #expect(nonOverlap.statistics.droppedCount("images left without overlapping") == 1)
    #expect(nonOverlap.statistics.droppedCount("relations between non-overlapping") == 3)
    // Default duplicate filter: image 52's pair (girl, hand) has "holding" and "has"; one kept.
    let dedup = try load(.train) { $0.validationImages = 2 }
    let girl = dedup.samples[0].graph.relations.filter { $0.subject == 0 && $0.object == 2 }
    #expect(girl.count == 1)
    #expect(["holding", "has"].contains(girl.first?.predicate ?? ""))
    #expect(dedup.statistics.droppedCount("extra predicates per pair") == 1)
    #expect(dedup.statistics.relations == plain.statistics.relations - 1)
  }

  @Test func rawAnd512Decodes() throws {
    let e = try Fixture.expected("vg150")
    let raw = try load(.test) {
      $0.clipToImage = false
      $0.float32Boxes = false
    }
    #expect(raw.samples == Fixture.samples(e["test_raw"]))
    #expect(raw.samples[0].graph.objects[0].box == Box(x1: 0, y1: 0, x2: 1024, y2: 768))
    #expect(try load(.test) { $0.boxScale = 512 }.samples == Fixture.samples(e["test_512"]))
  }

  @Test func xuFileWithoutAttributesAndIndexOnlyDicts() throws {
    let xu = try DatasetLoader.load(kind: .vg150, root: Fixture.dir("vg150_xu"), split: .test)
    #expect(xu.samples == (try load(.test)).samples)
  }

  @Test func misalignedImageDataIsExplained() throws {
    let dir = try Fixture.scratchCopy("vg150")
    defer { try? FileManager.default.removeItem(at: dir) }
    let u = dir.appendingPathComponent("image_data.json")
    var list = try JSONSerialization.jsonObject(with: Data(contentsOf: u)) as? [Any] ?? []
    list.removeLast()
    try JSONSerialization.data(withJSONObject: list).write(to: u)
    let e = datasetError { _ = try DatasetLoader.load(kind: .vg150, root: dir, split: .test) }
    #expect(e?.description.contains("image_data.json") == true)
    #expect(e?.description.contains("9 images after dropping ids 1592, 1722, 4616, 4617") == true)
    #expect(e?.description.contains("10 image rows") == true)
  }

  @Test func truncatedH5AndMissingFilesAreNamed() throws {
    let dir = try Fixture.scratchCopy("vg150")
    defer { try? FileManager.default.removeItem(at: dir) }
    let h5 = dir.appendingPathComponent("VG-SGG-with-attri.h5")
    let bytes = try Data(contentsOf: h5)
    try bytes.prefix(bytes.count - 100).write(to: h5)
    let e = datasetError { _ = try DatasetLoader.load(kind: .vg150, root: dir, split: .test) }
    #expect(e?.description.hasPrefix(h5.path) == true)
    try FileManager.default.removeItem(at: h5)
    guard
      case .missingFile(_, let expected)? = datasetError({
        _ = try DatasetLoader.load(kind: .vg150, root: dir, split: .test)
      })
    else {
      Issue.record("expected missingFile")
      return
    }
    #expect(expected.contains("VG-SGG-with-attri.h5, VG-SGG.h5"))
  }

  @Test func reportListsEveryFilter() throws {
    let r = try load(.test).statistics.report
    #expect(r.contains("samples:    2"))
    #expect(r.contains("1 images: images without relations (filter_empty_rels)"))
  }
}
