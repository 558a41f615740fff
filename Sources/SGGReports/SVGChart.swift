/// Inline SVG charts for the HTML reports (drawn here, so pages need no script or library).
public enum SVGChart {
  /// One point of a scatter plot.
  public struct Point: Sendable {
    public var label: String
    public var x: Double
    public var y: Double

    public init(label: String, x: Double, y: Double) {
      self.label = label
      self.x = x
      self.y = y
    }
  }

  /// One bar group: a category and one value per series.
  public struct BarGroup: Sendable {
    public var category: String
    public var values: [Double]

    public init(category: String, values: [Double]) {
      self.category = category
      self.values = values
    }
  }

  /// Series colours (colour-blind-safe Okabe–Ito order).
  public static let palette = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]

  static func number(_ v: Double) -> String { MetricFormat.fixed(v, digits: 1) }

  /// "Nice" axis maximum: 1, 2 or 5 times a power of ten at or above `v`.
  static func niceMax(_ v: Double) -> Double {
    guard v.isFinite, v > 0 else { return 1 }
    var step = 1.0
    while step < v { step *= 10 }
    while step / 10 >= v { step /= 10 }
    for m in [0.1, 0.2, 0.5, 1.0] where step * m >= v { return step * m }
    return step
  }

  /// A scatter plot of `points` (non-finite points are left out) with axis titles.
  public static func scatter(
    _ points: [Point], xTitle: String, yTitle: String, yIsPercent: Bool = true,
    width: Int = 520, height: Int = 340
  ) -> String {
    let shown = points.filter { $0.x.isFinite && $0.y.isFinite }
    let left = 60.0
    let right = 20.0
    let top = 20.0
    let bottom = 46.0
    let w = Double(width) - left - right
    let h = Double(height) - top - bottom
    let xMax = niceMax(shown.map(\.x).max() ?? 1)
    let yMax = yIsPercent ? min(1, niceMax(shown.map(\.y).max() ?? 1)) : niceMax(shown.map(\.y).max() ?? 1)
    func px(_ x: Double) -> Double { left + x / xMax * w }
    func py(_ y: Double) -> Double { top + h - y / yMax * h }
    var s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTMLPage.escape(yTitle)) against \(HTMLPage.escape(xTitle))\">\n"
    s += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
    for i in 0...4 {
      let fx = Double(i) / 4
      let gy = top + h - fx * h
      let gx = left + fx * w
      s += "<line x1=\"\(number(left))\" y1=\"\(number(gy))\" x2=\"\(number(left + w))\" y2=\"\(number(gy))\" stroke=\"#e5e7eb\"/>\n"
      let yLabel = yIsPercent ? MetricFormat.fixed(fx * yMax * 100, digits: 0) : MetricFormat.fixed(fx * yMax, digits: 2)
      s += "<text x=\"\(number(left - 6))\" y=\"\(number(gy + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#57606a\">\(yLabel)</text>\n"
      s += "<text x=\"\(number(gx))\" y=\"\(number(top + h + 16))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#57606a\">\(MetricFormat.fixed(fx * xMax, digits: xMax < 1 ? 3 : 2))</text>\n"
    }
    s += "<line x1=\"\(number(left))\" y1=\"\(number(top + h))\" x2=\"\(number(left + w))\" y2=\"\(number(top + h))\" stroke=\"#57606a\"/>\n"
    s += "<line x1=\"\(number(left))\" y1=\"\(number(top))\" x2=\"\(number(left))\" y2=\"\(number(top + h))\" stroke=\"#57606a\"/>\n"
    s += "<text x=\"\(number(left + w / 2))\" y=\"\(height - 8)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1f24\">\(HTMLPage.escape(xTitle))</text>\n"
    s += "<text x=\"14\" y=\"\(number(top + h / 2))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#1b1f24\" transform=\"rotate(-90 14 \(number(top + h / 2)))\">\(HTMLPage.escape(yTitle))</text>\n"
    for (i, p) in shown.enumerated() {
      let color = palette[i % palette.count]
      s += "<circle cx=\"\(number(px(p.x)))\" cy=\"\(number(py(p.y)))\" r=\"5\" fill=\"\(color)\"><title>\(HTMLPage.escape(p.label))</title></circle>\n"
      s += "<text x=\"\(number(px(p.x) + 8))\" y=\"\(number(py(p.y) - 6))\" font-size=\"11\" fill=\"#1b1f24\">\(HTMLPage.escape(p.label))</text>\n"
    }
    if shown.isEmpty {
      s += "<text x=\"\(number(left + w / 2))\" y=\"\(number(top + h / 2))\" font-size=\"13\" text-anchor=\"middle\" fill=\"#57606a\">no run recorded latency</text>\n"
    }
    s += "</svg>"
    return s
  }

  /// Horizontal grouped bars of fractions in [0, 1] (one colour per series), one row per group.
  public static func bars(_ groups: [BarGroup], series: [String], width: Int = 560) -> String {
    let seriesCount = max(1, series.count)
    let barHeight = 10.0
    let groupHeight = barHeight * Double(seriesCount) + 8
    let left = 130.0
    let right = 60.0
    let top = series.count > 1 ? 26.0 : 8.0
    let w = Double(width) - left - right
    let height = Int(top + groupHeight * Double(groups.count) + 24)
    var s =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"per-predicate recall\">\n"
    s += "<rect x=\"0\" y=\"0\" width=\"\(width)\" height=\"\(height)\" fill=\"#ffffff\"/>\n"
    if series.count > 1 {
      var x = left
      for (i, name) in series.enumerated() {
        s += "<rect x=\"\(number(x))\" y=\"6\" width=\"10\" height=\"10\" fill=\"\(palette[i % palette.count])\"/>"
        s += "<text x=\"\(number(x + 14))\" y=\"15\" font-size=\"11\" fill=\"#1b1f24\">\(HTMLPage.escape(name))</text>\n"
        x += 24 + Double(name.count) * 6.5
      }
    }
    for (g, group) in groups.enumerated() {
      let y0 = top + Double(g) * groupHeight
      s += "<text x=\"\(number(left - 6))\" y=\"\(number(y0 + groupHeight / 2 + 2))\" font-size=\"11\" text-anchor=\"end\" fill=\"#1b1f24\">\(HTMLPage.escape(group.category))</text>\n"
      for (i, value) in group.values.enumerated() {
        let v = value.isFinite ? min(max(value, 0), 1) : 0
        let y = y0 + 4 + Double(i) * barHeight
        s += "<rect x=\"\(number(left))\" y=\"\(number(y))\" width=\"\(number(max(v * w, 0.5)))\" height=\"\(number(barHeight - 2))\" fill=\"\(palette[i % palette.count])\"><title>\(HTMLPage.escape(group.category)): \(value.isFinite ? MetricFormat.percent(value) : "n/a")</title></rect>"
        s += "<text x=\"\(number(left + v * w + 4))\" y=\"\(number(y + barHeight - 3))\" font-size=\"9\" fill=\"#57606a\">\(value.isFinite ? MetricFormat.fixed(value * 100, digits: 1) : "n/a")</text>\n"
      }
    }
    let axisY = top + groupHeight * Double(groups.count) + 2
    s += "<line x1=\"\(number(left))\" y1=\"\(number(axisY))\" x2=\"\(number(left + w))\" y2=\"\(number(axisY))\" stroke=\"#57606a\"/>\n"
    for i in 0...4 {
      let x = left + Double(i) / 4 * w
      s += "<text x=\"\(number(x))\" y=\"\(number(axisY + 14))\" font-size=\"10\" text-anchor=\"middle\" fill=\"#57606a\">\(i * 25) %</text>\n"
    }
    s += "</svg>"
    return s
  }
}
