import Foundation
import JPEGShim

/// Why a JPEG could not be read or written; the message is libjpeg's.
public struct JPEGError: Error, CustomStringConvertible, Sendable {
  /// The file, when the bytes came from one.
  public var file: String?
  public var message: String

  public init(file: String? = nil, message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { (file.map { "\($0): " } ?? "") + "JPEG: " + message }
}

/// JPEG decoding and encoding through libjpeg (the JPEGShim C target catches libjpeg's errors,
/// which would otherwise exit the process).
public enum JPEGCodec {
  /// The largest image decoded, in pixels: bigger files are refused rather than allocated.
  public static let maximumPixels = 100_000_000

  /// Decodes JPEG bytes to RGB (greyscale is expanded by libjpeg).
  public static func decode(_ data: Data, file: String? = nil) throws -> RGBImage {
    var message = [CChar](repeating: 0, count: 256)
    let bytes = [UInt8](data)
    var width: Int32 = 0
    var height: Int32 = 0
    var components: Int32 = 0
    let status = bytes.withUnsafeBufferPointer { buffer in
      sgg_jpeg_header(
        buffer.baseAddress, buffer.count, &width, &height, &components, &message, message.count)
    }
    guard status == 0 else { throw JPEGError(file: file, message: text(message)) }
    let w = Int(width)
    let h = Int(height)
    guard w > 0, h > 0, w * h <= maximumPixels else {
      throw JPEGError(file: file, message: "image of \(w)x\(h) pixels is empty or too large")
    }
    var pixels = [UInt8](repeating: 0, count: w * h * 3)
    let decoded = bytes.withUnsafeBufferPointer { input in
      pixels.withUnsafeMutableBufferPointer { output in
        sgg_jpeg_decode_rgb(
          input.baseAddress, input.count, output.baseAddress, output.count, &message,
          message.count)
      }
    }
    guard decoded == 0, let image = RGBImage(width: w, height: h, pixels: pixels) else {
      throw JPEGError(file: file, message: text(message))
    }
    return image
  }

  /// Reads and decodes the JPEG file at `path`.
  public static func decodeFile(atPath path: String) throws -> RGBImage {
    let data: Data
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw JPEGError(file: path, message: "cannot read the file")
    }
    return try decode(data, file: path)
  }

  /// Encodes `image` as a baseline JPEG of `quality` (1–100).
  public static func encode(_ image: RGBImage, quality: Int = 85) throws -> Data {
    var message = [CChar](repeating: 0, count: 256)
    var output: UnsafeMutablePointer<UInt8>?
    var length: UInt = 0
    let status = image.pixels.withUnsafeBufferPointer { pixels in
      sgg_jpeg_encode_rgb(
        pixels.baseAddress, Int32(clamping: image.width), Int32(clamping: image.height),
        Int32(min(max(quality, 1), 100)), &output, &length, &message, message.count)
    }
    guard status == 0, let output else { throw JPEGError(message: text(message)) }
    defer { sgg_jpeg_free(output) }
    return Data(bytes: output, count: Int(length))
  }

  private static func text(_ message: [CChar]) -> String {
    let bytes = message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let text = String(decoding: bytes, as: UTF8.self)
    return text.isEmpty ? "unknown libjpeg error" : text
  }
}
