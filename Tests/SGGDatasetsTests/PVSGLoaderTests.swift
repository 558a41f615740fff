import Foundation
import SGGCore
import Testing

@testable import SGGDatasets

@Suite struct PVSGLoaderTests {
  let root = Fixture.dir("pvsg")

  func load(_ split: DatasetSplit, _ configure: (inout PVSGOptions) -> Void = { _ in }) throws
    -> LoadedDataset
  {
    var o = DatasetOptions()
    configure(&o.pvsg)
    return try DatasetLoader.load(kind: .pvsg, root: root, split: split, options: o)
  }

  @Test func valFramesMatchReimplementation() throws {
    let got = try load(.val)
    #expect(got.samples == Fixture.samples(try Fixture.expected("pvsg")["val"]))
    // Frames 0–3 of 0001_4164158586 have relations; 4 (wall only) and 5 (empty) do not.
    #expect(got.samples.map(\.id) == (0...3).map { "0001_4164158586_000\($0)" })
    #expect(got.samples.allSatisfy { $0.video == "0001_4164158586" })
    #expect(got.samples.map(\.frame) == [0, 1, 2, 3])
    #expect(
      got.vocabulary.objects == [
        "adult", "cake", "child", "knife", "table", "floor", "ground", "wall",
      ])
    let s = got.statistics
    #expect(s.candidates == 6)
    #expect(s.droppedCount("videos without a mask directory") == 1)
    #expect(s.droppedCount("frames without an annotated object") == 1)
    #expect(s.droppedCount("frames without an active relation") == 1)
    #expect(s.videos == 1)
  }

  @Test func frameZeroByHand() throws {
    let f0 = try load(.val).samples[0]
    // Present ids 1 wall, 2 adult, 3 cake, 4 table (9 is undeclared, 5 never drawn) →
    // renumbered 0…3 in id order.
    #expect(f0.graph.objects.map(\.label) == ["wall", "adult", "cake", "table"])
    // Cake at frame 0: rect x 12..<16, y 6..<9 → inclusive [12, 6, 15, 8].
    #expect(f0.graph.objects[2].box == Box(x1: 12, y1: 6, x2: 15, y2: 8))
    // Active at t = 0: looking at [0,2], on [0,5], beside (no spans = always); holding has an
    // absent subject; cake-on-cake is a self relation.
    #expect(
      f0.graph.relations == [
        Relation(subject: 1, predicate: "looking at", object: 2),
        Relation(subject: 2, predicate: "on", object: 3),
        Relation(subject: 1, predicate: "beside", object: 3),
      ])
    // t = 1: the duplicate "looking at" span [1, 1] adds nothing; t = 3: the adult is absent.
    let frames = try load(.val).samples
    #expect(frames[1].graph.relations.count == 3)
    #expect(frames[3].graph.relations == [Relation(subject: 1, predicate: "on", object: 2)])
    #expect(f0.width == 21 && f0.height == 15)
  }

  @Test func keepingEmptyFramesAndTestAlias() throws {
    let e = try Fixture.expected("pvsg")
    let keep = try load(.val) { $0.dropFramesWithoutRelations = false }
    #expect(keep.samples == Fixture.samples(e["val_keep_empty"]))
    #expect(keep.samples.last?.graph.relations.isEmpty == true)
    // PVSG evaluates on val; test is the same split.
    #expect(try load(.test).samples == (try load(.val)).samples)
  }

  @Test func flatLayoutAndSubBytePalettes() throws {
    let train = try load(.train)
    #expect(train.samples == Fixture.samples(try Fixture.expected("pvsg")["train"]))
    #expect(train.samples.map(\.id) == ["P01_01_0000", "P01_01_0001", "P01_01_0002"])
  }

  @Test func thinnedFrameList() throws {
    let got = try load(.val) { $0.frameList = root.appendingPathComponent("frames_thinned.txt") }
    #expect(got.samples.map(\.id) == ["0001_4164158586_0000", "0001_4164158586_0002"])
    #expect(got.statistics.droppedCount("frames not in the frame list") == 4)
  }

  @Test func corruptMaskNamesTheFile() throws {
    let dir = try Fixture.scratchCopy("pvsg")
    defer { try? FileManager.default.removeItem(at: dir) }
    let mask = dir.appendingPathComponent("vidor/masks/0001_4164158586/0002.png")
    let bytes = try Data(contentsOf: mask)
    try bytes.prefix(bytes.count / 2).write(to: mask)
    let e = datasetError { _ = try DatasetLoader.load(kind: .pvsg, root: dir, split: .val) }
    #expect(e?.description.hasPrefix(mask.path + ": PNG:") == true, "\(String(describing: e))")
  }

  @Test func noMasksAtAllIsAMissingFile() throws {
    let dir = try Fixture.scratchCopy("pvsg")
    defer { try? FileManager.default.removeItem(at: dir) }
    try FileManager.default.removeItem(at: dir.appendingPathComponent("vidor"))
    guard
      case .missingFile? = datasetError({
        _ = try DatasetLoader.load(kind: .pvsg, root: dir, split: .val)
      })
    else {
      Issue.record("expected missingFile")
      return
    }
  }

  /// A scratch PVSG root with `copies` more val videos, each a copy of 0001_4164158586 (same
  /// objects, relations and masks) under the id `copyN`, appended to `data` and `split`.
  func rootWithCopies(_ copies: Int) throws -> URL {
    let dir = try Fixture.scratchCopy("pvsg")
    let u = dir.appendingPathComponent("pvsg.json")
    var top = try JSONSerialization.jsonObject(with: Data(contentsOf: u)) as? [String: Any] ?? [:]
    var data = top["data"] as? [[String: Any]] ?? []
    var split = top["split"] as? [String: [String: [String]]] ?? [:]
    let base = try #require(data.first { $0["video_id"] as? String == "0001_4164158586" })
    for n in 1...copies {
      var v = base
      v["video_id"] = "copy\(n)"
      data.append(v)
      split["vidor", default: [:]]["val", default: []].append("copy\(n)")
      try FileManager.default.copyItem(
        at: dir.appendingPathComponent("vidor/masks/0001_4164158586"),
        to: dir.appendingPathComponent("vidor/masks/copy\(n)"))
    }
    top["data"] = data
    top["split"] = split
    try JSONSerialization.data(withJSONObject: top).write(to: u)
    return dir
  }

  @Test func parallelDecodingKeepsVideoOrderAndReportsEveryMask() throws {
    let dir = try rootWithCopies(7)
    defer { try? FileManager.default.removeItem(at: dir) }
    let updates = ProgressLog()
    let got = try DatasetLoader.load(
      kind: .pvsg, root: dir, split: .val, progress: { updates.append($0) })
    // Expected: the 4 val frames of the original, then the same 4 graphs for copy1 … copy7,
    // in data order, whatever order the threads finished in.
    let original = Fixture.samples(try Fixture.expected("pvsg")["val"])
    var expected = original
    for n in 1...7 {
      expected += original.map { s in
        var c = s
        c.id = "copy\(n)_" + String(s.id.suffix(4))
        c.video = "copy\(n)"
        return c
      }
    }
    #expect(got.samples == expected)
    // 8 videos × 6 mask files = 48 masks decoded; one call per mask, `done` counting up.
    let log = updates.items
    #expect(log.map(\.done) == Array(1...48))
    #expect(log.allSatisfy { $0.total == 48 && $0.stage == "PVSG masks decoded" })
    #expect(got.statistics.candidates == 48)
    #expect(got.statistics.videos == 8)
  }

  @Test func firstBrokenVideoInDataOrderIsReported() throws {
    let dir = try rootWithCopies(5)
    defer { try? FileManager.default.removeItem(at: dir) }
    // Break copy2 and copy4: the error must name copy2 (data order), not whichever thread
    // failed first.
    for n in [4, 2] {
      try Data("not a png".utf8).write(
        to: dir.appendingPathComponent("vidor/masks/copy\(n)/0003.png"))
    }
    let e = datasetError { _ = try DatasetLoader.load(kind: .pvsg, root: dir, split: .val) }
    #expect(
      e?.description.hasPrefix(dir.appendingPathComponent("vidor/masks/copy2/0003.png").path)
        == true, "\(String(describing: e))")
  }
}

/// Collects progress updates from the loader's threads.
final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var log: [DatasetProgress] = []
  func append(_ p: DatasetProgress) {
    lock.lock()
    log.append(p)
    lock.unlock()
  }
  var items: [DatasetProgress] {
    lock.lock()
    defer { lock.unlock() }
    return log
  }
}
