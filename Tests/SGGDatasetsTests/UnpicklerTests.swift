import Foundation
import Testing

@testable import SGGDatasets

@Suite struct UnpicklerTests {
  @Test func handWrittenProtocol2Stream() throws {
    // pickle.dumps({'a': [1, 2.5, None, True], 'b': (b'xy',)}, protocol=2) spelled by hand:
    // PROTO 2, EMPTY_DICT, BINPUT 0, MARK, BINUNICODE 'a', EMPTY_LIST, MARK, BININT1 1,
    // BINFLOAT 2.5 (big-endian 0x4004000000000000), NONE, NEWTRUE, APPENDS,
    // BINUNICODE 'b', SHORT_BINBYTES 'xy', TUPLE1, SETITEMS, STOP.
    let bytes: [UInt8] =
      [0x80, 0x02, 0x7D, 0x71, 0x00, 0x28, 0x58, 1, 0, 0, 0, 0x61, 0x5D, 0x28, 0x4B, 0x01, 0x47]
      + [0x40, 0x04, 0, 0, 0, 0, 0, 0] + [0x4E, 0x88, 0x65]
      + [0x58, 1, 0, 0, 0, 0x62, 0x43, 2, 0x78, 0x79, 0x85, 0x75, 0x2E]
    let v = try Unpickler.load(Data(bytes), path: "hand.pkl")
    let d = try #require(v.dictValue)
    #expect(d.keys.compactMap(\.stringValue) == ["a", "b"])
    let a = try #require(d["a"]?.sequence)
    #expect(a.count == 4)
    #expect(a[0].intValue == 1)
    #expect(a[1].doubleValue == 2.5)
    #expect(a[2].isNone)
    #expect(a[3].truthy)
    guard case .tuple(let t)? = d["b"], case .bytes(let b) = t[0] else {
      Issue.record("expected (b'xy',)")
      return
    }
    #expect(b == [0x78, 0x79])
  }

  @Test(arguments: ["ag", "ag_protocols/p2_numpy1", "ag_protocols/p3_numpy1", "ag_protocols/p5"])
  func personBoxesMatchNumpyInEveryProtocol(dir: String) throws {
    let url = Fixture.dir(dir).appendingPathComponent("person_bbox.pkl")
    let v = try Unpickler.load(contentsOf: url)
    let d = try #require(v.dictValue)
    let expected = try #require(
      try Fixture.expected("ag")["person_bbox_first"] as? [String: [NSNumber]])
    var checked = 0
    for (k, value) in zip(d.keys, d.values) {
      guard let key = k.stringValue, let want = expected[key] else { continue }
      guard case .ndarray(let arr)? = value.dictValue?["bbox"] else {
        Issue.record("\(key): bbox is not an ndarray")
        continue
      }
      #expect(arr.dtype?.spec == "f4")
      #expect(arr.dtype?.byteOrder == "<")
      #expect(arr.shape == [want.count / 4, 4])
      #expect(arr.doubles() == want.map(\.doubleValue), "\(key)")
      checked += 1
    }
    // 9 frames listed, including the (0, 4) empty person box of 00607.mp4/000047.png.
    #expect(checked == 9)
  }

  @Test(arguments: ["arrays_p2.pkl", "arrays_p4.pkl"])
  func fortranBigEndianBoolAndEmptyArrays(file: String) throws {
    let v = try Unpickler.load(contentsOf: Fixture.dir("pickles").appendingPathComponent(file))
    let d = try #require(v.dictValue)
    func array(_ k: String) throws -> NDArray {
      guard case .ndarray(let a)? = d[k] else {
        throw DatasetError.malformed(path: file, detail: k)
      }
      return a
    }
    // np.asfortranarray(arange(1, 7).reshape(2, 3)) is stored column-major: 1 4 2 5 3 6;
    // doubles() returns C order.
    let f = try array("fortran_f8")
    #expect(f.isFortran)
    #expect(f.doubles() == [1, 2, 3, 4, 5, 6])
    let be = try array("big_endian_i4")
    #expect(be.dtype?.byteOrder == ">")
    #expect(be.doubles() == [-2, 70000, 3, -1])
    #expect(try array("bool").doubles() == [1, 0, 1])
    let empty = try array("empty")
    #expect(empty.shape == [0, 4])
    #expect(empty.doubles() == [])
  }

  @Test func refusesToCallArbitraryGlobals() {
    let url = Fixture.dir("corrupt").appendingPathComponent("evil.pkl")
    let e = datasetError { _ = try Unpickler.load(contentsOf: url) }
    #expect(e?.description.contains("system") == true)
    #expect(e?.description.contains("not allowed") == true)
    #expect(e?.description.contains("evil.pkl") == true)
  }

  @Test func everyTruncationFailsCleanly() throws {
    let url = Fixture.dir("ag_protocols/p2_numpy1").appendingPathComponent(
      "object_bbox_and_relationship.pkl")
    let bytes = try Data(contentsOf: url)
    for cut in stride(from: 0, to: bytes.count, by: 37) {
      let e = datasetError { _ = try Unpickler.load(bytes.prefix(cut), path: "cut.pkl") }
      #expect(e?.description.hasPrefix("cut.pkl") == true, "cut at \(cut)")
    }
  }

  @Test func largeIntegersAndPersistentIDs() throws {
    // pickle.dumps(0x1950a86a20f9469cfc6c, protocol=2): LONG1 with 10 little-endian bytes.
    let magic = try Unpickler.load(
      Data([0x80, 0x02, 0x8A, 0x0A] + TorchFile.legacyMagic + [0x2E]), path: "m.pkl")
    guard case .largeInt(let bytes) = magic else {
      Issue.record("expected a large int, got \(magic.typeName)")
      return
    }
    #expect(bytes == TorchFile.legacyMagic)
    // PROTO 2, BININT1 7, BINPERSID, STOP: refused by the public reader, as pickle.load does
    // without a persistent_load; accepted in torch mode.
    let stream = Data([0x80, 0x02, 0x4B, 0x07, 0x51, 0x2E])
    let plain = datasetError { _ = try Unpickler.load(stream, path: "p.pkl") }
    #expect(plain?.description.contains("persistent id in a plain pickle") == true)
    let torch = try Unpickler.load(stream, path: "p.pkl", from: 0, torch: true)
    guard case .persistentID(.int(7)) = torch.value else {
      Issue.record("expected persistent id 7, got \(torch.value.typeName)")
      return
    }
    #expect(torch.end == stream.count)
  }

  @Test func unsupportedProtocolAndOpcodeAreNamed() {
    let p0 = datasetError { _ = try Unpickler.load(Data([0x80, 0x01, 0x4E, 0x2E]), path: "x.pkl") }
    #expect(p0?.description.contains("protocol 1") == true)
    let op = datasetError { _ = try Unpickler.load(Data([0x80, 0x02, 0x81, 0x2E]), path: "x.pkl") }
    #expect(op?.description.contains("opcode 0x81") == true)
  }
}
