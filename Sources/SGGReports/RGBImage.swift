import SGGCore

/// An 8-bit RGB raster (3 bytes a pixel, rows top to bottom), for drawing boxes onto images.
public struct RGBImage: Hashable, Sendable {
  public let width: Int
  public let height: Int
  /// `width * height * 3` bytes.
  public var pixels: [UInt8]

  /// A `width` × `height` image filled with `fill`; empty when either side is not positive.
  public init(width: Int, height: Int, fill: RGBColor = RGBColor(0, 0, 0)) {
    self.width = max(0, width)
    self.height = max(0, height)
    var pixels = [UInt8](repeating: 0, count: self.width * self.height * 3)
    for i in stride(from: 0, to: pixels.count, by: 3) {
      pixels[i] = fill.r
      pixels[i + 1] = fill.g
      pixels[i + 2] = fill.b
    }
    self.pixels = pixels
  }

  /// Wraps decoded pixels; nil unless `pixels.count == width * height * 3`.
  public init?(width: Int, height: Int, pixels: [UInt8]) {
    guard width >= 0, height >= 0, pixels.count == width * height * 3 else { return nil }
    self.width = width
    self.height = height
    self.pixels = pixels
  }

  /// The colour at (`x`, `y`), or nil outside the image.
  public func pixel(x: Int, y: Int) -> RGBColor? {
    guard x >= 0, y >= 0, x < width, y < height else { return nil }
    let i = (y * width + x) * 3
    return RGBColor(pixels[i], pixels[i + 1], pixels[i + 2])
  }

  /// Sets one pixel; coordinates outside the image are ignored.
  public mutating func set(x: Int, y: Int, _ color: RGBColor) {
    guard x >= 0, y >= 0, x < width, y < height else { return }
    let i = (y * width + x) * 3
    pixels[i] = color.r
    pixels[i + 1] = color.g
    pixels[i + 2] = color.b
  }

  /// Fills the rectangle of pixel columns `x0..<x1`, rows `y0..<y1` (clipped to the image).
  public mutating func fill(x0: Int, y0: Int, x1: Int, y1: Int, _ color: RGBColor) {
    let left = max(0, x0)
    let right = min(width, x1)
    let top = max(0, y0)
    let bottom = min(height, y1)
    guard left < right, top < bottom else { return }
    for y in top..<bottom {
      for x in left..<right { set(x: x, y: y, color) }
    }
  }

  /// Draws the outline of `box` (pixel coordinates, x2/y2 exclusive edges) `thickness` pixels
  /// wide, inside the box. Boxes with non-finite coordinates are skipped; the rest are clipped.
  public mutating func strokeBox(_ box: Box, thickness: Int = 3, _ color: RGBColor) {
    guard box.isFinite else { return }
    let b = box.cornersSorted
    // Clamp before converting: a huge coordinate must not overflow Int.
    func clamp(_ v: Double, _ limit: Int) -> Int {
      Int(min(max(v.rounded(), -1), Double(limit + 1)))
    }
    let x0 = clamp(b.x1, width)
    let y0 = clamp(b.y1, height)
    let x1 = max(clamp(b.x2, width), x0 + 1)
    let y1 = max(clamp(b.y2, height), y0 + 1)
    let t = max(1, thickness)
    fill(x0: x0, y0: y0, x1: x1, y1: min(y1, y0 + t), color)
    fill(x0: x0, y0: max(y0, y1 - t), x1: x1, y1: y1, color)
    fill(x0: x0, y0: y0, x1: min(x1, x0 + t), y1: y1, color)
    fill(x0: max(x0, x1 - t), y0: y0, x1: x1, y1: y1, color)
  }
}

/// An 8-bit RGB colour.
public struct RGBColor: Hashable, Sendable {
  public var r: UInt8
  public var g: UInt8
  public var b: UInt8

  public init(_ r: UInt8, _ g: UInt8, _ b: UInt8) {
    self.r = r
    self.g = g
    self.b = b
  }

  /// Ground-truth boxes.
  public static let groundTruth = RGBColor(0x1f, 0x9d, 0x55)
  /// Predicted boxes matched to a ground-truth object.
  public static let matched = RGBColor(0x22, 0x6f, 0xe0)
  /// Predicted boxes matched to nothing.
  public static let unmatched = RGBColor(0xe0, 0x3c, 0x31)
}
