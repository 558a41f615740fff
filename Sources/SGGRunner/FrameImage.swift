import Foundation
import JPEGShim
import SGGDatasets
import SGGReports

/// Reading the image of a sample: JPEG through libjpeg (JPEGShim), PNG (video frames) through
/// SGGDatasets' PNG decoder.
public enum FrameImage {
  /// The size in the file's header, without decoding the pixels (JPEG SOF, PNG IHDR).
  public static func size(of data: Data, path: String) throws -> (width: Int, height: Int) {
    let bytes = [UInt8](data)
    if isPNG(bytes) {
      guard bytes.count >= 24 else {
        throw RunnerError.badImage(path: path, reason: "PNG header is truncated")
      }
      func be32(_ at: Int) -> Int {
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8
          | Int(bytes[at + 3])
      }
      return (be32(16), be32(20))
    }
    var message = [CChar](repeating: 0, count: 256)
    var width: Int32 = 0
    var height: Int32 = 0
    var components: Int32 = 0
    let status = bytes.withUnsafeBufferPointer { buffer in
      sgg_jpeg_header(
        buffer.baseAddress, buffer.count, &width, &height, &components, &message, message.count)
    }
    guard status == 0 else {
      throw RunnerError.badImage(path: path, reason: "JPEG: " + text(message))
    }
    return (Int(width), Int(height))
  }

  /// Decodes JPEG or PNG bytes to RGB.
  ///
  /// PNG: 8-bit RGB and RGBA (alpha dropped) and 8-bit greyscale (with or without alpha) are
  /// read; palette and 16-bit PNGs are refused (the PNG reader returns palette indices, not
  /// colours).
  public static func decode(_ data: Data, path: String) throws -> RGBImage {
    let bytes = [UInt8](data)
    guard isPNG(bytes) else {
      do {
        return try JPEGCodec.decode(data, file: path)
      } catch let error as JPEGError {
        throw RunnerError.badImage(path: path, reason: "JPEG: \(error.message)")
      }
    }
    guard bytes.count >= 26 else {
      throw RunnerError.badImage(path: path, reason: "PNG header is truncated")
    }
    let depth = bytes[24]
    let colour = bytes[25]
    guard depth == 8, [0, 2, 4, 6].contains(colour) else {
      throw RunnerError.badImage(
        path: path,
        reason:
          "PNG of colour type \(colour), bit depth \(depth) is not supported (8-bit RGB, RGBA or grey only)"
      )
    }
    let label: PNGLabelImage
    do {
      label = try PNGLabelImage(data: data, path: path)
    } catch {
      throw RunnerError.badImage(path: path, reason: "\(error)")
    }
    guard label.width > 0, label.height > 0,
      label.width * label.height <= JPEGCodec.maximumPixels,
      label.labels.count == label.width * label.height
    else {
      throw RunnerError.badImage(path: path, reason: "PNG is empty or too large")
    }
    var pixels = [UInt8](repeating: 0, count: label.labels.count * 3)
    let grey = colour == 0 || colour == 4
    for (i, v) in label.labels.enumerated() {
      // RGB(A): the label is R + 256·G + 256²·B; grey: the label is the grey value.
      if grey {
        let g = UInt8(truncatingIfNeeded: v)
        pixels[i * 3] = g
        pixels[i * 3 + 1] = g
        pixels[i * 3 + 2] = g
      } else {
        pixels[i * 3] = UInt8(truncatingIfNeeded: v)
        pixels[i * 3 + 1] = UInt8(truncatingIfNeeded: v >> 8)
        pixels[i * 3 + 2] = UInt8(truncatingIfNeeded: v >> 16)
      }
    }
    guard let image = RGBImage(width: label.width, height: label.height, pixels: pixels) else {
      throw RunnerError.badImage(path: path, reason: "PNG pixel count mismatch")
    }
    return image
  }

  static func isPNG(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 8 && Array(bytes[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
  }

  static func isJPEG(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF
  }

  private static func text(_ message: [CChar]) -> String {
    let bytes = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let text = String(decoding: bytes, as: UTF8.self)
    return text.isEmpty ? "unknown libjpeg error" : text
  }
}
