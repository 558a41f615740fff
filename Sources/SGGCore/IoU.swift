/// The intersection-over-union formulas found in the anchor evaluators (eval-protocols §1.1).
///
/// They differ on purpose: plain IoU is scale invariant, the "+1 pixel" form is not and must be
/// computed in original-image pixels, and COCO's form works on `xywh`.
public enum IoUFlavour: String, Sendable, Codable, CaseIterable {
  /// `inter / union` with areas `(x2-x1)*(y2-y1)` clamped at 0, 0 when `union <= 0`
  /// (R1-SGG `compute_iou`, SceneGraphVLM `bbox_iou`, OED/DETR `box_iou`).
  case plain
  /// Kaihua Tang's `boxlist_iou`: widths `x2-x1+1`, computed in `Float` (float32) like torch.
  case plusOnePixel = "plus-one-pixel"
  /// pycocotools `maskUtils.iou` on `xywh` boxes, in `Double`.
  case coco

  /// IoU of `a` and `b` under this flavour.
  @inlinable
  public func iou(_ a: Box, _ b: Box) -> Double {
    switch self {
    case .plain: return IoU.plain(a, b)
    case .plusOnePixel: return Double(IoU.plusOnePixel(a, b))
    case .coco: return IoU.coco(a, b)
    }
  }
}

/// IoU formulas as pure functions.
public enum IoU {
  /// Plain IoU: `iw = max(0, min(x2) - max(x1))`, areas clamped at 0, 0 if `union <= 0`.
  @inlinable
  public static func plain(_ a: Box, _ b: Box) -> Double {
    // Swift's min/max drop a NaN operand instead of propagating it, which would turn a NaN box
    // into a huge overlap; numpy propagates NaN and the `union > 0` guard then gives 0.
    guard a.isFinite && b.isFinite else { return 0 }
    let iw = max(0, min(a.x2, b.x2) - max(a.x1, b.x1))
    let ih = max(0, min(a.y2, b.y2) - max(a.y1, b.y1))
    let inter = iw * ih
    let areaA = max(0, a.x2 - a.x1) * max(0, a.y2 - a.y1)
    let areaB = max(0, b.x2 - b.x1) * max(0, b.y2 - b.y1)
    let union = areaA + areaB - inter
    return union > 0 ? inter / union : 0
  }

  /// Kaihua Tang / maskrcnn-benchmark `boxlist_iou`, in float32 as torch computes it:
  /// `area = (x2-x1+1)*(y2-y1+1)`, `wh = clamp(min(x2)-max(x1)+1, 0)`, `iou = inter/(aA+aB-inter)`.
  @inlinable
  public static func plusOnePixel(_ a: Box, _ b: Box) -> Float {
    // torch propagates NaN, so no comparison with the threshold holds.
    guard a.isFinite && b.isFinite else { return .nan }
    let ax1 = Float(a.x1)
    let ay1 = Float(a.y1)
    let ax2 = Float(a.x2)
    let ay2 = Float(a.y2)
    let bx1 = Float(b.x1)
    let by1 = Float(b.y1)
    let bx2 = Float(b.x2)
    let by2 = Float(b.y2)
    let areaA = (ax2 - ax1 + 1) * (ay2 - ay1 + 1)
    let areaB = (bx2 - bx1 + 1) * (by2 - by1 + 1)
    let iw = max(min(ax2, bx2) - max(ax1, bx1) + 1, 0)
    let ih = max(min(ay2, by2) - max(ay1, by1) + 1, 0)
    let inter = iw * ih
    let union = areaA + areaB - inter
    // torch divides without a guard; a non-positive union only arises for degenerate boxes,
    // where the division gives inf/nan and `>= 0.5` is false for nan. Keep that behaviour.
    return inter / union
  }

  /// pycocotools `bbIou` on boxes converted to `xywh` (no +1), non-crowd.
  @inlinable
  public static func coco(_ a: Box, _ b: Box) -> Double {
    guard a.isFinite && b.isFinite else { return 0 }
    let wa = a.x2 - a.x1
    let ha = a.y2 - a.y1
    let wb = b.x2 - b.x1
    let hb = b.y2 - b.y1
    let w = min(a.x1 + wa, b.x1 + wb) - max(a.x1, b.x1)
    if w <= 0 { return 0 }
    let h = min(a.y1 + ha, b.y1 + hb) - max(a.y1, b.y1)
    if h <= 0 { return 0 }
    let i = w * h
    return i / (wa * ha + wb * hb - i)
  }
}
