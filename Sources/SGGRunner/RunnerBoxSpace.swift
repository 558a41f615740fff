import SGGCore

/// The box space written for each prediction, so that scoring converts the model's boxes back
/// to original pixels (eval-protocols §1.4).
public enum RunnerBoxSpace: Hashable, Sendable {
  /// The same space for every sample (`pixel`, `norm1000`, `norm1`, `resized:WxH`).
  case fixed(BoxSpace)
  /// Pixels of the image as sent (`resized:WxH` of the sent size, or `pixel` when not resized).
  case sent
  /// Qwen2.5-VL: pixels of the processor's `smart_resize` of the sent image (R1-SGG
  /// `box_scale=[grid_w*14, grid_h*14]`, min_pixels 4·28², max_pixels 1024·28²).
  case qwen25VL(minPixels: Int, maxPixels: Int)

  /// Parses `pixel`, `norm1000`, `norm1`, `resized:WxH`, `sent` or `qwen25vl`.
  public init?(parsing text: String) {
    switch text {
    case "sent": self = .sent
    case "qwen25vl": self = .qwen25VL(minPixels: 4 * 28 * 28, maxPixels: 1024 * 28 * 28)
    default:
      guard let space = BoxSpace(parsing: text) else { return nil }
      self = .fixed(space)
    }
  }

  public var name: String {
    switch self {
    case .fixed(let s): return s.name
    case .sent: return "sent"
    case .qwen25VL: return "qwen25vl"
    }
  }

  /// The space of one prediction whose image was sent as `width × height`, from an original
  /// of `originalWidth × originalHeight`.
  public func space(sentWidth: Int, sentHeight: Int, originalWidth: Int, originalHeight: Int)
    -> BoxSpace
  {
    switch self {
    case .fixed(let s): return s
    case .sent:
      if sentWidth == originalWidth && sentHeight == originalHeight { return .pixel }
      return .resized(width: Double(sentWidth), height: Double(sentHeight))
    case .qwen25VL(let minPixels, let maxPixels):
      let (h, w) = QwenSmartResize.size(
        height: sentHeight, width: sentWidth, minPixels: minPixels, maxPixels: maxPixels)
      return .resized(width: Double(w), height: Double(h))
    }
  }
}

/// `qwen_vl_utils.smart_resize` (factor 28): both sides multiples of 28, pixel count within
/// `[minPixels, maxPixels]`, aspect ratio nearly kept.
public enum QwenSmartResize {
  public static func size(
    height: Int, width: Int, factor: Int = 28, minPixels: Int, maxPixels: Int
  ) -> (height: Int, width: Int) {
    let f = Double(factor)
    let h = Double(max(1, height))
    let w = Double(max(1, width))
    // Python round() rounds half to even.
    func roundBy(_ v: Double) -> Double { (v / f).rounded(.toNearestOrEven) * f }
    func floorBy(_ v: Double) -> Double { (v / f).rounded(.down) * f }
    func ceilBy(_ v: Double) -> Double { (v / f).rounded(.up) * f }
    var hBar = max(f, roundBy(h))
    var wBar = max(f, roundBy(w))
    if hBar * wBar > Double(maxPixels) {
      let beta = ((h * w) / Double(maxPixels)).squareRoot()
      hBar = max(f, floorBy(h / beta))
      wBar = max(f, floorBy(w / beta))
    } else if hBar * wBar < Double(minPixels) {
      let beta = (Double(minPixels) / (h * w)).squareRoot()
      hBar = ceilBy(h * beta)
      wBar = ceilBy(w * beta)
    }
    return (Int(hBar), Int(wBar))
  }
}
