/// The VG150 box decode of neural-motifs and Scene-Graph-Benchmark (datasets.md §1.3).
public enum VG150BoxDecoding {
  /// `[cx, cy, w, h]` at the stored scale → integer `[x1, y1, x2, y2]` at the same scale.
  ///
  /// `x1 = trunc(cx - w/2.0)` reproduces numpy's float→int32 assignment in SGB's
  /// `load_graphs` (truncation toward zero). Because the encoder stored `cx = x + floor(w/2)`,
  /// an odd width gives `x1 = x - 1`; this is what every published number used, so it is kept.
  @inlinable
  public static func decode(cx: Int32, cy: Int32, w: Int32, h: Int32) -> (
    x1: Int64, y1: Int64, x2: Int64, y2: Int64
  ) {
    let x1 = Int64(Double(cx) - Double(w) / 2)
    let y1 = Int64(Double(cy) - Double(h) / 2)
    return (x1, y1, x1 + Int64(w), y1 + Int64(h))
  }

  /// One stored coordinate → original pixels: `v / scale * max(W, H)` (float64, as numpy), then
  /// optionally through Float32 (SGB `BoxList`) and clamped to `[0, limit]`.
  @inlinable
  public static func toPixels(
    _ v: Int64, scale: Double, longSide: Double, float32: Bool, clampTo limit: Double?
  ) -> Double {
    var x = Double(v) / scale * longSide
    if float32 { x = Double(Float(x)) }
    if let limit { x = min(max(x, 0), limit) }
    return x
  }
}
