import Foundation
import SGGCore
import SGGTestSupport
import Testing

@testable import SGGDatasets

/// Zero-shot triplet lists: the torch.save reader on fixtures written by
/// Fixtures/datasets/zeroshot/make_zeroshot.py (pickle + struct, no torch), the released file
/// when it is present, the JSON forms, index resolution and derivation from splits.
@Suite struct ZeroShotTripletsTests {
  static let dir = Fixture.dir("zeroshot")
  /// Where the brief's fetch command puts Kaihua Tang's released list (not committed).
  static let released = "/tmp/zs.pytorch"

  struct Expected: Decodable {
    var rows: [[Int]]
    var names: [[String]]
    var viewRows: [[Int]]

    enum CodingKeys: String, CodingKey {
      case rows, names
      case viewRows = "view_rows"
    }
  }

  static func expected() throws -> Expected {
    try JSONDecoder().decode(
      Expected.self, from: Data(contentsOf: dir.appendingPathComponent("expected.json")))
  }

  static func rows(_ list: ZeroShotTriplets) -> [[Int]] {
    list.entries.map {
      guard case .indices(let s, let o, let p) = $0 else { return [] }
      return [s, o, p]
    }
  }

  static func names(_ triplets: [ZeroShotTriplet]) -> [[String]] {
    triplets.map { [$0.subject, $0.predicate, $0.object] }
  }

  // MARK: torch.save files

  @Test(arguments: ["zeroshot_small.pytorch", "zeroshot_small_zip.pytorch"])
  func fixtureDecodesToTheRowsPythonWrote(file: String) throws {
    let want = try Self.expected()
    let list = try ZeroShotTriplets.load(contentsOf: Self.dir.appendingPathComponent(file))
    #expect(Self.rows(list) == want.rows)
    // 1-based indices into the fixture's VG150 dicts (the real 150 classes and 50 predicates).
    let vocabulary = try DatasetLoader.vg150Vocabulary(root: Fixture.dir("vg150"))
    #expect(vocabulary.objects.count == 150 && vocabulary.predicates.count == 50)
    #expect(Self.names(try list.names(in: vocabulary)) == want.names)
    #expect(
      try list.names(
        objectClasses: vocabulary.objects, predicates: vocabulary.predicates,
        objectIndexBase: 1, predicateIndexBase: 1) == list.names(in: vocabulary))
  }

  @Test func offsetAndStridesOfAViewAreApplied() throws {
    let url = Self.dir.appendingPathComponent("zeroshot_view.pytorch")
    let tensor = try TorchFile.loadIntegerTensor(contentsOf: url)
    #expect(tensor.storageType == "LongStorage")
    #expect(tensor.shape == [4, 3])
    let want = try Self.expected().viewRows.flatMap { $0.map(Int64.init) }
    #expect(tensor.values == want)
  }

  @Test func floatTensorIsAWrongDtype() {
    let url = Self.dir.appendingPathComponent("zeroshot_float.pytorch")
    let e = datasetError { _ = try ZeroShotTriplets.load(contentsOf: url) }
    #expect(e?.description.hasPrefix(url.path) == true)
    #expect(e?.description.contains("torch.FloatStorage") == true)
    #expect(e?.description.contains("only integer tensors") == true)
  }

  @Test func badMagicAndWrongProtocolAreNamed() throws {
    var data = try Data(contentsOf: Self.dir.appendingPathComponent("zeroshot_small.pytorch"))
    // PROTO 2, LONG1 10 bytes: the magic's lowest byte (0x6c) is byte 4.
    #expect(Array(data[2...13]) == [0x8A, 0x0A] + TorchFile.legacyMagic)
    data[4] = 0x6D
    let magic = datasetError { _ = try ZeroShotTriplets.decodeTorch(data, path: "zs.pytorch") }
    #expect(magic?.description.hasPrefix("zs.pytorch: bad magic number 0x1950") == true)
    let text = datasetError {
      _ = try ZeroShotTriplets.decodeTorch(Data("hello".utf8), path: "zs.pytorch")
    }
    #expect(text?.description.contains("not a torch.save file") == true)
    var version = try Data(contentsOf: Self.dir.appendingPathComponent("zeroshot_small.pytorch"))
    // PROTO 2, BININT2 1001 (0x03e9) follows the 15-byte magic pickle.
    #expect(Array(version[15...19]) == [0x80, 0x02, 0x4D, 0xE9, 0x03])
    version[18] = 0xEA
    let v = datasetError { _ = try ZeroShotTriplets.decodeTorch(version, path: "zs.pytorch") }
    #expect(v?.description == "zs.pytorch: torch serialization protocol 1002, expected 1001")
  }

  @Test(arguments: ["zeroshot_small.pytorch", "zeroshot_small_zip.pytorch"])
  func everyTruncationFailsWithThePath(file: String) throws {
    let data = try Data(contentsOf: Self.dir.appendingPathComponent(file))
    for cut in 0..<data.count {
      let e = datasetError { _ = try ZeroShotTriplets.decodeTorch(data.prefix(cut), path: "t.pt") }
      #expect(e?.description.hasPrefix("t.pt") == true, "cut at \(cut)")
    }
  }

  @Test func compressedZipEntryIsUnsupported() throws {
    var data = try Data(contentsOf: Self.dir.appendingPathComponent("zeroshot_small_zip.pytorch"))
    // Mark the first central-directory entry as deflated (method 8).
    let signature: [UInt8] = [0x50, 0x4B, 0x01, 0x02]
    let at = try #require(
      (0..<(data.count - 4)).first { Array(data[$0..<($0 + 4)]) == signature })
    data[at + 10] = 8
    let e = datasetError { _ = try ZeroShotTriplets.decodeTorch(data, path: "z.pt") }
    #expect(e?.description.contains("unsupported: compressed zip entry") == true)
  }

  /// Kaihua Tang's released list, decoded independently by Python (pickle with stub classes
  /// and struct over the raw storage) and compared row by row.
  @Test(
    .enabled(
      if: FileManager.default.fileExists(atPath: released),
      "needs R1-SGG's src/utils/zeroshot_triplet.pytorch (Kaihua Tang's list) at /tmp/zs.pytorch"
    ))
  func releasedListMatchesPython() throws {
    let list = try ZeroShotTriplets.load(contentsOf: URL(fileURLWithPath: Self.released))
    let rows = Self.rows(list)
    #expect(rows.count == 5971)
    // First and last rows, read by hand from the raw storage with struct.unpack('<q').
    #expect(rows.first == [1, 1, 33])
    #expect(rows.last == [150, 150, 45])
    let script = """
      import json, sys
      sys.dont_write_bytecode = True  # keep __pycache__ out of the fixture directory
      args = json.load(sys.stdin)
      sys.argv = ["make_zeroshot.py"]
      sys.path.insert(0, args["dir"])
      import make_zeroshot
      pid, rows = make_zeroshot.read_legacy(args["file"])
      print(json.dumps({"key": pid[2], "rows": rows}))
      """
    struct Output: Decodable {
      var key: String
      var rows: [[Int]]
    }
    let python = try PythonReference.run(
      script, input: ["dir": Self.dir.path, "file": Self.released], as: Output.self)
    #expect(python.key == "93961462708544")
    #expect(rows == python.rows)
    // Every index is inside VG150's 1-based class lists.
    let vocabulary = try DatasetLoader.vg150Vocabulary(root: Fixture.dir("vg150"))
    let named = try list.names(in: vocabulary)
    #expect(
      named.first == ZeroShotTriplet(subject: "airplane", predicate: "over", object: "airplane"))
    #expect(Set(named).count == named.count)
  }

  @Test func torchGlobalsStayRefusedForOrdinaryPickles() throws {
    let data = try Data(contentsOf: Self.dir.appendingPathComponent("zeroshot_small.pytorch"))
    var at = 0
    for _ in 0..<3 { at = try Unpickler.load(data, path: "zs", from: at, torch: false).end }
    // The fourth pickle is the tensor: torch mode reads it, the strict mode (AG files) does not.
    guard
      case .call(let f, let args) = try Unpickler.load(data, path: "zs", from: at, torch: true)
        .value
    else {
      Issue.record("the tensor pickle is not a recorded call")
      return
    }
    #expect(f == "torch._utils._rebuild_tensor_v2")
    #expect(args.count == 6)
    let strict = datasetError { _ = try Unpickler.load(data, path: "zs", from: at, torch: false) }
    #expect(
      strict?.description.contains("'torch._utils._rebuild_tensor_v2' is not allowed") == true)
  }

  // MARK: names and JSON

  @Test func outOfRangeIndexNamesTheEntry() throws {
    let list = ZeroShotTriplets(entries: [
      .indices(subject: 1, object: 2, predicate: 3),
      .indices(subject: 151, object: 2, predicate: 3),
    ])
    let objects = (1...150).map { "o\($0)" }
    let predicates = (1...50).map { "p\($0)" }
    #expect(throws: ZeroShotTripletsError.self) {
      try list.names(
        objectClasses: objects, predicates: predicates, objectIndexBase: 1, predicateIndexBase: 1)
    }
    do {
      _ = try list.names(
        objectClasses: objects, predicates: predicates, objectIndexBase: 1, predicateIndexBase: 1)
    } catch {
      #expect(
        "\(error)"
          == "zero-shot triplet row 1 (subject 151, object 2, predicate 3): subject index 151 is "
          + "out of range (valid: 1...150)")
    }
    // Index base 0: 0 is the first name, 150 is past the end.
    let zero = ZeroShotTriplets(entries: [.indices(subject: 0, object: 149, predicate: 50)])
    #expect(throws: ZeroShotTripletsError.self) {
      try zero.names(
        objectClasses: objects, predicates: predicates, objectIndexBase: 0, predicateIndexBase: 0)
    }
    let ok = ZeroShotTriplets(entries: [.indices(subject: 0, object: 149, predicate: 49)])
    #expect(
      try ok.names(
        objectClasses: objects, predicates: predicates, objectIndexBase: 0, predicateIndexBase: 0)
        == [ZeroShotTriplet(subject: "o1", predicate: "p50", object: "o150")])
  }

  @Test func jsonNameAndIndexForms() throws {
    let names = try ZeroShotTriplets.decodeJSON(
      Data(#"{"triplets": [["man", "riding", "horse"], ["cup", "on", "table"]]}"#.utf8),
      path: "n.json")
    #expect(
      names.entries == [
        .names(subject: "man", object: "horse", predicate: "riding"),
        .names(subject: "cup", object: "table", predicate: "on"),
      ])
    // Name entries pass through unchanged, whatever the class lists.
    #expect(
      try names.names(objectClasses: [], predicates: [], objectIndexBase: 1, predicateIndexBase: 1)
        == [
          ZeroShotTriplet(subject: "man", predicate: "riding", object: "horse"),
          ZeroShotTriplet(subject: "cup", predicate: "on", object: "table"),
        ])
    // The index form keeps the tensor's column order (subject, object, predicate).
    let indices = try ZeroShotTriplets.decodeJSON(
      Data("[[1, 22, 22], [78, 126, 50]]".utf8), path: "i")
    #expect(Self.rows(indices) == [[1, 22, 22], [78, 126, 50]])
    let mixed = datasetError {
      _ = try ZeroShotTriplets.decodeJSON(Data(#"[[1, 2, 3], ["a", "b", "c"]]"#.utf8), path: "m")
    }
    #expect(
      mixed?.description == "m: triplet 1 is names but triplet 0 is integers: a list uses one form")
    let short = datasetError {
      _ = try ZeroShotTriplets.decodeJSON(Data(#"{"triplets": [["a", "b"]]}"#.utf8), path: "s")
    }
    #expect(
      short?.description.hasPrefix("s: triplet 0: expected [subject, predicate, object]") == true)
    let missing = datasetError {
      _ = try ZeroShotTriplets.decodeJSON(Data(#"{"rows": []}"#.utf8), path: "x")
    }
    #expect(missing?.description.contains("\"triplets\"") == true)
  }

  @Test func jsonTextRoundTrips() throws {
    let triplets = [
      ZeroShotTriplet(subject: "man", predicate: "riding", object: "horse"),
      ZeroShotTriplet(subject: "sign \"stop\"", predicate: "on", object: "pole"),
    ]
    let text = ZeroShotTriplets.jsonText(triplets)
    #expect(text.hasPrefix("{\"triplets\": [\n  [\"man\", \"riding\", \"horse\"],\n"))
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "zs-\(UUID().uuidString).json")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data(text.utf8).write(to: url)
    let back = try ZeroShotTriplets.load(contentsOf: url)
    #expect(back == ZeroShotTriplets(triplets))
    #expect(try back.names(in: Vocabulary(objects: [], predicates: [])) == triplets)
    #expect(ZeroShotTriplets.jsonText([]) == "{\"triplets\": []}\n")
    // Foundation reads it too.
    let decoded = try JSONDecoder().decode([String: [[String]]].self, from: Data(text.utf8))
    #expect(decoded["triplets"] == Self.names(triplets))
  }

  // MARK: derivation

  static func sample(_ id: String, _ labels: [String], _ relations: [(Int, String, Int)]) -> Sample
  {
    let box = Box(x1: 0, y1: 0, x2: 1, y2: 1)
    return Sample(
      id: id, width: 10, height: 10,
      graph: SceneGraph(
        objects: labels.map { Object(label: $0, box: box) },
        relations: relations.map { Relation(subject: $0.0, predicate: $0.1, object: $0.2) }))
  }

  @Test func deriveKeepsUnseenTestTripletsOnceInFirstSeenOrder() {
    let train = [
      Self.sample("t1", ["man", "horse", "hat"], [(0, "riding", 1), (0, "wearing", 2)]),
      Self.sample("t2", ["dog", "man"], [(0, "near", 1)]),
    ]
    let test = [
      // seen; unseen (predicate differs); unseen (direction differs); seen
      Self.sample(
        "a", ["man", "horse", "dog"],
        [(0, "riding", 1), (0, "near", 1), (1, "near", 2), (2, "near", 0)]),
      // duplicate of an unseen one; a new one; an index outside the graph (skipped)
      Self.sample("b", ["horse", "man", "hat"], [(1, "near", 0), (2, "on", 0), (0, "on", 7)]),
    ]
    #expect(
      ZeroShotTriplets.derive(train: train, test: test) == [
        ZeroShotTriplet(subject: "man", predicate: "near", object: "horse"),
        ZeroShotTriplet(subject: "horse", predicate: "near", object: "dog"),
        ZeroShotTriplet(subject: "hat", predicate: "on", object: "horse"),
      ])
    #expect(ZeroShotTriplets.derive(train: test, test: test).isEmpty)
    #expect(ZeroShotTriplets.derive(train: [], test: []).isEmpty)
  }

  /// The VG150 fixture's splits (expected.json, written by make_fixtures.py): test has
  /// tire–part of–car, car–parked on–street (twice), car–on–street, woman–holding–umbrella;
  /// none occurs in val (man/dog/girl/hand/bike graphs), though `holding` and `on` do.
  @Test func deriveOnTheVG150Fixture() throws {
    let root = Fixture.dir("vg150")
    let test = try DatasetLoader.load(kind: .vg150, root: root, split: .test)
    let val = try DatasetLoader.load(kind: .vg150, root: root, split: .val)
    #expect(
      Self.names(ZeroShotTriplets.derive(train: val.samples, test: test.samples)) == [
        ["tire", "part of", "car"], ["car", "parked on", "street"], ["car", "on", "street"],
        ["woman", "holding", "umbrella"],
      ])
  }
}
