extension Leaderboard {
  /// The table: rank, run id, name, protocol, tags, the metric columns (in % in text formats,
  /// as fractions with full precision in CSV), latency and sample count. The best value of each
  /// metric column is marked bold in Markdown and LaTeX.
  public func table(format: ReportFormat) -> TextTable {
    let raw = format == .csv
    var header = ["rank", "run", "name", "protocol", "tags"]
    header += columns.map { raw ? $0 : "\($0) (%)" }
    header += [raw ? "latency_s" : "latency (s)", "samples"]
    var rows: [[String]] = []
    for entry in entries {
      var row = [
        String(entry.rank), String(entry.run.id ?? -1), entry.run.name ?? "",
        entry.run.protocolName, entry.run.tags.joined(separator: " "),
      ]
      for key in columns {
        let v = entry.run.metrics[key] ?? .nan
        row.append(raw ? Self.rawNumber(v) : (v.isNaN ? "—" : MetricFormat.fixed(v * 100, digits: 2)))
      }
      row.append(
        entry.latencySeconds.map { raw ? Self.rawNumber($0) : MetricFormat.fixed($0, digits: 3) }
          ?? (raw ? "" : "—"))
      row.append(String(entry.run.sampleCount))
      rows.append(row)
    }
    var bold: Set<[Int]> = []
    for (c, key) in columns.enumerated() {
      let values = entries.map { $0.run.metrics[key] ?? .nan }.filter { !$0.isNaN }
      guard
        let best = MetricDirection.higherIsBetter(key) ? values.max() : values.min()
      else { continue }
      for (r, entry) in entries.enumerated() where entry.run.metrics[key] == best {
        bold.insert([r, 5 + c])
      }
    }
    var notes: [String] = []
    if !raw {
      notes.append(
        "\(entries.count) complete run(s) on \(title), ranked by \(query.metric)"
          + (MetricDirection.higherIsBetter(query.metric) ? " (higher is better)" : " (lower is better)")
          + "; values in %.")
      if protocolVariants > 1 {
        notes.append(
          "warning: these runs use \(protocolVariants) different protocol option sets; rows scored under different protocols are not comparable (filter with --protocol, or see sgg-eval compare)."
        )
      }
    }
    return TextTable(
      header: header, alignments: [.right, .right, .left, .left, .left], rows: rows, bold: bold,
      notes: notes)
  }

  /// The leaderboard as text in `format` (HTML needs ``html(breakdowns:)``).
  public func render(_ format: ReportFormat) -> String {
    let t = table(format: format)
    switch format {
    case .table: return t.terminal()
    case .markdown: return t.markdown()
    case .csv: return t.csv()
    case .latex: return t.latex()
    case .html: return html(breakdowns: [:])
    }
  }

  /// Shortest round-trip text of a double; empty for NaN.
  static func rawNumber(_ v: Double) -> String {
    v.isNaN ? "" : "\(v)"
  }
}
