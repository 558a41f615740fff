import Foundation
import SGGCore

/// Token counts a server reported for one generation.
public struct TokenUsage: Hashable, Sendable, Codable {
  public var promptTokens: Int?
  public var completionTokens: Int?

  public init(promptTokens: Int? = nil, completionTokens: Int? = nil) {
    self.promptTokens = promptTokens
    self.completionTokens = completionTokens
  }
}

/// One line of a predictions JSONL file.
public struct PredictionRecord: Hashable, Sendable {
  /// 1-based line number (for duplicate-id and other reports).
  public var line: Int
  public var id: String
  /// The raw model text, if given.
  public var response: String?
  /// An already parsed graph, if given (labels and predicates refined; boxes in ``boxSpace``).
  public var graph: PredictedGraph?
  public var boxSpace: BoxSpace
  /// `gen_time_s`.
  public var generationSeconds: Double?
  public var usage: TokenUsage?
  public var finishReason: String?

  public init(
    line: Int, id: String, response: String? = nil, graph: PredictedGraph? = nil,
    boxSpace: BoxSpace = .pixel,
    generationSeconds: Double? = nil, usage: TokenUsage? = nil, finishReason: String? = nil
  ) {
    self.line = line
    self.id = id
    self.response = response
    self.graph = graph
    self.boxSpace = boxSpace
    self.generationSeconds = generationSeconds
    self.usage = usage
    self.finishReason = finishReason
  }
}

/// The readable records of a predictions file plus one issue per unreadable line.
public struct PredictionsFile: Hashable, Sendable {
  public var fileName: String
  public var records: [PredictionRecord]
  public var issues: [InputIssue]
}

/// Reads predictions JSONL:
///
/// ```
/// {"id": "img1", "response": "<raw text>", "box_space": "norm1000", "gen_time_s": 1.9,
///  "usage": {"prompt_tokens": 812, "completion_tokens": 301}, "finish_reason": "stop"}
/// {"id": "img2", "graph": {"objects": [{"id": "1", "label": "person", "box": [1, 2, 3, 4]}],
///                          "relations": [{"subject": "1", "predicate": "on", "object": "2"}]}}
/// ```
///
/// `id` (string) is required, and at least one of `response` (string) and `graph`.
/// `box_space` is `pixel` (default), `norm1000`, `norm1` or `resized:WxH`. A `graph` needs
/// `objects` (each with a string or integer `id`, a string `label`, a `box` of 4 finite numbers);
/// `relations` is optional (string or integer `subject`/`object`, string `predicate`); labels
/// and predicates are refined (`LabelNormalizer.refine`). `null` counts as absent for the
/// optional fields; unknown keys are ignored; a repeated key keeps its last value.
///
/// A line that breaks any of these rules (or is not JSON) becomes an ``InputIssue`` and is
/// skipped; reading continues. Blank lines are ignored. Duplicate ids are NOT checked here
/// (the scorer reports them using ``PredictionRecord/line``).
public enum PredictionsReader {
  /// Reads a file (memory-mapped). Throws ``InputFileError`` only when the file cannot be read.
  public static func read(contentsOf url: URL) throws -> PredictionsFile {
    try JSONLines.withContents(of: url) { read(buffer: $0, fileName: $1) }
  }

  /// Reads JSONL bytes; `fileName` is used in issues.
  public static func read(bytes: [UInt8], fileName: String) -> PredictionsFile {
    bytes.withUnsafeBytes { read(buffer: $0, fileName: fileName) }
  }

  /// Reads JSONL from a buffer; `fileName` is used in issues.
  public static func read(buffer: UnsafeRawBufferPointer, fileName: String) -> PredictionsFile {
    var records: [PredictionRecord] = []
    var issues: [InputIssue] = []
    JSONLines.forEachLine(buffer) { number, line in
      switch JSONLines.readLine(
        line, number: number, file: fileName, { r in try record(&r, line: number) })
      {
      case .success(let rec): records.append(rec)
      case .failure(let issue): issues.append(issue)
      }
    }
    return PredictionsFile(fileName: fileName, records: records, issues: issues)
  }

  static func record(_ r: inout JSONReader, line: Int) throws -> PredictionRecord {
    try r.beginObject()
    var id: String? = nil
    var rec = PredictionRecord(line: line, id: "")
    // An explicit `"response": null` or `"graph": null` means the model produced nothing: the
    // record is kept and scored as a failure (`no_answer`), unlike a line with neither key.
    var sawContentKey = false
    while let key = try r.nextKey() {
      if key.matches("id") {
        id = try JSONLines.string(&r, "id")
      } else if key.matches("response") {
        sawContentKey = true
        rec.response = try JSONLines.string(&r, "response", allowNull: true)
      } else if key.matches("graph") {
        sawContentKey = true
        rec.graph = try graph(&r)
      } else if key.matches("box_space") {
        if let text = try JSONLines.string(&r, "box_space", allowNull: true) {
          guard let space = BoxSpace(parsing: text) else {
            throw LineProblem(
              "box_space",
              "unknown box space `\(text)` (expected pixel, norm1000, norm1 or resized:WxH)")
          }
          rec.boxSpace = space
        } else {
          rec.boxSpace = .pixel
        }
      } else if key.matches("gen_time_s") {
        rec.generationSeconds = try JSONLines.finite(&r, "gen_time_s", allowNull: true)
      } else if key.matches("usage") {
        rec.usage = try usage(&r)
      } else if key.matches("finish_reason") {
        rec.finishReason = try JSONLines.string(&r, "finish_reason", allowNull: true)
      } else {
        try r.skipValue()
      }
    }
    guard let id else { throw LineProblem("id", "is missing") }
    guard sawContentKey else {
      throw LineProblem(nil, "neither `response` nor `graph` is present")
    }
    rec.id = id
    return rec
  }

  static func usage(_ r: inout JSONReader) throws -> TokenUsage? {
    if try r.readNullIfPresent() { return nil }
    let k = try r.peekKind()
    guard k == .object else { throw LineProblem("usage", "is \(k), expected an object") }
    try r.beginObject()
    var u = TokenUsage()
    while let key = try r.nextKey() {
      if key.matches("prompt_tokens") {
        u.promptTokens = try JSONLines.integer(&r, "usage.prompt_tokens", allowNull: true)
      } else if key.matches("completion_tokens") {
        u.completionTokens = try JSONLines.integer(&r, "usage.completion_tokens", allowNull: true)
      } else {
        try r.skipValue()
      }
    }
    return u
  }

  /// An endpoint or object id: a string, or an integer written as its decimal text.
  static func idValue(_ r: inout JSONReader, _ field: String) throws -> String {
    let k = try r.peekKind()
    if k == .number {
      let n = try r.readNumber()
      guard n.isInteger, abs(n.value) < 9e15 else {
        throw LineProblem(field, "is \(n.value), expected a string or an integer")
      }
      return String(Int(n.value))
    }
    guard k == .string else { throw LineProblem(field, "is \(k), expected a string or an integer") }
    return try r.readString()
  }

  static func graph(_ r: inout JSONReader) throws -> PredictedGraph? {
    if try r.readNullIfPresent() { return nil }
    let k = try r.peekKind()
    guard k == .object else { throw LineProblem("graph", "is \(k), expected an object") }
    try r.beginObject()
    var objects: [PredictedObject]? = nil
    var relations: [PredictedRelation] = []
    while let key = try r.nextKey() {
      if key.matches("objects") {
        let ak = try r.peekKind()
        guard ak == .array else {
          throw LineProblem("graph.objects", "is \(ak), expected an array")
        }
        try r.beginArray()
        var list: [PredictedObject] = []
        while try r.nextElement() {
          let index = list.count
          func path() -> String { "graph.objects[\(index)]" }
          let ok = try r.peekKind()
          guard ok == .object else { throw LineProblem(path(), "is \(ok), expected an object") }
          try r.beginObject()
          var id: String? = nil
          var label: String? = nil
          var box: Box? = nil
          while let k2 = try r.nextKey() {
            if k2.matches("id") {
              id = try idValue(&r, path() + ".id")
            } else if k2.matches("label") {
              label = try JSONLines.string(&r, path() + ".label")
            } else if k2.matches("box") {
              let c = try JSONLines.box(&r, path() + ".box")
              box = Box(x1: c.0, y1: c.1, x2: c.2, y2: c.3)
            } else {
              try r.skipValue()
            }
          }
          guard let id else { throw LineProblem(path() + ".id", "is missing") }
          guard let label else { throw LineProblem(path() + ".label", "is missing") }
          guard let box else { throw LineProblem(path() + ".box", "is missing") }
          let refined = LabelNormalizer.refine(label)
          list.append(
            PredictedObject(
              id: id, label: refined, box: box, writtenLabel: refined == label ? nil : label))
        }
        objects = list
      } else if key.matches("relations") {
        if try r.readNullIfPresent() {
          relations = []
          continue
        }
        let ak = try r.peekKind()
        guard ak == .array else {
          throw LineProblem("graph.relations", "is \(ak), expected an array")
        }
        try r.beginArray()
        var list: [PredictedRelation] = []
        while try r.nextElement() {
          let index = list.count
          func path() -> String { "graph.relations[\(index)]" }
          let ok = try r.peekKind()
          guard ok == .object else { throw LineProblem(path(), "is \(ok), expected an object") }
          try r.beginObject()
          var s: String? = nil
          var p: String? = nil
          var o: String? = nil
          while let k2 = try r.nextKey() {
            if k2.matches("subject") {
              s = try idValue(&r, path() + ".subject")
            } else if k2.matches("predicate") {
              p = try JSONLines.string(&r, path() + ".predicate")
            } else if k2.matches("object") {
              o = try idValue(&r, path() + ".object")
            } else {
              try r.skipValue()
            }
          }
          guard let s else { throw LineProblem(path() + ".subject", "is missing") }
          guard let p else { throw LineProblem(path() + ".predicate", "is missing") }
          guard let o else { throw LineProblem(path() + ".object", "is missing") }
          let refined = LabelNormalizer.refine(p)
          list.append(
            PredictedRelation(
              subject: s, predicate: refined, object: o,
              writtenPredicate: refined == p ? nil : p))
        }
        relations = list
      } else {
        try r.skipValue()
      }
    }
    guard let objects else { throw LineProblem("graph.objects", "is missing") }
    return PredictedGraph(objects: objects, relations: relations)
  }
}
