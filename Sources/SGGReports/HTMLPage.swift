/// Building blocks of the self-contained HTML reports: escaping and the page shell (inline CSS,
/// no scripts, no external resources, so the file opens offline and can be mailed around).
public enum HTMLPage {
  /// Escapes text for element content and attribute values.
  public static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.count)
    for ch in s {
      switch ch {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      default: out.append(ch)
      }
    }
    return out
  }

  /// A complete HTML5 document.
  public static func document(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(escape(title))</title>
    <style>
    body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 24px; color: #1b1f24; background: #fff; }
    h1 { font-size: 22px; margin: 0 0 4px 0; } h2 { font-size: 17px; margin: 28px 0 8px 0; }
    p.meta, p.note { color: #57606a; font-size: 13px; margin: 4px 0; }
    table { border-collapse: collapse; font-size: 13px; margin: 8px 0; }
    th, td { padding: 4px 10px; border-bottom: 1px solid #d0d7de; }
    th { background: #f6f8fa; text-align: left; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.best { font-weight: 700; }
    .charts { display: flex; flex-wrap: wrap; gap: 24px; }
    figure { margin: 0; } figcaption { font-size: 13px; color: #57606a; }
    .sample { border: 1px solid #d0d7de; border-radius: 6px; padding: 12px; margin: 12px 0; }
    .sample img { max-width: 640px; height: auto; display: block; }
    .hit { color: #1a7f37; } .miss { color: #cf222e; } .extra { color: #9a6700; }
    ul.rels { font-size: 13px; margin: 4px 0; padding-left: 20px; }
    .legend span { display: inline-block; margin-right: 14px; font-size: 13px; }
    .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 4px; vertical-align: -1px; }
    </style>
    </head>
    <body>
    \(body)
    </body>
    </html>

    """
  }

  /// An HTML table from a ``TextTable`` (numeric columns right-aligned, bold cells marked).
  public static func table(_ t: TextTable) -> String {
    var out = "<table>\n<thead><tr>"
    for h in t.header { out += "<th>\(escape(h))</th>" }
    out += "</tr></thead>\n<tbody>\n"
    for (r, row) in t.rows.enumerated() {
      out += "<tr>"
      for (c, cell) in row.enumerated() {
        var classes: [String] = []
        if c >= t.alignments.count || t.alignments[c] == .right { classes.append("num") }
        if t.bold.contains([r, c]) { classes.append("best") }
        let attr = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
        out += "<td\(attr)>\(escape(cell))</td>"
      }
      out += "</tr>\n"
    }
    out += "</tbody>\n</table>\n"
    for note in t.notes { out += "<p class=\"note\">\(escape(note))</p>\n" }
    return out
  }
}
