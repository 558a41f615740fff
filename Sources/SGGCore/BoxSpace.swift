/// The coordinate space a model wrote its boxes in (`box_space` in predictions JSONL).
public enum BoxSpace: Hashable, Sendable {
  /// Pixels of the original image (no conversion).
  case pixel
  /// 0–1000 normalised (Qwen2-VL, R1-SGG `box_scale=[1000,1000]`).
  case norm1000
  /// 0–1 normalised.
  case norm1
  /// Pixels of an input resized to `width × height` (Qwen2.5-VL processor size, 640×480).
  case resized(width: Double, height: Double)

  /// Parses `pixel`, `norm1000`, `norm1` or `resized:WxH`; nil for anything else.
  public init?(parsing text: String) {
    switch text {
    case "pixel": self = .pixel
    case "norm1000": self = .norm1000
    case "norm1": self = .norm1
    default:
      guard text.hasPrefix("resized:") else { return nil }
      let dims = text.dropFirst("resized:".count).split(
        separator: "x", omittingEmptySubsequences: false)
      guard dims.count == 2, let w = Double(dims[0]), let h = Double(dims[1]), w > 0, h > 0,
        w.isFinite, h.isFinite
      else { return nil }
      self = .resized(width: w, height: h)
    }
  }

  /// The text form accepted by ``init(parsing:)``.
  public var name: String {
    switch self {
    case .pixel: return "pixel"
    case .norm1000: return "norm1000"
    case .norm1: return "norm1"
    case .resized(let w, let h): return "resized:\(Self.format(w))x\(Self.format(h))"
    }
  }

  /// The box in original pixels of an image of `width × height`: each coordinate becomes
  /// `v * W / w` evaluated left to right (no rounding, no clipping). The order matters at the
  /// IoU threshold: `v * (W / w)` can differ in the last bit.
  public func toPixels(_ box: Box, width: Double, height: Double) -> Box {
    let (sx, sy): (Double, Double)
    switch self {
    case .pixel: return box
    case .norm1000: (sx, sy) = (1000, 1000)
    case .norm1: (sx, sy) = (1, 1)
    case .resized(let w, let h): (sx, sy) = (w, h)
    }
    return Box(
      x1: box.x1 * width / sx, y1: box.y1 * height / sy, x2: box.x2 * width / sx,
      y2: box.y2 * height / sy)
  }

  private static func format(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
  }
}
