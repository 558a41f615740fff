import SGGCore

/// The TOON half of ``DefaultParser``: lenient rows, checked counts.
enum DefaultToonGraph {
  enum BlockKind { case objects, relations }

  struct Block {
    var kind: BlockKind
    var declared: Int
    var delimiter: UInt8
    var headerLine: Int
    var attempted = 0
    var extra = 0
    var name: String { kind == .objects ? "obj" : "rel" }
  }

  static func parse(_ b: UnsafeBufferPointer<UInt8>, _ answer: ExtractedAnswer) -> ParseResult {
    var warnings: [ParseWarning] = []
    var objects: [PredictedObject] = []
    var relations: [PredictedRelation] = []
    var current: Block? = nil
    var sawObjects = false
    var sawRelations = false
    var proseWarned = false
    var lastLineWasFailedRow = false
    var lineNumber = 0

    func close(_ block: Block, atEnd: Bool) -> ParseFailure? {
      if atEnd && answer.isOpenEnded && (block.attempted < block.declared || lastLineWasFailedRow) {
        let got = lastLineWasFailedRow ? block.attempted - 1 : block.attempted
        return ParseFailure(
          .truncated,
          "\(block.name)[\(block.declared)] declares \(block.declared) rows; the output ends after \(got) complete rows"
        )
      }
      if block.attempted < block.declared || block.extra > 0 {
        warnings.append(
          ParseWarning(
            .rowCountMismatch,
            "line \(block.headerLine): \(block.name)[\(block.declared)] declares \(block.declared) rows, found \(block.attempted + block.extra)"
          ))
      }
      return nil
    }

    func row(_ range: Range<Int>, into block: inout Block) {
      let isExtra = block.attempted >= block.declared
      if isExtra { block.extra += 1 } else { block.attempted += 1 }
      let fields = pythonCSVFields(
        UnsafeBufferPointer(rebasing: b[range]), comma: block.delimiter, quote: UInt8(ascii: "\""),
        space: 0x20)
      let ok: Bool
      switch block.kind {
      case .objects:
        if let o = objectRow(fields) {
          objects.append(o)
          ok = true
        } else {
          ok = false
        }
      case .relations:
        if let r = relationRow(fields) {
          relations.append(r)
          ok = true
        } else {
          ok = false
        }
      }
      lastLineWasFailedRow = !ok && !isExtra
      if !ok {
        if isExtra {
          block.extra -= 1
          warnings.append(
            ParseWarning(
              .textOutsideGraph, "line \(lineNumber): text after the \(block.name) rows was ignored"
            ))
        } else {
          let what =
            block.kind == .objects
            ? "an object row needs id,name,x1,y1,x2,y2" : "a relation row needs subj,pred,obj"
          warnings.append(
            ParseWarning(
              .skippedRow,
              "line \(lineNumber): skipped (\(what) with integer ids and numeric coordinates)"))
        }
      }
    }

    var lo = answer.range.lowerBound
    let hi = answer.range.upperBound
    while lo < hi {
      let nl = ByteText.index(of: 0x0A, in: b, lo..<hi) ?? hi
      lineNumber += 1
      let line = ByteText.trim(b, lo..<nl)
      lo = nl + 1
      if line.isEmpty { continue }
      if let h = ToonHeaderLine.parse(b, line) {
        let key = h.key.lowercased()
        guard key == "obj" || key == "rel" else {
          return ParseResult(
            failure: ParseFailure(
              .malformed,
              "line \(lineNumber): unsupported TOON block `\(h.key)[\(h.count)]{…}:` (expected `obj[N]{…}:` and `rel[M]{…}:`)"
            ),
            warnings: warnings)
        }
        if let c = current, let f = close(c, atEnd: false) {
          return ParseResult(failure: f, warnings: warnings)
        }
        lastLineWasFailedRow = false
        var block = Block(
          kind: key == "obj" ? .objects : .relations, declared: h.count, delimiter: h.delimiter,
          headerLine: lineNumber)
        if key == "obj" { sawObjects = true } else { sawRelations = true }
        if !h.tail.isEmpty { row(h.tail, into: &block) }
        current = block
        continue
      }
      if var block = current {
        row(line, into: &block)
        current = block
      } else if !proseWarned {
        proseWarned = true
        warnings.append(
          ParseWarning(.textOutsideGraph, "text before the first TOON header was ignored"))
      }
    }
    guard sawObjects else {
      return ParseResult(
        failure: ParseFailure(.malformed, "no `obj[N]{id,name,x1,y1,x2,y2}:` header found"),
        warnings: warnings)
    }
    if let c = current, let f = close(c, atEnd: true) {
      return ParseResult(failure: f, warnings: warnings)
    }
    if !sawRelations {
      warnings.append(
        ParseWarning(.missingRelations, "no `rel[M]{subj,pred,obj}:` block; read as zero relations")
      )
    }
    let graph = PredictedGraph(objects: objects, relations: relations)
    return ParseResult(
      graph: graph, warnings: warnings + GraphChecks.warnings(for: graph, checkFinite: false))
  }

  static func withTrimmed<T>(
    _ field: [UInt8], _ body: (UnsafeBufferPointer<UInt8>, Range<Int>) -> T
  ) -> T {
    field.withUnsafeBufferPointer { p in body(p, ByteText.trim(p, 0..<p.count)) }
  }

  static func objectRow(_ f: [[UInt8]]) -> PredictedObject? {
    guard f.count >= 6 else { return nil }
    guard let id = withTrimmed(f[0], ByteText.integerText) else { return nil }
    var c = [Double](repeating: 0, count: 4)
    for k in 0..<4 {
      guard let v = withTrimmed(f[2 + k], ByteText.decimal) else { return nil }
      c[k] = v
    }
    let label = f[1].withUnsafeBytes { FastLabel.refine($0) }
    return PredictedObject(id: id, label: label, box: Box(x1: c[0], y1: c[1], x2: c[2], y2: c[3]))
  }

  static func relationRow(_ f: [[UInt8]]) -> PredictedRelation? {
    guard f.count >= 3 else { return nil }
    guard let s = withTrimmed(f[0], ByteText.integerText),
      let o = withTrimmed(f[2], ByteText.integerText)
    else { return nil }
    let p = f[1].withUnsafeBytes { FastLabel.refine($0) }
    return PredictedRelation(subject: s, predicate: p, object: o)
  }
}
