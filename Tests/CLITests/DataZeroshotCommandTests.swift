import Foundation
import Testing

/// `sgg-eval data zeroshot` on the VG150 fixture (Fixtures/datasets/vg150) and the torch.save
/// fixtures (Fixtures/datasets/zeroshot), with hand-checked expected lists.
@Suite struct DataZeroshotCommandTests {
  static func triplets(_ json: String) throws -> [[String]] {
    try JSONDecoder().decode([String: [[String]]].self, from: Data(json.utf8))["triplets"] ?? []
  }

  // The fixture's test split: 2343728 has tire–part of–car, car–parked on–street (twice: an
  // exact duplicate), car–on–street; 2417985 has woman–holding–umbrella. With the default
  // 5,000 val images the fixture's train split is empty, so every test triplet is unseen, each
  // once.
  static let testTriplets = [
    ["tire", "part of", "car"], ["car", "parked on", "street"], ["car", "on", "street"],
    ["woman", "holding", "umbrella"],
  ]

  @Test func derivesTestTripletsNeverSeenInTrain() throws {
    let dir = try CLIRunner.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let out = dir.appendingPathComponent("zs.json").path
    let result = try CLIRunner.run([
      "data", "zeroshot", "--dataset", "vg150", "--root", DatasetFixtures.root("vg150"), "-o", out,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.contains("4 zero-shot triplets (test triplets never seen in train)"))
    #expect(try Self.triplets(String(contentsOfFile: out, encoding: .utf8)) == Self.testTriplets)
  }

  @Test func otherSplitsAndStdout() throws {
    // The val split (images 1, 51, 52, 62) shares predicates (holding, on) but no triplet with
    // test; test against itself leaves nothing.
    let root = DatasetFixtures.root("vg150")
    let val = try CLIRunner.run([
      "data", "zeroshot", "--dataset", "vg150", "--root", root, "--train-split", "val",
    ])
    #expect(val.status == 0, "\(val.stderr)")
    #expect(try Self.triplets(val.stdout) == Self.testTriplets)
    #expect(val.stderr.contains("4 zero-shot triplets (test triplets never seen in val)"))
    let same = try CLIRunner.run([
      "data", "zeroshot", "--dataset", "vg150", "--root", root, "--train-split", "test",
    ])
    #expect(same.status == 0, "\(same.stderr)")
    #expect(same.stdout == "{\"triplets\": []}\n")
    #expect(same.stderr.contains("0 zero-shot triplets (test triplets never seen in test)"))
    // val minus test: the ten distinct val triplets (man–wearing–shirt is annotated twice).
    let reverse = try CLIRunner.run([
      "data", "zeroshot", "--dataset", "vg150", "--root", root, "--split", "val",
      "--train-split", "test",
    ])
    #expect(reverse.status == 0, "\(reverse.stderr)")
    #expect(
      try Self.triplets(reverse.stdout) == [
        ["man", "wearing", "shirt"], ["man", "near", "tree"], ["dog", "near", "bowl"],
        ["bowl", "on", "table"], ["dog", "near", "table"], ["girl", "holding", "hand"],
        ["girl", "has", "hand"], ["girl", "looking at", "kite"], ["hand", "holding", "kite"],
        ["bike", "near", "tree"],
      ])
  }

  @Test(arguments: ["zeroshot_small.pytorch", "zeroshot_small_zip.pytorch"])
  func convertsAReleasedList(file: String) throws {
    let result = try CLIRunner.run([
      "data", "zeroshot", "--from", CLIRunner.fixture("datasets/zeroshot/\(file)"), "--root",
      DatasetFixtures.root("vg150"),
    ])
    #expect(result.status == 0, "\(result.stderr)")
    // make_zeroshot.py rows (1,1,33) (1,22,22) (150,137,31) (78,126,50) (150,150,45), 1-based
    // into the fixture's VG150 dicts.
    #expect(
      try Self.triplets(result.stdout) == [
        ["airplane", "over", "airplane"], ["airplane", "in", "building"], ["zebra", "on", "truck"],
        ["man", "with", "table"], ["zebra", "walking in", "zebra"],
      ])
    #expect(result.stderr.contains("5 zero-shot triplets (read from"))
  }

  @Test func usageAndInputErrors() throws {
    let root = DatasetFixtures.root("vg150")
    let small = CLIRunner.fixture("datasets/zeroshot/zeroshot_small.pytorch")
    let withSplit = try CLIRunner.run([
      "data", "zeroshot", "--from", small, "--root", root, "--split", "test",
    ])
    #expect(withSplit.status == 64)
    #expect(withSplit.stderr.contains("--from converts a released list"))
    let psg = try CLIRunner.run([
      "data", "zeroshot", "--from", small, "--root", root, "--dataset", "psg",
    ])
    #expect(psg.status == 64)
    let badSplit = try CLIRunner.run([
      "data", "zeroshot", "--dataset", "ag", "--root", root, "--train-split", "val",
    ])
    #expect(badSplit.status == 64)
    #expect(badSplit.stderr.contains("ag has no 'val' split"))
    // The view fixture's values (102…113) are no VG150 indices.
    let outOfRange = try CLIRunner.run([
      "data", "zeroshot", "--from", CLIRunner.fixture("datasets/zeroshot/zeroshot_view.pytorch"),
      "--root", root,
    ])
    #expect(outOfRange.status == 66)
    #expect(
      outOfRange.stderr.contains(
        "zero-shot triplet row 0 (subject 102, object 106, predicate 110): predicate index 110"))
  }
}
