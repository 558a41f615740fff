import Foundation
import Testing

@testable import SGGDatasets

@Suite struct PNGLabelImageTests {
  static let maskFiles = [
    "vidor/masks/0001_4164158586/0000.png", "vidor/masks/0001_4164158586/0003.png",
    "vidor/masks/0001_4164158586/0005.png", "masks/P01_01/0000.png", "masks/P01_01/0001.png",
    "masks/P01_01/0002.png",
  ]

  @Test(arguments: maskFiles)
  func decodesEveryFilterAndBitDepth(file: String) throws {
    // Rows use filters 0–4 in turn; P01_01 frames are 2-, 4- and 8-bit palettes with an odd
    // width (13), so sub-byte packing and row padding are exercised.
    let masks = try #require(try Fixture.expected("pvsg")["masks"] as? [String: [[NSNumber]]])
    let key = file.replacingOccurrences(of: "vidor/", with: "")
      .replacingOccurrences(of: "masks/", with: "").replacingOccurrences(of: ".png", with: "")
    let want = try #require(masks[key])
    let img = try PNGLabelImage(contentsOf: Fixture.dir("pvsg").appendingPathComponent(file))
    #expect(img.height == want.count)
    #expect(img.width == want[0].count)
    #expect(img.labels == want.flatMap { $0.map(\.uint32Value) })
  }

  @Test func boxesUseInclusiveMaximum() throws {
    let img = try PNGLabelImage(
      contentsOf: Fixture.dir("pvsg").appendingPathComponent(
        "vidor/masks/0001_4164158586/0000.png"))
    let boxes = img.labelBoxes()
    // Adult (id 2): rect x 1..<6, y 3..<14 plus a stray pixel at (0, 14) →
    // min (0, 3), inclusive max (5, 14).
    let adult = try #require(boxes[2])
    #expect([adult.minX, adult.minY, adult.maxX, adult.maxY] as [Int] == [0, 3, 5, 14])
    // Wall (id 1): rows 0..<4 of width 21, minus the adult pixels of row 3 and id 9 at (20, 0);
    // row 3 still has x 0 and x 6...20 → [0, 0, 20, 3].
    let wall = try #require(boxes[1])
    #expect([wall.minX, wall.minY, wall.maxX, wall.maxY] as [Int] == [0, 0, 20, 3])
    #expect(boxes[0] == nil)
  }

  @Test func corruptFilesAreReported() throws {
    let c = Fixture.dir("corrupt")
    let crc = datasetError {
      _ = try PNGLabelImage(contentsOf: c.appendingPathComponent("bad_crc.png"))
    }
    #expect(crc?.description.contains("CRC mismatch in IDAT") == true)
    let inter = datasetError {
      _ = try PNGLabelImage(contentsOf: c.appendingPathComponent("interlaced.png"))
    }
    guard case .unsupported(let path, _)? = inter else {
      Issue.record("expected unsupported for an interlaced PNG")
      return
    }
    #expect(path.hasSuffix("interlaced.png"))
    let bytes = try Data(
      contentsOf: Fixture.dir("pvsg").appendingPathComponent("masks/P01_01/0002.png"))
    for cut in 0..<bytes.count {
      let e = datasetError { _ = try PNGLabelImage(data: bytes.prefix(cut), path: "cut.png") }
      #expect(e?.description.hasPrefix("cut.png") == true, "cut at \(cut)")
    }
  }
}
