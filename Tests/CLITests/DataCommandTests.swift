import Foundation
import Testing

/// `sgg-eval data convert` and `data inspect` on the dataset fixtures, checked against the
/// generator's expected.json (an independent Python re-implementation of each loader).
@Suite struct DataCommandTests {
  /// Default options for each (dataset, split) and the expected.json key written with them.
  static let cases: [(dataset: String, split: String, key: String)] = [
    ("vg150", "test", "test"), ("vg150", "val", "val_default"), ("psg", "test", "test"),
    ("pvsg", "val", "val"), ("pvsg", "train", "train"), ("ag", "test", "test"),
    ("ag", "train", "train"),
  ]

  @Test(arguments: cases)
  func convertWritesTheExpectedSamplesAndVocabulary(
    _ c: (dataset: String, split: String, key: String)
  ) throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("gt.jsonl").path
    let result = try CLIRunner.run([
      "data", "convert", "--dataset", c.dataset, "--root", DatasetFixtures.root(c.dataset),
      "--split", c.split, "-o", out,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let expected = try DatasetFixtures.expected(c.dataset, c.key)
    #expect(!expected.isEmpty)
    #expect(try DatasetFixtures.jsonl(out) == expected)
    #expect(result.stdout.contains("wrote \(expected.count) samples"))
    // Default vocabulary path: gt.jsonl → gt.vocab.json, with the fixture's own class lists.
    let vocabData = try Data(contentsOf: dir.appendingPathComponent("gt.vocab.json"))
    let vocab = try JSONDecoder().decode([String: [String]].self, from: vocabData)
    let source = try DatasetFixtures.vocabulary(c.dataset)
    #expect(vocab["objects"] == source.objects)
    #expect(vocab["predicates"] == source.predicates)
  }

  @Test func explicitVocabularyPathAndNonJSONLName() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let named = try CLIRunner.run([
      "data", "convert", "--dataset", "psg", "--root", DatasetFixtures.root("psg"), "--split",
      "test", "--output", dir.appendingPathComponent("a.jsonl").path, "-v",
      dir.appendingPathComponent("classes.json").path,
    ])
    #expect(named.status == 0, "\(named.stderr)")
    #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("classes.json").path))
    #expect(
      !FileManager.default.fileExists(atPath: dir.appendingPathComponent("a.vocab.json").path))
    let plain = try CLIRunner.run([
      "data", "convert", "--dataset", "psg", "--root", DatasetFixtures.root("psg"), "--split",
      "test", "-o", dir.appendingPathComponent("gt.txt").path,
    ])
    #expect(plain.status == 0, "\(plain.stderr)")
    #expect(
      FileManager.default.fileExists(atPath: dir.appendingPathComponent("gt.txt.vocab.json").path))
  }

  // VG150 fixture, split 2 (datasets loader tests): rows 2343728 (3 objects, 4 relations),
  // 2417985 (2, 1), 60 (no relations), 61 (no boxes); 4 corrupted ids dropped from
  // image_data.json. Objects present: car, tire, street, woman, umbrella; predicates: part of,
  // parked on, on, holding.
  @Test func inspectJSONCounts() throws {
    let result = try CLIRunner.run([
      "data", "inspect", "--dataset", "vg150", "--root", DatasetFixtures.root("vg150"),
      "--split", "test", "--json",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let j = try result.json()
    #expect(j["dataset"] as? String == "vg150")
    #expect(j["split"] as? String == "test")
    #expect(j["sample_unit"] as? String == "images")
    #expect(j["candidates"] as? Int == 4)
    #expect(j["samples"] as? Int == 2)
    #expect(j["videos"] == nil)
    #expect(j["objects"] as? Int == 5)
    #expect(j["relations"] as? Int == 5)
    #expect(j["object_classes"] as? Int == 150)
    #expect(j["predicate_classes"] as? Int == 50)
    #expect(j["object_classes_present"] as? Int == 5)
    #expect(j["predicate_classes_present"] as? Int == 4)
    let dropped = try #require(j["dropped"] as? [[String: Any]])
    let counts = dropped.map { "\($0["count"] as? Int ?? -1) \($0["unit"] as? String ?? "")" }
    #expect(counts == ["4 images", "1 images", "1 images"])
    #expect((dropped[1]["filter"] as? String)?.hasPrefix("images without boxes") == true)
    #expect((dropped[2]["filter"] as? String)?.hasPrefix("images without relations") == true)
  }

  // PVSG val: video 0001_4164158586 has 6 masks → frames 0–3 kept (15 objects: 4+4+4+3;
  // relations 3+3+3+1 = 10), frame 4 has only undeclared ids, frame 5 no active relation; the
  // ego4d video has no mask directory.
  @Test func inspectTextForVideos() throws {
    let result = try CLIRunner.run([
      "data", "inspect", "--dataset", "pvsg", "--root", DatasetFixtures.root("pvsg"), "--split",
      "val",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let lines = result.stdout.split(separator: "\n").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    for line in [
      "pvsg val", "candidates: 6", "samples:    4", "videos:     1", "objects:    15",
      "relations:  10", "classes:    8 objects, 4 predicates",
      "1 videos: videos without a mask directory", "1 frames: frames without an annotated object",
      "1 frames: frames without an active relation",
      "present:    4 object classes, 3 predicates occur in the frames",
    ] {
      #expect(lines.contains(line), "missing '\(line)' in\n\(result.stdout)")
    }
    // Progress goes to stderr, never stdout.
    #expect(result.stderr.contains("PVSG masks decoded: 6 / 6"))
    #expect(!result.stdout.contains("masks decoded"))
  }

  @Test func missingRootIsAUsageError() throws {
    let result = try CLIRunner.run([
      "data", "convert", "--dataset", "vg150", "--root", "/nonexistent/vg", "--split", "test",
      "-o", "/tmp/unused.jsonl",
    ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("--root /nonexistent/vg: no such directory"), "\(result.stderr)")
  }

  @Test func splitTheDatasetDoesNotDefine() throws {
    let result = try CLIRunner.run([
      "data", "inspect", "--dataset", "psg", "--root", DatasetFixtures.root("psg"), "--split",
      "val",
    ])
    #expect(result.status == 64)
    #expect(
      result.stderr.contains("psg has no 'val' split (available: train, test)"),
      "\(result.stderr)")
    let unknown = try CLIRunner.run([
      "data", "inspect", "--dataset", "coco", "--root", DatasetFixtures.root("psg"), "--split",
      "test",
    ])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("--dataset must be one of vg150, psg, pvsg, ag"))
  }

  @Test func missingFileIsNamed() throws {
    let root = try DatasetFixtures.scratchCopy("psg")
    defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
    try FileManager.default.removeItem(at: root.appendingPathComponent("psg.json"))
    let result = try CLIRunner.run([
      "data", "inspect", "--dataset", "psg", "--root", root.path, "--split", "test",
    ])
    #expect(result.status == 66)
    #expect(
      result.stderr.contains(root.appendingPathComponent("psg.json").path + ": file not found"))
  }

  /// The main annotation file of each fixture cut to half its bytes.
  static let truncations: [(dataset: String, split: String, file: String)] = [
    ("vg150", "test", "VG-SGG-with-attri.h5"), ("vg150", "test", "image_data.json"),
    ("psg", "test", "psg.json"), ("pvsg", "val", "vidor/masks/0001_4164158586/0001.png"),
    ("ag", "test", "object_bbox_and_relationship.pkl"), ("ag", "test", "person_bbox.pkl"),
  ]

  @Test(arguments: truncations)
  func truncatedFileExitsWithItsName(_ c: (dataset: String, split: String, file: String)) throws {
    let root = try DatasetFixtures.scratchCopy(c.dataset)
    defer { try? FileManager.default.removeItem(at: root.deletingLastPathComponent()) }
    let file = root.appendingPathComponent(c.file)
    let bytes = try Data(contentsOf: file)
    try bytes.prefix(bytes.count / 2).write(to: file)
    let out = root.deletingLastPathComponent().appendingPathComponent("gt.jsonl").path
    let result = try CLIRunner.run([
      "data", "convert", "--dataset", c.dataset, "--root", root.path, "--split", c.split, "-o",
      out,
    ])
    #expect(result.status == 66, "\(result.stderr)")
    #expect(result.stderr.contains("error: " + file.path + ": "), "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
