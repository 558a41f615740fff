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

  /// The per-axis factors that take a box in this space to original pixels of an image of
  /// `width × height` (pred × (iw/box_w, ih/box_h), no rounding or clipping, as R1-SGG does).
  public func scaleToPixels(width: Double, height: Double) -> (x: Double, y: Double) {
    switch self {
    case .pixel: return (1, 1)
    case .norm1000: return (width / 1000, height / 1000)
    case .norm1: return (width, height)
    case .resized(let w, let h): return (width / w, height / h)
    }
  }

  private static func format(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v)
  }
}
