/// Output formats of the report tables.
public enum ReportFormat: String, CaseIterable, Sendable {
  case table, markdown, csv, latex, html
}

/// A table of text cells, rendered for the terminal, Markdown, CSV or LaTeX (booktabs).
public struct TextTable: Sendable {
  public enum Alignment: Sendable { case left, right }

  public var header: [String]
  public var alignments: [Alignment]
  public var rows: [[String]]
  /// Cells to set in bold in Markdown and LaTeX, as (row, column).
  public var bold: Set<[Int]>
  /// Lines printed under the table (terminal, Markdown) or as a LaTeX comment-free footnote.
  public var notes: [String]

  public init(
    header: [String], alignments: [Alignment], rows: [[String]], bold: Set<[Int]> = [],
    notes: [String] = []
  ) {
    self.header = header
    self.alignments = alignments
    self.rows = rows
    self.bold = bold
    self.notes = notes
  }

  private func alignment(_ column: Int) -> Alignment {
    column < alignments.count ? alignments[column] : .right
  }

  /// Space-aligned columns for the terminal.
  public func terminal() -> String {
    let count = header.count
    var widths = header.map(\.count)
    for row in rows {
      for (i, cell) in row.enumerated() where i < count { widths[i] = max(widths[i], cell.count) }
    }
    func line(_ cells: [String]) -> String {
      (0..<count).map { i in
        let cell = i < cells.count ? cells[i] : ""
        return alignment(i) == .left
          ? MetricFormat.pad(cell, widths[i]) : MetricFormat.padLeft(cell, widths[i])
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }
    var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
    out += rows.map(line)
    if !notes.isEmpty { out += [""] + notes }
    return out.joined(separator: "\n")
  }

  /// A GitHub-flavoured Markdown table.
  public func markdown() -> String {
    func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
    var out = ["| " + header.map(escape).joined(separator: " | ") + " |"]
    out.append(
      "|" + (0..<header.count).map { alignment($0) == .left ? " :--- " : " ---: " }.joined(
        separator: "|") + "|")
    for (r, row) in rows.enumerated() {
      let cells = row.enumerated().map { c, cell in
        bold.contains([r, c]) && !cell.isEmpty ? "**\(escape(cell))**" : escape(cell)
      }
      out.append("| " + cells.joined(separator: " | ") + " |")
    }
    if !notes.isEmpty { out += [""] + notes }
    return out.joined(separator: "\n")
  }

  /// RFC 4180 CSV (fields with commas, quotes or line breaks are quoted).
  public func csv() -> String {
    func field(_ s: String) -> String {
      s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    return ([header] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n")
  }

  /// A booktabs `tabular` (needs `\usepackage{booktabs}`).
  public func latex() -> String {
    let spec = (0..<header.count).map { alignment($0) == .left ? "l" : "r" }.joined()
    var out = ["\\begin{tabular}{\(spec)}", "\\toprule"]
    out.append(header.map(Self.latexEscape).joined(separator: " & ") + " \\\\")
    out.append("\\midrule")
    for (r, row) in rows.enumerated() {
      let cells = row.enumerated().map { c, cell in
        let text = Self.latexEscape(cell)
        return bold.contains([r, c]) && !cell.isEmpty ? "\\textbf{\(text)}" : text
      }
      out.append(cells.joined(separator: " & ") + " \\\\")
    }
    out.append("\\bottomrule")
    out.append("\\end{tabular}")
    for note in notes { out.append("% " + note) }
    return out.joined(separator: "\n")
  }

  /// Escapes LaTeX's special characters.
  public static func latexEscape(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "\\": out += "\\textbackslash{}"
      case "&", "%", "$", "#", "_", "{", "}": out += "\\" + String(ch)
      case "~": out += "\\textasciitilde{}"
      case "^": out += "\\textasciicircum{}"
      case "Δ": out += "$\\Delta$"
      case "±": out += "$\\pm$"
      case "…": out += "\\ldots{}"
      case "—": out += "---"
      case "−": out += "$-$"
      default: out.append(ch)
      }
    }
    return out
  }
}

extension String {
  func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
