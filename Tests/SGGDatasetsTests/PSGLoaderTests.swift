import Foundation
import SGGCore
import Testing

@testable import SGGDatasets

@Suite struct PSGLoaderTests {
  let root = Fixture.dir("psg")

  @Test func testSplitMatchesOpenPSG() throws {
    let got = try DatasetLoader.load(kind: .psg, root: root, split: .test)
    let e = try Fixture.expected("psg")
    #expect(got.samples == Fixture.samples(e["test"]))
    #expect(got.samples.map(\.id) == ["2000001", "2000004"])
    // 2000001: [0 looking at 1] twice → one kept; [0 in front of 1] (same pair) is kept.
    #expect(
      got.samples[0].graph.relations == [
        Relation(subject: 0, predicate: "looking at", object: 1),
        Relation(subject: 1, predicate: "on", object: 2),
        Relation(subject: 0, predicate: "in front of", object: 1),
      ])
    // Boxes are the annotations' XYXY as stored; x2 may equal the width (375 here).
    #expect(
      got.samples[1].graph.objects[0]
        == Object(label: "stop sign", box: Box(x1: 20, y1: 30, x2: 375, y2: 300)))
    #expect(got.samples[1].graph.objects[1].label == "pavement-merged")
    #expect(got.vocabulary.objects.count == 133)
    #expect(got.vocabulary.predicates.count == 56)
    #expect(got.statistics.candidates == 3)
    #expect(
      got.statistics.droppedCount("images without relations")
        == (e["test_dropped"] as? NSNumber)?.intValue)
    #expect(got.statistics.droppedCount("exact duplicate triplets") == 1)
  }

  @Test func trainKeepsOnePredicatePerPair() throws {
    let got = try DatasetLoader.load(kind: .psg, root: root, split: .train)
    let e = try Fixture.expected("psg")
    let rows = try #require(e["train"] as? [[String: Any]])
    #expect(got.samples.map(\.id) == rows.compactMap { $0["id"] as? String })
    for (sample, row) in zip(got.samples, rows) {
      // Each expected relation is [s, [candidate predicates], o], one per pair in order.
      let want = try #require(row["relations"] as? [[Any]])
      #expect(sample.graph.relations.count == want.count)
      for (r, w) in zip(sample.graph.relations, want) {
        #expect(r.subject == (w[0] as? NSNumber)?.intValue)
        #expect(r.object == (w[2] as? NSNumber)?.intValue)
        #expect((w[1] as? [String])?.contains(r.predicate) == true)
      }
      #expect(sample.graph.objects.count == (row["objects"] as? [Any])?.count)
    }
    // The iscrowd person of 2000003 is an ordinary object (segments are not filtered).
    #expect(got.samples[1].graph.objects[1].label == "person")
    #expect(got.statistics.droppedCount("images without relations") == 1)
  }

  @Test func valIsNotAPSGSplit() {
    let e = datasetError { _ = try DatasetLoader.load(kind: .psg, root: root, split: .val) }
    #expect(e == .unsupportedSplit(dataset: "psg", split: "val", available: ["train", "test"]))
  }

  @Test func brokenJSONNamesLineAndColumn() throws {
    let dir = try Fixture.scratchCopy("psg")
    defer { try? FileManager.default.removeItem(at: dir) }
    let u = dir.appendingPathComponent("psg.json")
    try Data("{\"data\": [\n  {\"image_id\": \"1\",,}\n]}".utf8).write(to: u)
    let e = datasetError { _ = try DatasetLoader.load(kind: .psg, root: dir, split: .test) }
    #expect(
      e?.description.hasPrefix(u.path + ": line 2, column 20") == true, "\(String(describing: e))")
  }

  @Test func relationOutsideTheObjectsIsNamed() throws {
    let dir = try Fixture.scratchCopy("psg")
    defer { try? FileManager.default.removeItem(at: dir) }
    let u = dir.appendingPathComponent("psg.json")
    var text = try String(contentsOf: u, encoding: .utf8)
    // 2000004 has two objects; point its relation at object 7.
    text = text.replacingOccurrences(of: "\"relations\":[[0,1,3]]", with: "\"relations\":[[0,7,3]]")
    try text.write(to: u, atomically: true, encoding: .utf8)
    let e = datasetError { _ = try DatasetLoader.load(kind: .psg, root: dir, split: .test) }
    #expect(
      e?.description.contains("image 2000004: relations[0] = [0, 7, 3]") == true,
      "\(String(describing: e))")
  }
}
