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
      let ok = withFields(b, range, block.delimiter) { buf, fields -> Bool in
        switch block.kind {
        case .objects:
          guard let o = objectRow(buf, fields) else { return false }
          objects.append(o)
        case .relations:
          guard let r = relationRow(buf, fields) else { return false }
          relations.append(r)
        }
        return true
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

  /// The csv fields of a row as ranges (Python `csv` with `skipinitialspace=True`). Rows
  /// without a `"` are split in place; quoted rows go through ``pythonCSVFields`` and a
  /// scratch buffer.
  static func withFields<T>(
    _ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ delimiter: UInt8,
    _ body: (UnsafeBufferPointer<UInt8>, [Range<Int>]) -> T
  ) -> T {
    if ByteText.index(of: UInt8(ascii: "\""), in: b, range) == nil {
      var fields: [Range<Int>] = []
      fields.reserveCapacity(6)
      var start = range.lowerBound
      while true {
        while start < range.upperBound && b[start] == 0x20 { start += 1 }
        var end = start
        while end < range.upperBound && b[end] != delimiter { end += 1 }  // fields are short
        fields.append(start..<end)
        if end == range.upperBound { break }
        start = end + 1
      }
      return body(b, fields)
    }
    let cells = pythonCSVFields(
      UnsafeBufferPointer(rebasing: b[range]), comma: delimiter, quote: UInt8(ascii: "\""),
      space: 0x20)
    var joined: [UInt8] = []
    var fields: [Range<Int>] = []
    for c in cells {
      fields.append(joined.count..<(joined.count + c.count))
      joined.append(contentsOf: c)
    }
    return joined.withUnsafeBufferPointer { body($0, fields) }
  }

  static func objectRow(_ b: UnsafeBufferPointer<UInt8>, _ f: [Range<Int>]) -> PredictedObject? {
    guard f.count >= 6 else { return nil }
    guard let id = ByteText.integerText(b, ByteText.trim(b, f[0])) else { return nil }
    guard let x1 = ByteText.decimal(b, ByteText.trim(b, f[2])),
      let y1 = ByteText.decimal(b, ByteText.trim(b, f[3])),
      let x2 = ByteText.decimal(b, ByteText.trim(b, f[4])),
      let y2 = ByteText.decimal(b, ByteText.trim(b, f[5]))
    else { return nil }
    let label = FastLabel.refine(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[f[1]])))
    return PredictedObject(id: id, label: label, box: Box(x1: x1, y1: y1, x2: x2, y2: y2))
  }

  static func relationRow(_ b: UnsafeBufferPointer<UInt8>, _ f: [Range<Int>]) -> PredictedRelation?
  {
    guard f.count >= 3 else { return nil }
    guard let s = ByteText.integerText(b, ByteText.trim(b, f[0])),
      let o = ByteText.integerText(b, ByteText.trim(b, f[2]))
    else {
      return nil
    }
    let p = FastLabel.refine(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: b[f[1]])))
    return PredictedRelation(subject: s, predicate: p, object: o)
  }
}
