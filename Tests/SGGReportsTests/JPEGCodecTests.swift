import Foundation
import SGGCore
import Testing

@testable import SGGReports

@Suite struct JPEGCodecTests {
  @Test func roundTripKeepsSizeAndColours() throws {
    var image = RGBImage(width: 64, height: 48, fill: RGBColor(250, 250, 250))
    image.fill(x0: 0, y0: 0, x1: 32, y1: 48, RGBColor(200, 30, 30))
    let data = try JPEGCodec.encode(image, quality: 95)
    #expect(data.starts(with: [0xFF, 0xD8]))
    let decoded = try JPEGCodec.decode(data)
    #expect(decoded.width == 64 && decoded.height == 48)
    // Lossy, so within a small tolerance away from the edge between the halves.
    let left = try #require(decoded.pixel(x: 8, y: 24))
    let right = try #require(decoded.pixel(x: 56, y: 24))
    #expect(abs(Int(left.r) - 200) < 12 && abs(Int(left.g) - 30) < 12)
    #expect(abs(Int(right.r) - 250) < 8 && abs(Int(right.b) - 250) < 8)
  }

  @Test func corruptDataIsAnErrorNotAnExit() throws {
    let data = try JPEGCodec.encode(RGBImage(width: 16, height: 16))
    #expect(throws: JPEGError.self) { try JPEGCodec.decode(data.prefix(20)) }
    #expect(throws: JPEGError.self) { try JPEGCodec.decode(Data("not a jpeg".utf8)) }
    #expect(throws: JPEGError.self) { try JPEGCodec.decode(Data()) }
  }

  // Box (2, 3)–(10, 9), 2 px wide: rows 3–4 and 7–8, columns 2–3 and 8–9 are drawn; (5, 5)
  // inside stays white; boxes outside or non-finite are clipped or skipped.
  @Test func strokeBoxDrawsTheOutlineInside() {
    var image = RGBImage(width: 12, height: 12, fill: RGBColor(255, 255, 255))
    let red = RGBColor(255, 0, 0)
    image.strokeBox(Box(x1: 2, y1: 3, x2: 10, y2: 9), thickness: 2, red)
    #expect(image.pixel(x: 2, y: 3) == red)
    #expect(image.pixel(x: 9, y: 8) == red)
    #expect(image.pixel(x: 3, y: 6) == red)
    #expect(image.pixel(x: 8, y: 6) == red)
    #expect(image.pixel(x: 5, y: 5) == RGBColor(255, 255, 255))
    #expect(image.pixel(x: 10, y: 9) == RGBColor(255, 255, 255))
    image.strokeBox(Box(x1: -.infinity, y1: 0, x2: 5, y2: 5), red)
    image.strokeBox(Box(x1: -1e300, y1: -5, x2: 1e300, y2: 1), thickness: 1, red)
    #expect(image.pixel(x: 11, y: 0) == red)
  }
}
