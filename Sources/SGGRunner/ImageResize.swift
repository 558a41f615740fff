import SGGReports

/// Pillow's `Image.resize(size, Image.BILINEAR)` for 8-bit RGB (`libImaging/Resample.c`), which
/// is how SceneGraphVLM made its 640×480 inputs (eval-protocols §3.7: bilinear, aspect not
/// kept).
///
/// Pillow's "bilinear" is a separable convolution with the triangle filter whose support grows
/// with the downscale factor (so shrinking averages, not point-samples), with coefficients in
/// 22-bit fixed point and the horizontal pass (rounded to 8 bits) before the vertical pass.
/// Both are reproduced here.
public enum ImageResize {
  /// `image` resized to `width × height` (both ≥ 1); the same image when the size is unchanged.
  public static func bilinear(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
    let w = max(1, width)
    let h = max(1, height)
    guard image.width > 0, image.height > 0 else { return RGBImage(width: w, height: h) }
    if w == image.width && h == image.height { return image }
    var current = image
    if w != image.width {
      current = horizontal(current, to: w)
    }
    if h != image.height {
      current = vertical(current, to: h)
    }
    return current
  }

  /// Per output index: first input index and fixed-point weights (`precompute_coeffs` +
  /// `normalize_coeffs_8bpc`).
  static func coefficients(input: Int, output: Int) -> [(start: Int, weights: [Int32])] {
    let scale = Double(input) / Double(output)
    let filterScale = max(scale, 1)
    let support = 1.0 * filterScale
    var out: [(Int, [Int32])] = []
    out.reserveCapacity(output)
    for i in 0..<output {
      let center = (Double(i) + 0.5) * scale
      // C casts truncate toward zero.
      let xmin = max(Int((center - support + 0.5).rounded(.towardZero)), 0)
      let xmax = min(Int((center + support + 0.5).rounded(.towardZero)), input) - xmin
      var k = [Double](repeating: 0, count: max(0, xmax))
      var total = 0.0
      for x in 0..<max(0, xmax) {
        let t = abs((Double(x + xmin) - center + 0.5) / filterScale)
        let v = t < 1 ? 1 - t : 0
        k[x] = v
        total += v
      }
      let fixed = k.map { v -> Int32 in
        let n = total != 0 ? v / total : 0
        return Int32((n * Double(1 << 22) + (n < 0 ? -0.5 : 0.5)).rounded(.towardZero))
      }
      out.append((xmin, fixed))
    }
    return out
  }

  static func clip8(_ v: Int64) -> UInt8 {
    let shifted = v >> 22
    return UInt8(clamping: shifted)
  }

  static func horizontal(_ image: RGBImage, to width: Int) -> RGBImage {
    let coeffs = coefficients(input: image.width, output: width)
    var pixels = [UInt8](repeating: 0, count: width * image.height * 3)
    image.pixels.withUnsafeBufferPointer { src in
      for y in 0..<image.height {
        let row = y * image.width * 3
        for (x, c) in coeffs.enumerated() {
          var r: Int64 = 1 << 21
          var g: Int64 = 1 << 21
          var b: Int64 = 1 << 21
          for (j, wt) in c.weights.enumerated() {
            let p = row + (c.start + j) * 3
            r += Int64(src[p]) * Int64(wt)
            g += Int64(src[p + 1]) * Int64(wt)
            b += Int64(src[p + 2]) * Int64(wt)
          }
          let o = (y * width + x) * 3
          pixels[o] = clip8(r)
          pixels[o + 1] = clip8(g)
          pixels[o + 2] = clip8(b)
        }
      }
    }
    return RGBImage(width: width, height: image.height, pixels: pixels)
      ?? RGBImage(width: width, height: image.height)
  }

  static func vertical(_ image: RGBImage, to height: Int) -> RGBImage {
    let coeffs = coefficients(input: image.height, output: height)
    let w = image.width
    var pixels = [UInt8](repeating: 0, count: w * height * 3)
    image.pixels.withUnsafeBufferPointer { src in
      for (y, c) in coeffs.enumerated() {
        for x in 0..<w {
          var r: Int64 = 1 << 21
          var g: Int64 = 1 << 21
          var b: Int64 = 1 << 21
          for (j, wt) in c.weights.enumerated() {
            let p = ((c.start + j) * w + x) * 3
            r += Int64(src[p]) * Int64(wt)
            g += Int64(src[p + 1]) * Int64(wt)
            b += Int64(src[p + 2]) * Int64(wt)
          }
          let o = (y * w + x) * 3
          pixels[o] = clip8(r)
          pixels[o + 1] = clip8(g)
          pixels[o + 2] = clip8(b)
        }
      }
    }
    return RGBImage(width: w, height: height, pixels: pixels) ?? RGBImage(width: w, height: height)
  }
}
