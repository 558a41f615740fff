import Foundation
import SGGReports

/// How images are sized before sending.
public enum ResizePolicy: Hashable, Sendable {
  /// Sent as stored (a JPEG is sent byte for byte; a PNG is re-encoded as JPEG).
  case none
  /// Resized to exactly `width × height` with Pillow-style bilinear, aspect not kept
  /// (SceneGraphVLM's 640×480).
  case exact(width: Int, height: Int)

  /// Parses `none` or `WxH` (e.g. `640x480`).
  public init?(parsing text: String) {
    if text == "none" {
      self = .none
      return
    }
    let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
    guard parts.count == 2, let w = Int(parts[0]), let h = Int(parts[1]), w > 0, h > 0,
      w <= 16384, h <= 16384
    else { return nil }
    self = .exact(width: w, height: h)
  }

  public var name: String {
    switch self {
    case .none: return "none"
    case .exact(let w, let h): return "\(w)x\(h)"
    }
  }
}

/// An image ready to send.
public struct PreparedImage: Sendable, Hashable {
  /// The file it came from.
  public var path: String
  /// `data:image/jpeg;base64,…`.
  public var dataURL: String
  /// The size of the image as sent.
  public var width: Int
  public var height: Int
  /// The size of the file's image.
  public var originalWidth: Int
  public var originalHeight: Int
}

/// Finds, reads, resizes and encodes the image of each sample.
public struct ImagePreparation: Sendable {
  /// Directory holding `{id}.jpg` (or `.jpeg`, `.png`).
  public var directory: URL
  public var resize: ResizePolicy
  /// JPEG quality for re-encoded images.
  public var jpegQuality: Int

  public static let extensions = ["jpg", "jpeg", "png", "JPG", "JPEG", "PNG"]

  public init(directory: URL, resize: ResizePolicy, jpegQuality: Int = 95) {
    self.directory = directory
    self.resize = resize
    self.jpegQuality = min(max(jpegQuality, 1), 100)
  }

  /// The image file of sample `id`: the first of `DIR/{id}.{jpg,jpeg,png,…}` that exists.
  public func file(for id: String) throws -> URL {
    var tried: [String] = []
    // An id with a path separator is looked up as a relative path below the directory.
    for ext in Self.extensions {
      let url = directory.appendingPathComponent(id + "." + ext)
      if FileManager.default.fileExists(atPath: url.path) { return url }
      tried.append(url.path)
    }
    throw RunnerError.missingImage(sampleID: id, tried: Array(tried.prefix(3)))
  }

  /// Reads the image of sample `id` and makes it ready to send.
  public func prepare(id: String) throws -> PreparedImage {
    let url = try file(for: id)
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw RunnerError.badImage(path: url.path, reason: "cannot read the file")
    }
    return try prepare(data: data, path: url.path)
  }

  /// Makes `data` (JPEG or PNG bytes) ready to send.
  public func prepare(data: Data, path: String) throws -> PreparedImage {
    let bytes = [UInt8](data)
    guard FrameImage.isJPEG(bytes) || FrameImage.isPNG(bytes) else {
      throw RunnerError.badImage(path: path, reason: "neither a JPEG nor a PNG file")
    }
    if resize == .none, FrameImage.isJPEG(bytes) {
      let size = try FrameImage.size(of: data, path: path)
      guard size.width > 0, size.height > 0 else {
        throw RunnerError.badImage(path: path, reason: "JPEG has an empty size")
      }
      return PreparedImage(
        path: path, dataURL: Self.dataURL(jpeg: data), width: size.width, height: size.height,
        originalWidth: size.width, originalHeight: size.height)
    }
    let image = try FrameImage.decode(data, path: path)
    var sent = image
    if case .exact(let w, let h) = resize {
      sent = ImageResize.bilinear(image, width: w, height: h)
    }
    let jpeg: Data
    do {
      jpeg = try JPEGCodec.encode(sent, quality: jpegQuality)
    } catch {
      throw RunnerError.badImage(path: path, reason: "cannot encode as JPEG: \(error)")
    }
    return PreparedImage(
      path: path, dataURL: Self.dataURL(jpeg: jpeg), width: sent.width, height: sent.height,
      originalWidth: image.width, originalHeight: image.height)
  }

  static func dataURL(jpeg: Data) -> String {
    "data:image/jpeg;base64," + jpeg.base64EncodedString()
  }
}
