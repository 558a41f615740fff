import Foundation
import SGGCore

/// One ground-truth sample with the line it came from.
public struct GroundTruthRecord: Hashable, Sendable {
  /// 1-based line number.
  public var line: Int
  public var sample: Sample

  public init(line: Int, sample: Sample) {
    self.line = line
    self.sample = sample
  }
}

/// The readable samples of a ground-truth file plus one issue per skipped line.
public struct GroundTruthFile: Hashable, Sendable {
  public var fileName: String
  public var records: [GroundTruthRecord]
  public var issues: [InputIssue]

  /// `fileName` is what issues name (a file's base name, or e.g. `vg150:test` for samples
  /// loaded from a dataset's original files).
  public init(fileName: String, records: [GroundTruthRecord], issues: [InputIssue] = []) {
    self.fileName = fileName
    self.records = records
    self.issues = issues
  }

  /// The samples in file order.
  public var samples: [Sample] { records.map(\.sample) }
  /// Number of lines skipped because of an issue.
  public var skipped: Int { issues.count }
}

/// Reads the normalized ground-truth JSONL (DESIGN.md "Inputs"):
///
/// ```
/// {"id": "img1", "width": 640, "height": 480,
///  "objects": [{"label": "person", "box": [x1, y1, x2, y2]}],
///  "relations": [{"subject": 0, "predicate": "on", "object": 1}], "video": "v1", "frame": 3}
/// ```
///
/// Required: `id` (string), `width` and `height` (finite numbers > 0), `objects` (each a string
/// `label` and a `box` of 4 finite numbers; NaN/Infinity rejected). `relations` is optional
/// (absent or null = none); indices must be integers (no fraction/exponent) in
/// `0..<objects.count`, `predicate` a string. `video` (string) and `frame` (integer) are
/// optional. Labels are kept as written. Unknown keys are ignored.
///
/// A line with any error becomes an ``InputIssue`` naming file, line and field, and the sample
/// is skipped (counted in ``GroundTruthFile/skipped``); reading continues.
public enum GroundTruthReader {
  /// Reads a file (memory-mapped). Throws ``InputFileError`` only when it cannot be read.
  public static func read(contentsOf url: URL) throws -> GroundTruthFile {
    try JSONLines.withContents(of: url) { read(buffer: $0, fileName: $1) }
  }

  public static func read(bytes: [UInt8], fileName: String) -> GroundTruthFile {
    bytes.withUnsafeBytes { read(buffer: $0, fileName: fileName) }
  }

  public static func read(buffer: UnsafeRawBufferPointer, fileName: String) -> GroundTruthFile {
    var records: [GroundTruthRecord] = []
    var issues: [InputIssue] = []
    JSONLines.forEachLine(buffer) { number, line in
      switch JSONLines.readLine(line, number: number, file: fileName, { r in try sample(&r) }) {
      case .success(let s): records.append(GroundTruthRecord(line: number, sample: s))
      case .failure(let issue): issues.append(issue)
      }
    }
    return GroundTruthFile(fileName: fileName, records: records, issues: issues)
  }

  static func sample(_ r: inout JSONReader) throws -> Sample {
    try r.beginObject()
    var id: String? = nil
    var width: Double? = nil
    var height: Double? = nil
    var objects: [Object]? = nil
    var relations: [(Int, String, Int)] = []
    var video: String? = nil
    var frame: Int? = nil
    while let key = try r.nextKey() {
      if key.matches("id") {
        id = try JSONLines.string(&r, "id")
      } else if key.matches("width") {
        width = try JSONLines.finite(&r, "width")
      } else if key.matches("height") {
        height = try JSONLines.finite(&r, "height")
      } else if key.matches("objects") {
        let k = try r.peekKind()
        guard k == .array else { throw LineProblem("objects", "is \(k), expected an array") }
        try r.beginArray()
        var list: [Object] = []
        while try r.nextElement() {
          let index = list.count
          // Built only when a message needs it: this loop runs for every object of every line.
          func path() -> String { "objects[\(index)]" }
          let ok = try r.peekKind()
          guard ok == .object else { throw LineProblem(path(), "is \(ok), expected an object") }
          try r.beginObject()
          var label: String? = nil
          var box: Box? = nil
          while let k2 = try r.nextKey() {
            if k2.matches("label") {
              label = try JSONLines.string(&r, path() + ".label")
            } else if k2.matches("box") {
              let c = try JSONLines.box(&r, path() + ".box")
              box = Box(x1: c.0, y1: c.1, x2: c.2, y2: c.3)
            } else {
              try r.skipValue()
            }
          }
          guard let label else { throw LineProblem(path() + ".label", "is missing") }
          guard let box else { throw LineProblem(path() + ".box", "is missing") }
          list.append(Object(label: label, box: box))
        }
        objects = list
      } else if key.matches("relations") {
        relations = []
        if try r.readNullIfPresent() { continue }
        let k = try r.peekKind()
        guard k == .array else { throw LineProblem("relations", "is \(k), expected an array") }
        try r.beginArray()
        while try r.nextElement() {
          let index = relations.count
          func path() -> String { "relations[\(index)]" }
          let ok = try r.peekKind()
          guard ok == .object else { throw LineProblem(path(), "is \(ok), expected an object") }
          try r.beginObject()
          var s: Int? = nil
          var p: String? = nil
          var o: Int? = nil
          while let k2 = try r.nextKey() {
            if k2.matches("subject") {
              s = try JSONLines.integer(&r, path() + ".subject")
            } else if k2.matches("predicate") {
              p = try JSONLines.string(&r, path() + ".predicate")
            } else if k2.matches("object") {
              o = try JSONLines.integer(&r, path() + ".object")
            } else {
              try r.skipValue()
            }
          }
          guard let s else { throw LineProblem(path() + ".subject", "is missing") }
          guard let p else { throw LineProblem(path() + ".predicate", "is missing") }
          guard let o else { throw LineProblem(path() + ".object", "is missing") }
          relations.append((s, p, o))
        }
      } else if key.matches("video") {
        video = try JSONLines.string(&r, "video", allowNull: true)
      } else if key.matches("frame") {
        frame = try JSONLines.integer(&r, "frame", allowNull: true)
      } else {
        try r.skipValue()
      }
    }
    guard let id else { throw LineProblem("id", "is missing") }
    guard let width else { throw LineProblem("width", "is missing") }
    guard let height else { throw LineProblem("height", "is missing") }
    guard width > 0 else {
      throw LineProblem("width", "is \(CanonicalNumber.json(width)), expected a positive number")
    }
    guard height > 0 else {
      throw LineProblem("height", "is \(CanonicalNumber.json(height)), expected a positive number")
    }
    guard let objects else { throw LineProblem("objects", "is missing") }
    var rels: [Relation] = []
    rels.reserveCapacity(relations.count)
    for (i, (s, p, o)) in relations.enumerated() {
      guard objects.indices.contains(s) else {
        throw LineProblem(
          "relations[\(i)].subject", "index \(s) is out of range (\(objects.count) objects)")
      }
      guard objects.indices.contains(o) else {
        throw LineProblem(
          "relations[\(i)].object", "index \(o) is out of range (\(objects.count) objects)")
      }
      rels.append(Relation(subject: s, predicate: p, object: o))
    }
    return Sample(
      id: id, width: width, height: height, graph: SceneGraph(objects: objects, relations: rels),
      video: video, frame: frame)
  }
}
