/// An axis-aligned box in `x1, y1, x2, y2` corner form.
///
/// Coordinates are stored exactly as given: no clipping and no corner reordering, because most
/// anchors do neither (eval-protocols §1.1) and a reversed box must keep scoring IoU 0 there.
public struct Box: Hashable, Sendable, Codable {
  public var x1: Double
  public var y1: Double
  public var x2: Double
  public var y2: Double

  @inlinable
  public init(x1: Double, y1: Double, x2: Double, y2: Double) {
    self.x1 = x1
    self.y1 = y1
    self.x2 = x2
    self.y2 = y2
  }

  /// Width `x2 - x1` (negative for reversed corners).
  @inlinable public var width: Double { x2 - x1 }
  /// Height `y2 - y1` (negative for reversed corners).
  @inlinable public var height: Double { y2 - y1 }

  /// True when every coordinate is finite.
  @inlinable public var isFinite: Bool {
    x1.isFinite && y1.isFinite && x2.isFinite && y2.isFinite
  }

  /// The same box with reversed corners swapped, as SceneGraphVLM's PSG/PVSG parser does.
  @inlinable public var cornersSorted: Box {
    Box(x1: min(x1, x2), y1: min(y1, y2), x2: max(x1, x2), y2: max(y1, y2))
  }

  /// The box scaled independently along x and y.
  @inlinable public func scaled(x sx: Double, y sy: Double) -> Box {
    Box(x1: x1 * sx, y1: y1 * sy, x2: x2 * sx, y2: y2 * sy)
  }

  /// The four coordinates in order.
  @inlinable public var coordinates: [Double] { [x1, y1, x2, y2] }
}
