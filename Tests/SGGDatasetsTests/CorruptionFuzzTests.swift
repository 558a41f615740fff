import Foundation
import Testing

@testable import SGGDatasets

/// Flips bytes of valid fixtures: every reader must either succeed or throw a DatasetError
/// naming the file — a trap (out-of-range index, overflow, huge allocation) fails the run.
@Suite struct CorruptionFuzzTests {
  struct Flipper {
    var state: UInt64
    mutating func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    /// `bytes` with 1–4 bytes replaced at random positions.
    mutating func mutate(_ bytes: Data) -> Data {
      var d = bytes
      for _ in 0..<(1 + next() % 4) {
        let i = next() % d.count
        d[d.startIndex + i] = UInt8(truncatingIfNeeded: next())
      }
      return d
    }
  }

  func survive(_ file: String, rounds: Int, _ read: (Data) throws -> Void) throws {
    let bytes = try Data(contentsOf: Fixture.root.appendingPathComponent(file))
    var f = Flipper(state: UInt64(bytes.count))
    var failures = 0
    for _ in 0..<rounds {
      do {
        try read(f.mutate(bytes))
      } catch let e as DatasetError {
        failures += 1
        #expect(e.description.hasPrefix("mutated"), "\(e)")
      }
    }
    // Most flips land in payload bytes and still decode; some must be detected.
    #expect(failures > 0)
  }

  @Test func hdf5() throws {
    try survive("vg150/VG-SGG-with-attri.h5", rounds: 400) { d in
      let f = try HDF5File(data: d, path: "mutated.h5")
      for n in f.memberNames { _ = try f.read(n, as: Int64.self) }
    }
  }

  @Test func pickle() throws {
    try survive("ag_protocols/p2_numpy1/person_bbox.pkl", rounds: 400) { d in
      if case .dict(let dict) = try Unpickler.load(d, path: "mutated.pkl") {
        for v in dict.values {
          if case .ndarray(let a)? = v.dictValue?["bbox"] { _ = a.doubles() }
        }
      }
    }
  }

  @Test func png() throws {
    // CRCs catch nearly every flip, so this mostly checks the chunk walker.
    try survive("pvsg/masks/P01_01/0000.png", rounds: 300) { d in
      _ = try PNGLabelImage(data: d, path: "mutated.png").labelBoxes()
    }
  }

  @Test func json() throws {
    try survive("psg/psg.json", rounds: 300) { d in _ = try parseJSON(d, path: "mutated.json") }
  }
}
