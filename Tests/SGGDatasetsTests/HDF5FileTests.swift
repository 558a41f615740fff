import Foundation
import Testing

@testable import SGGDatasets

@Suite struct HDF5FileTests {
  let url = Fixture.dir("vg150").appendingPathComponent("VG-SGG-with-attri.h5")

  @Test func listsAllTwelveDatasetsAcrossSymbolNodes() throws {
    let f = try HDF5File(contentsOf: url)
    // 12 members need two SNOD leaves (group leaf K = 4 → ≤ 8 per node); h5py stores names
    // sorted.
    #expect(
      f.memberNames == [
        "active_object_mask", "attributes", "boxes_1024", "boxes_512", "img_to_first_box",
        "img_to_first_rel", "img_to_last_box", "img_to_last_rel", "labels", "predicates",
        "relationships", "split",
      ])
  }

  @Test func readsIndexColumnsAsWritten() throws {
    let f = try HDF5File(contentsOf: url)
    // Rows = make_fixtures.VG_IMAGES without the 4 corrupted ids:
    // ids 1, 10, 107, 51, 52, 2343728, 2417985, 60, 61, 62.
    #expect(try f.read("split", as: Int32.self) == [0, 0, 0, 0, 0, 2, 2, 2, 2, 0])
    // Boxes per image: 3, 0, 1, 3, 3, 3, 2, 1, 0, 2 → first rows 0, -, 3, 4, 7, 10, 13, 15, -, 16.
    #expect(
      try f.read("img_to_first_box", as: Int32.self) == [0, -1, 3, 4, 7, 10, 13, 15, -1, 16])
    #expect(try f.read("img_to_last_box", as: Int32.self) == [2, -1, 3, 6, 9, 12, 14, 15, -1, 17])
    // Relations per image: 3, 0, 0, 3, 4, 4, 1, 0, 0, 1.
    #expect(
      try f.read("img_to_first_rel", as: Int32.self) == [0, -1, -1, 3, 6, 10, 14, -1, -1, 15])
    let ds = try f.dataset("boxes_1024")
    #expect(ds.shape == [18, 4])
    #expect(ds.typeDescription == "<i4")
    #expect(try f.dataset("labels").typeDescription == "<i8")
  }

  @Test func readsEncodedBoxesAndWidensInt64() throws {
    let f = try HDF5File(contentsOf: url)
    let boxes = try f.read("boxes_1024", as: Int32.self)
    // Image 51 (1024×768, scale 1): dog at VG (x 11, y 21, w 101, h 50) →
    // x = floor(10) = 10, y = 20, w = 101, h = 50 → cx = 10 + 50 = 60, cy = 20 + 25 = 45.
    #expect(Array(boxes[16..<20]) == [60, 45, 101, 50])
    // labels are <i8: dog is class 37 of the alphabetical list (1-based).
    let labels = try f.read("labels", as: Int.self)
    #expect(labels[4] == 37)
    // The bool mask is an HDF5 enum over int8 (h5py's bool).
    let mask = try f.dataset("active_object_mask")
    #expect(mask.isEnum && mask.elementSize == 1)
    #expect(try f.read(mask, as: UInt8.self) == [UInt8](repeating: 1, count: 18))
  }

  @Test func narrowingThatOverflowsIsAnErrorNotATrap() throws {
    let f = try HDF5File(contentsOf: url)
    // split values fit Int8; labels up to 150 do not fit Int8 → error naming the dataset.
    #expect(try f.read("split", as: Int8.self).count == 10)
    let e = datasetError { _ = try f.read("labels", as: Int8.self) }
    #expect(e?.description.contains("'labels'") == true)
  }

  @Test func rejectsChunkedCompressedDatasets() throws {
    let u = Fixture.dir("corrupt").appendingPathComponent("chunked_gzip.h5")
    let f = try HDF5File(contentsOf: u)
    let e = datasetError { _ = try f.read("boxes_1024", as: Int32.self) }
    guard case .unsupported(let path, let feature)? = e else {
      Issue.record("expected unsupported, got \(String(describing: e))")
      return
    }
    #expect(path.hasSuffix("chunked_gzip.h5"))
    #expect(feature.contains("chunked") || feature.contains("filter"))
  }

  @Test func rejectsLatestFormatSuperblock() {
    let u = Fixture.dir("corrupt").appendingPathComponent("libver_latest.h5")
    let e = datasetError { _ = try HDF5File(contentsOf: u) }
    #expect(e?.description.contains("superblock version") == true)
    #expect(e?.description.contains("libver_latest.h5") == true)
  }

  @Test func notHDF5AndMissingFileAreNamed() {
    let json = Fixture.dir("vg150").appendingPathComponent("image_data.json")
    #expect(
      datasetError { _ = try HDF5File(contentsOf: json) }?.description.contains("not an HDF5")
        == true)
    let missing = Fixture.dir("vg150").appendingPathComponent("nope.h5")
    guard case .missingFile? = datasetError({ _ = try HDF5File(contentsOf: missing) }) else {
      Issue.record("expected missingFile")
      return
    }
  }

  @Test func everyTruncationFailsCleanly() throws {
    let bytes = try Data(contentsOf: url)
    // Cut the file at many points: opening and reading must either work (cut after the last
    // byte read) or throw a DatasetError naming the file, never trap.
    for cut in stride(from: 0, to: bytes.count, by: 61) {
      let part = bytes.prefix(cut)
      do {
        let f = try HDF5File(data: part, path: "cut.h5")
        for name in f.memberNames { _ = try f.read(name, as: Int64.self) }
        Issue.record("truncation at \(cut) of \(bytes.count) went unnoticed")
      } catch let e as DatasetError {
        #expect(e.description.hasPrefix("cut.h5"))
      }
    }
  }
}
