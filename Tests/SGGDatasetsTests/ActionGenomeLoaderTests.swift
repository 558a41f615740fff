import Foundation
import SGGCore
import Testing

@testable import SGGDatasets

@Suite struct ActionGenomeLoaderTests {
  let root = Fixture.dir("ag")

  @Test func testSplitMatchesSTTran() throws {
    let got = try DatasetLoader.load(kind: .ag, root: root, split: .test)
    let e = try Fixture.expected("ag")
    #expect(got.samples == Fixture.samples(e["test"]))
    // 00607.mp4: 5 frames, one without a person box, one with only invisible objects → 3 kept;
    // 0A8CF.mp4 has 2 frames → dropped (STTran keeps len(video) > 2).
    #expect(
      got.samples.map(\.id) == [
        "00607.mp4/000016.png", "00607.mp4/000109.png", "00607.mp4/000140.png",
      ])
    let s = got.statistics
    #expect(s.candidates == 7)
    #expect(s.droppedCount("frames without a visible object") == 1)
    #expect(s.droppedCount("frames without a person box") == 1)
    #expect(s.droppedCount("videos with fewer than 3 frames") == 1)
    #expect(s.droppedCount("frames of those short videos") == 2)
    #expect(s.videos == 1)
  }

  @Test func frameGraphByHand() throws {
    let f = try DatasetLoader.load(kind: .ag, root: root, split: .test).samples[0]
    // bbox_size (270, 480) is (width, height): a portrait frame.
    #expect(f.width == 270 && f.height == 480)
    #expect(f.frame == 16)
    #expect(f.video == "00607.mp4")
    // Person = float32 row 0; table (208.2368, 229.0974, 61.7632, 104.2942) xywh →
    // x2 = 208.2368 + 61.7632, y2 = 229.0974 + 104.2942 (float64, no rounding).
    #expect(f.graph.objects.map(\.label) == ["person", "table", "sofa/couch"])
    #expect(f.graph.objects[0].box.x1 == Double(Float(140.7502)))
    #expect(
      f.graph.objects[1].box
        == Box(x1: 208.2368, y1: 229.0974, x2: 208.2368 + 61.7632, y2: 229.0974 + 104.2942))
    // Per object: attention (person → obj), spatial (obj → person), contacting (person → obj).
    #expect(
      f.graph.relations == [
        Relation(subject: 0, predicate: "looking_at", object: 1),
        Relation(subject: 1, predicate: "beneath", object: 0),
        Relation(subject: 0, predicate: "touching", object: 1),
        Relation(subject: 0, predicate: "not_looking_at", object: 2),
        Relation(subject: 2, predicate: "behind", object: 0),
        Relation(subject: 2, predicate: "above", object: 0),
        Relation(subject: 0, predicate: "sitting_on", object: 2),
      ])
  }

  @Test func trainSplitVocabularyAndGroups() throws {
    let got = try DatasetLoader.load(kind: .ag, root: root, split: .train)
    let e = try Fixture.expected("ag")
    #expect(got.samples == Fixture.samples(e["train"]))
    // 001YG (3 frames) + ZBULK (40 frames); 0BX9N has one frame.
    #expect(got.samples.count == 43)
    let vocab = try #require(e["vocabulary"] as? [String: [String]])
    #expect(got.vocabulary.objects == vocab["objects"])
    #expect(got.vocabulary.predicates == vocab["predicates"])
    #expect(got.vocabulary.objects[10] == "cup/glass/bottle")
    #expect(got.predicateGroups.map(\.name) == ["attention", "spatial", "contacting"])
    #expect(got.predicateGroups.map(\.predicates.count) == [3, 6, 17])
    #expect(got.predicateGroups[2].predicates.first == "carrying")
  }

  @Test(arguments: ["ag_protocols/p2_numpy1", "ag_protocols/p3_numpy1", "ag_protocols/p5"])
  func everyPickleProtocolGivesTheSameSet(dir: String) throws {
    let e = try Fixture.expected("ag")
    for (split, key) in [(DatasetSplit.train, "train"), (.test, "test")] {
      let got = try DatasetLoader.load(kind: .ag, root: Fixture.dir(dir), split: split)
      #expect(got.samples == Fixture.samples(e[key]), "\(dir) \(key)")
    }
  }

  @Test func keepingFramesWithoutPerson() throws {
    var o = DatasetOptions()
    o.actionGenome.filterNonPersonFrames = false
    let got = try DatasetLoader.load(kind: .ag, root: root, split: .test, options: o)
    #expect(got.samples == Fixture.samples(try Fixture.expected("ag")["test_keep_nonperson"]))
    let noPerson = try #require(got.samples.first { $0.id == "00607.mp4/000047.png" })
    #expect(noPerson.graph.objects.map(\.label) == ["table", "sofa/couch"])
    #expect(noPerson.graph.relations.isEmpty)
  }

  @Test func valAndBadClassFiles() throws {
    #expect(
      datasetError { _ = try DatasetLoader.load(kind: .ag, root: root, split: .val) }
        == .unsupportedSplit(dataset: "ag", split: "val", available: ["train", "test"]))
    let dir = try Fixture.scratchCopy("ag")
    defer { try? FileManager.default.removeItem(at: dir) }
    let rel = dir.appendingPathComponent("relationship_classes.txt")
    try Data("lookingat\nnotlookingat\n".utf8).write(to: rel)
    let e = datasetError { _ = try DatasetLoader.load(kind: .ag, root: dir, split: .test) }
    #expect(e == .malformed(path: rel.path, detail: "2 class names, expected 26"))
  }

  @Test func truncatedPickleNamesTheFile() throws {
    let dir = try Fixture.scratchCopy("ag")
    defer { try? FileManager.default.removeItem(at: dir) }
    let p = dir.appendingPathComponent("person_bbox.pkl")
    let bytes = try Data(contentsOf: p)
    try bytes.prefix(bytes.count - 3).write(to: p)
    let e = datasetError { _ = try DatasetLoader.load(kind: .ag, root: dir, split: .test) }
    #expect(e?.description.hasPrefix(p.path + ": pickle byte") == true, "\(String(describing: e))")
  }
}
