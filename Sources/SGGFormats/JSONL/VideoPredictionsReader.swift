import Foundation
import SGGCore

/// Where the previous-frame graph in a video prompt came from (SceneGraphVLM's "GT-prompt" and
/// "GEN-prompt" runs, eval-protocols §3.1).
public enum PreviousFrameSource: String, Hashable, Sendable, Codable, CaseIterable {
  /// The previous frame's ground truth was in the prompt.
  case gt
  /// The model's own previous prediction was in the prompt (`--prev-source model`).
  case model
}

/// One line of a video predictions JSONL file.
public struct VideoPredictionRecord: Sendable {
  /// 1-based line number.
  public var line: Int
  /// The frame id the ground truth is joined on (`"VID.mp4/000089.png"`); for anchor files
  /// without an id, `"line:N"`.
  public var id: String
  /// The raw model text (`response`, or the anchor's `predict`).
  public var response: String?
  /// A structured answer (`graph`), kept as JSON for the dataset's own graph reader.
  public var graph: JSONValue?
  /// The ground-truth text carried on the line (the anchor's `content`), if any.
  public var groundTruthText: String?
  public var boxSpace: BoxSpace
  public var previousSource: PreviousFrameSource?
  /// `video` and `frame`, when the line gives them (they override the ones derived from `id`).
  public var video: String?
  public var frame: Int?
}

/// The readable records of a video predictions file plus one issue per unreadable line.
public struct VideoPredictionsFile: Sendable {
  public var fileName: String
  public var records: [VideoPredictionRecord]
  public var issues: [InputIssue]
}

/// Reads video predictions JSONL: the image predictions format (``PredictionsReader``) plus
///
/// ```
/// {"id": "001YG.mp4/000089.png", "response": "<answer>…</answer>", "prev_source": "model",
///  "box_space": "resized:640x480"}
/// {"id": "001YG.mp4/000093.png", "graph": {"objects": […], "rel_pairs": […]}}
/// ```
///
/// * `id` (string) joins the ground truth; it may be absent only when the line carries its own
///   ground truth as `content` (SceneGraphVLM's inference JSONL: `content` = GT TOON,
///   `predict` = model output), in which case the id is `line:N`;
/// * `response` (or `predict`) string or null, and/or `graph` (any JSON value, read later by
///   the dataset's graph reader); at least one of them;
/// * `prev_source`: `"gt"`, `"model"` or null; `box_space` as in ``PredictionsReader``;
///   `video` (string) and `frame` (integer) optional.
public enum VideoPredictionsReader {
  public static func read(contentsOf url: URL) throws -> VideoPredictionsFile {
    try JSONLines.withContents(of: url) { read(buffer: $0, fileName: $1) }
  }

  public static func read(bytes: [UInt8], fileName: String) -> VideoPredictionsFile {
    bytes.withUnsafeBytes { read(buffer: $0, fileName: fileName) }
  }

  public static func read(buffer: UnsafeRawBufferPointer, fileName: String)
    -> VideoPredictionsFile
  {
    var records: [VideoPredictionRecord] = []
    var issues: [InputIssue] = []
    JSONLines.forEachLine(buffer) { number, line in
      switch JSONLines.readLine(
        line, number: number, file: fileName, { r in try record(&r, number) })
      {
      case .success(let rec): records.append(rec)
      case .failure(let issue): issues.append(issue)
      }
    }
    return VideoPredictionsFile(fileName: fileName, records: records, issues: issues)
  }

  static func record(_ r: inout JSONReader, _ line: Int) throws -> VideoPredictionRecord {
    try r.beginObject()
    var rec = VideoPredictionRecord(
      line: line, id: "", response: nil, graph: nil, groundTruthText: nil, boxSpace: .pixel,
      previousSource: nil, video: nil, frame: nil)
    var id: String? = nil
    var sawContent = false
    while let key = try r.nextKey() {
      if key.matches("id") {
        id = try JSONLines.string(&r, "id")
      } else if key.matches("response") || key.matches("predict") {
        sawContent = true
        rec.response = try JSONLines.string(&r, key.string, allowNull: true)
      } else if key.matches("graph") {
        sawContent = true
        let v = try r.readValue()
        if case .null = v {} else { rec.graph = v }
      } else if key.matches("content") {
        rec.groundTruthText = try JSONLines.string(&r, "content", allowNull: true)
      } else if key.matches("box_space") {
        if let text = try JSONLines.string(&r, "box_space", allowNull: true) {
          guard let space = BoxSpace(parsing: text) else {
            throw LineProblem(
              "box_space",
              "unknown box space `\(text)` (expected pixel, norm1000, norm1 or resized:WxH)")
          }
          rec.boxSpace = space
        }
      } else if key.matches("prev_source") {
        if let text = try JSONLines.string(&r, "prev_source", allowNull: true) {
          guard let s = PreviousFrameSource(rawValue: text) else {
            throw LineProblem("prev_source", "is `\(text)`, expected \"gt\", \"model\" or null")
          }
          rec.previousSource = s
        }
      } else if key.matches("video") {
        rec.video = try JSONLines.string(&r, "video", allowNull: true)
      } else if key.matches("frame") {
        rec.frame = try JSONLines.integer(&r, "frame", allowNull: true)
      } else {
        try r.skipValue()
      }
    }
    guard sawContent else {
      throw LineProblem(nil, "none of `response`, `predict` or `graph` is present")
    }
    if let id {
      rec.id = id
    } else if rec.groundTruthText != nil {
      rec.id = "line:\(line)"
    } else {
      throw LineProblem("id", "is missing")
    }
    return rec
  }
}
