extension RunComparison {
  /// Significance marker of a p-value: `*` below 0.05, `**` below 0.01.
  public static func stars(_ p: Double?) -> String {
    guard let p else { return "" }
    return p < 0.01 ? "**" : (p < 0.05 ? "*" : "")
  }

  private static func pct(_ v: Double) -> String {
    v.isNaN ? "—" : MetricFormat.fixed(v * 100, digits: 2)
  }

  private static func signed(_ v: Double) -> String {
    guard !v.isNaN else { return "—" }
    let text = MetricFormat.fixed(v * 100, digits: 2)
    return text.hasPrefix("-") ? text : "+" + text
  }

  private static func pText(_ p: Double) -> String {
    p < 0.001 ? "<0.001" : MetricFormat.fixed(p, digits: 3)
  }

  private func label(_ row: Row) -> String {
    "\(row.run.id ?? -1)" + (row.run.name.map { " \($0)" } ?? "")
  }

  /// Long form, one line per metric and run: value, interval, delta against the baseline, its
  /// interval and p-value (terminal and CSV; CSV carries fractions at full precision).
  public func longTable(raw: Bool) -> TextTable {
    let percentLevel = MetricFormat.fixed(level * 100, digits: 0)
    let header =
      raw
      ? [
        "metric", "run", "name", "value", "ci_low", "ci_high", "delta", "delta_ci_low",
        "delta_ci_high", "p_value", "pairs",
      ]
      : [
        "metric", "run", "value (%)", "\(percentLevel)% CI", "Δ vs base", "\(percentLevel)% CI of Δ",
        "p",
      ]
    var rows: [[String]] = []
    func n(_ v: Double?) -> String { v.map { $0.isNaN ? "" : "\($0)" } ?? "" }
    for key in metrics {
      for (index, row) in self.rows.enumerated() {
        guard let cell = row.cell(key) else { continue }
        if raw {
          rows.append([
            key, String(row.run.id ?? -1), row.run.name ?? "", n(cell.stored),
            n(cell.interval?.lower), n(cell.interval?.upper), n(cell.delta),
            n(cell.deltaInterval?.lower), n(cell.deltaInterval?.upper), n(cell.test?.pValue),
            cell.test.map { String($0.count) } ?? "",
          ])
          continue
        }
        let ci = cell.interval.map { "[\(Self.pct($0.lower)), \(Self.pct($0.upper))]" } ?? "n/a"
        var delta = index == 0 ? "baseline" : Self.signed(cell.delta ?? .nan)
        if index > 0 { delta += Self.stars(cell.test?.pValue) }
        let deltaCI =
          index == 0
          ? "" : cell.deltaInterval.map { "[\(Self.signed($0.lower)), \(Self.signed($0.upper))]" } ?? "n/a"
        let p = index == 0 ? "" : cell.test.map { Self.pText($0.pValue) } ?? "n/a"
        rows.append([key, label(row), Self.pct(cell.stored), ci, delta, deltaCI, p])
      }
    }
    return TextTable(
      header: header, alignments: [.left, .left], rows: rows,
      notes: raw ? [] : notes)
  }

  /// Wide form for papers: one row per run, one column per metric; a cell is the value and, for
  /// runs after the baseline, the delta with its significance stars.
  public func wideTable() -> TextTable {
    let header = ["run"] + metrics.map { "\($0) (%)" }
    var rows: [[String]] = []
    var bold: Set<[Int]> = []
    for (index, row) in self.rows.enumerated() {
      var cells = [row.run.name ?? "run \(row.run.id ?? -1)"]
      for (c, key) in metrics.enumerated() {
        guard let cell = row.cell(key) else {
          cells.append("—")
          continue
        }
        var text = Self.pct(cell.stored)
        if index > 0, let d = cell.delta {
          text += " (\(Self.signed(d))\(Self.stars(cell.test?.pValue)))"
          // Bold marks a difference significant at 5 % in the better direction.
          if let p = cell.test?.pValue, p < 0.05,
            MetricDirection.higherIsBetter(key) ? d > 0 : d < 0
          {
            bold.insert([index, c + 1])
          }
        } else if let ci = cell.interval {
          text += " ±\(MetricFormat.fixed((ci.upper - ci.lower) * 50, digits: 2))"
        }
        cells.append(text)
      }
      rows.append(cells)
    }
    return TextTable(header: header, alignments: [.left], rows: rows, bold: bold, notes: notes)
  }

  /// What the numbers mean, printed under the tables.
  public var notes: [String] {
    let base = rows.first.map(label) ?? "?"
    return [
      "Baseline: run \(base). Values in %; Δ is the stored metric minus the baseline's; ± is half the width of the baseline's CI.",
      "CIs: \(MetricFormat.fixed(level * 100, digits: 0))% percentile bootstrap over samples (B = \(resamples), SplitMix64 seed \(seed)); Δ CIs and p-values are paired on sample ids (sign-flip test, exact for ≤ \(Bootstrap.exactSignFlipLimit) pairs). * p < 0.05, ** p < 0.01.",
      "mR@K and AP50 are not means of per-sample values and get no CI or test (n/a).",
    ]
  }

  /// The comparison as text in `format`: the long table in the terminal and CSV, the wide table
  /// in Markdown and LaTeX, both in HTML.
  public func render(_ format: ReportFormat) -> String {
    switch format {
    case .table: return longTable(raw: false).terminal()
    case .csv: return longTable(raw: true).csv()
    case .markdown: return wideTable().markdown()
    case .latex: return wideTable().latex()
    case .html:
      var body = "<h1>Comparison against run \(HTMLPage.escape(rows.first.map(label) ?? "?"))</h1>\n"
      body += HTMLPage.table(wideTable())
      body += "<h2>Intervals and tests</h2>\n"
      var long = longTable(raw: false)
      long.notes = []
      body += HTMLPage.table(long)
      return HTMLPage.document(title: "sgg-eval comparison", body: body)
    }
  }
}
