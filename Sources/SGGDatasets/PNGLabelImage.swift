import CZlib
import Foundation

/// A decoded PNG whose pixel values are labels (PVSG masks: value == object id, 0 == void).
///
/// Supports non-interlaced PNGs of colour types palette (bit depth 1, 2, 4, 8 — Pillow writes
/// small palettes with fewer bits), greyscale (1–16 bits), RGB/RGBA (8 bits; a pixel's label is
/// the COCO-panoptic id `R + 256·G + 256²·B`, which SceneGraphVLM also accepts defensively,
/// datasets.md §3.2) and grey+alpha. Decompression uses zlib; the five scanline filters are
/// undone here. Chunk CRCs are checked so a corrupt file is reported, not misread.
public struct PNGLabelImage: Sendable, Equatable {
  public var width: Int
  public var height: Int
  /// One label per pixel, row-major.
  public var labels: [UInt32]

  /// Decodes `data`; `path` names the file in errors.
  public init(data: Data, path: String) throws {
    let bytes = [UInt8](data)
    func bad(_ what: String) -> DatasetError { .malformed(path: path, detail: "PNG: \(what)") }
    let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    guard bytes.count >= 8, Array(bytes[0..<8]) == signature else {
      throw bad("not a PNG file (bad signature)")
    }
    func be32(_ at: Int) -> UInt32 {
      UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8
        | UInt32(bytes[at + 3])
    }
    var pos = 8
    var header: (w: Int, h: Int, depth: Int, color: Int)?
    var compressed = [UInt8]()
    var sawEnd = false
    while pos + 12 <= bytes.count {
      let length = Int(be32(pos))
      guard length <= bytes.count - pos - 12 else { throw bad("chunk at byte \(pos) is truncated") }
      let type = String(decoding: bytes[(pos + 4)..<(pos + 8)], as: UTF8.self)
      let body = (pos + 8)..<(pos + 8 + length)
      let stored = be32(pos + 8 + length)
      let crc = bytes.withUnsafeBufferPointer { p in
        CZlib.crc32(0, p.baseAddress! + pos + 4, uInt(length + 4))
      }
      guard UInt32(crc) == stored else { throw bad("CRC mismatch in \(type) chunk at byte \(pos)") }
      switch type {
      case "IHDR":
        guard length == 13 else { throw bad("IHDR has \(length) bytes, expected 13") }
        let b = body.lowerBound
        let w = Int(be32(b))
        let h = Int(be32(b + 4))
        guard bytes[b + 10] == 0, bytes[b + 11] == 0 else {
          throw bad("unknown compression or filter method")
        }
        guard bytes[b + 12] == 0 else {
          throw DatasetError.unsupported(path: path, feature: "interlaced (Adam7) PNG")
        }
        // 2^26 pixels (e.g. 8192 × 8192) bounds the buffers a corrupt header could request.
        guard w > 0, h > 0, w <= 1 << 16, h <= 1 << 16, w * h <= 1 << 26 else {
          throw bad("image size \(w)×\(h) outside the supported 2^26 pixels")
        }
        header = (w, h, Int(bytes[b + 8]), Int(bytes[b + 9]))
      case "IDAT":
        compressed.append(contentsOf: bytes[body])
      case "IEND":
        sawEnd = true
      default:
        break
      }
      pos += 12 + length
      if sawEnd { break }
    }
    guard let header else { throw bad("missing IHDR chunk") }
    guard sawEnd else { throw bad("missing IEND chunk (truncated file?)") }
    let channelsByColor = [0: 1, 2: 3, 3: 1, 4: 2, 6: 4]
    guard let channels = channelsByColor[header.color] else {
      throw bad("invalid colour type \(header.color)")
    }
    let validDepth: Bool
    switch header.color {
    case 0: validDepth = [1, 2, 4, 8, 16].contains(header.depth)
    case 3: validDepth = [1, 2, 4, 8].contains(header.depth)
    default: validDepth = header.depth == 8
    }
    guard validDepth else {
      throw DatasetError.unsupported(
        path: path, feature: "PNG colour type \(header.color) with bit depth \(header.depth)")
    }
    let bitsPerPixel = channels * header.depth
    let rowBytes = (header.w * bitsPerPixel + 7) / 8
    let filterStride = max(1, bitsPerPixel / 8)
    let expected = header.h * (rowBytes + 1)
    var raw = [UInt8](repeating: 0, count: expected)
    var outLength = uLongf(expected)
    let status = raw.withUnsafeMutableBufferPointer { out in
      compressed.withUnsafeBufferPointer { src in
        uncompress(out.baseAddress, &outLength, src.baseAddress, uLong(src.count))
      }
    }
    guard status == Z_OK else {
      let reason =
        status == Z_BUF_ERROR
        ? "more or less image data than the header implies" : "corrupt zlib stream"
      throw bad("IDAT decompression failed (\(reason), zlib status \(status))")
    }
    guard Int(outLength) == expected else {
      throw bad("image data has \(outLength) bytes, expected \(expected) (truncated?)")
    }
    // Undo the per-scanline filters in place (PNG spec §9).
    var rows = [UInt8](repeating: 0, count: header.h * rowBytes)
    try raw.withUnsafeBufferPointer { src in
      try rows.withUnsafeMutableBufferPointer { dst in
        for y in 0..<header.h {
          let filter = src[y * (rowBytes + 1)]
          let s = y * (rowBytes + 1) + 1
          let d = y * rowBytes
          let up = d - rowBytes
          let bpp = filterStride
          // One loop per filter type keeps the per-byte work branch-free.
          switch filter {
          case 0:
            for x in 0..<rowBytes { dst[d + x] = src[s + x] }
          case 1:
            for x in 0..<rowBytes {
              dst[d + x] = x >= bpp ? src[s + x] &+ dst[d + x - bpp] : src[s + x]
            }
          case 2:
            for x in 0..<rowBytes { dst[d + x] = y > 0 ? src[s + x] &+ dst[up + x] : src[s + x] }
          case 3:
            for x in 0..<rowBytes {
              let a = x >= bpp ? Int(dst[d + x - bpp]) : 0
              let b = y > 0 ? Int(dst[up + x]) : 0
              dst[d + x] = src[s + x] &+ UInt8(truncatingIfNeeded: (a + b) >> 1)
            }
          case 4:
            for x in 0..<rowBytes {
              let a = x >= bpp ? Int(dst[d + x - bpp]) : 0
              let b = y > 0 ? Int(dst[up + x]) : 0
              let c = (x >= bpp && y > 0) ? Int(dst[up + x - bpp]) : 0
              let p = a + b - c
              let pa = abs(p - a)
              let pb = abs(p - b)
              let pc = abs(p - c)
              let predicted = (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c)
              dst[d + x] = src[s + x] &+ UInt8(truncatingIfNeeded: predicted)
            }
          default: throw bad("unknown scanline filter \(filter) in row \(y)")
          }
        }
      }
    }
    width = header.w
    height = header.h
    var labels = [UInt32](repeating: 0, count: header.w * header.h)
    rows.withUnsafeBufferPointer { r in
      labels.withUnsafeMutableBufferPointer { out in
        for y in 0..<header.h {
          let row = y * rowBytes
          let o = y * header.w
          switch (header.depth, channels) {
          case (8, 1):
            for x in 0..<header.w { out[o + x] = UInt32(r[row + x]) }
          case (16, 1):
            for x in 0..<header.w {
              out[o + x] = UInt32(r[row + 2 * x]) << 8 | UInt32(r[row + 2 * x + 1])
            }
          case (8, 2):
            for x in 0..<header.w { out[o + x] = UInt32(r[row + 2 * x]) }
          case (8, let n):
            for x in 0..<header.w {
              let p = row + n * x
              out[o + x] = UInt32(r[p]) | UInt32(r[p + 1]) << 8 | UInt32(r[p + 2]) << 16
            }
          default:  // 1, 2 or 4 bits, one channel: pixels packed from the high bits
            let depth = header.depth
            let mask = UInt32((1 << depth) - 1)
            for x in 0..<header.w {
              let bit = x * depth
              let byte = UInt32(r[row + bit / 8])
              out[o + x] = (byte >> UInt32(8 - depth - bit % 8)) & mask
            }
          }
        }
      }
    }
    self.labels = labels
  }

  /// Decodes the PNG file at `url`.
  public init(contentsOf url: URL) throws {
    try self.init(data: readFile(url, expected: "a PNG mask"), path: url.path)
  }

  /// The tight box of every non-zero label: `[x_min, y_min, x_max, y_max]` with the maximum
  /// **inclusive** (the last pixel index, no +1), as SceneGraphVLM's
  /// `prepare_original_pvsg_sft.py` computes PVSG boxes (datasets.md §3.3 step 1).
  public func labelBoxes() -> [UInt32: (minX: Int, minY: Int, maxX: Int, maxY: Int)] {
    var boxes: [UInt32: (minX: Int, minY: Int, maxX: Int, maxY: Int)] = [:]
    labels.withUnsafeBufferPointer { p in
      for y in 0..<height {
        var x = 0
        let o = y * width
        while x < width {
          let v = p[o + x]
          // Runs of one label are the common case: extend the box once per run.
          var end = x + 1
          while end < width, p[o + end] == v { end += 1 }
          if v != 0 {
            if var b = boxes[v] {
              b.minX = min(b.minX, x)
              b.maxX = max(b.maxX, end - 1)
              b.minY = min(b.minY, y)
              b.maxY = max(b.maxY, y)
              boxes[v] = b
            } else {
              boxes[v] = (x, y, end - 1, y)
            }
          }
          x = end
        }
      }
    }
    return boxes
  }
}
