import Foundation
internal import GRDB

/// A `runs` row as a GRDB record. It carries a ``RunRecord`` without its tags and metrics, which
/// live in `run_tags` and `run_metrics` (tags and metrics read from the row are left empty).
struct RunRow: FetchableRecord, MutablePersistableRecord {
  static let databaseTableName = "runs"

  var record: RunRecord

  init(_ record: RunRecord) {
    self.record = record
  }

  init(row: Row) throws {
    func text(_ column: String) throws -> String { try row.decode(forColumn: column) }
    func optionalText(_ column: String) throws -> String? { try row.decode(forColumn: column) }
    func date(_ column: String, _ value: String) throws -> Date {
      guard let date = StoreDate.date(value) else {
        throw UnreadableValue(table: "runs", column: column, value: value)
      }
      return date
    }
    func file(_ prefix: String) throws -> FileReference? {
      guard let path = try optionalText("\(prefix)_path") else { return nil }
      return FileReference(path: path, sha256: try optionalText("\(prefix)_sha256") ?? "")
    }

    let commandText = try text("command")
    guard let command = RunCommand(rawValue: commandText) else {
      throw UnreadableValue(table: "runs", column: "command", value: commandText)
    }
    let statusText = try text("status")
    guard let status = RunStatus(rawValue: statusText) else {
      throw UnreadableValue(table: "runs", column: "status", value: statusText)
    }
    let source = try text("gt_source")
    let groundTruth: GroundTruthSource
    switch source {
    case "file":
      groundTruth = .file(
        FileReference(path: try text("gt_path"), sha256: try optionalText("gt_sha256") ?? ""))
    case "dataset":
      groundTruth = .dataset(root: try text("gt_path"))
    default:
      throw UnreadableValue(table: "runs", column: "gt_source", value: source)
    }
    let failures = try StoreJSON.intObject(try text("failures_json"), field: "runs.failures_json")

    record = RunRecord(
      id: try row.decode(forColumn: "id"),
      createdAt: try date("created_at", try text("created_at")),
      finishedAt: try optionalText("finished_at").map { try date("finished_at", $0) },
      name: try optionalText("name"),
      command: command,
      protocolName: try text("protocol"),
      protocolOptionsJSON: try text("protocol_options_json"),
      predictions: try file("predictions"),
      groundTruth: groundTruth,
      vocab: try file("vocab"),
      dataset: try optionalText("dataset"),
      split: try optionalText("split"),
      sampleCount: try row.decode(forColumn: "sample_count"),
      skippedLineCount: try row.decode(forColumn: "skipped_lines"),
      toolVersion: try text("tool_version"),
      status: status,
      failures: failures,
      usageJSON: try optionalText("usage_json"), mappingJSON: try optionalText("mapping_json"))
  }

  func encode(to container: inout PersistenceContainer) throws {
    container["id"] = record.id
    container["created_at"] = StoreDate.text(record.createdAt)
    container["finished_at"] = record.finishedAt.map(StoreDate.text)
    container["name"] = record.name
    container["command"] = record.command.rawValue
    container["protocol"] = record.protocolName
    container["protocol_options_json"] = record.protocolOptionsJSON
    container["predictions_path"] = record.predictions?.path
    container["predictions_sha256"] = record.predictions?.sha256
    switch record.groundTruth {
    case .file(let file):
      container["gt_source"] = "file"
      container["gt_path"] = file.path
      container["gt_sha256"] = file.sha256
    case .dataset(let root):
      container["gt_source"] = "dataset"
      container["gt_path"] = root
      container["gt_sha256"] = nil
    }
    container["vocab_path"] = record.vocab?.path
    container["vocab_sha256"] = record.vocab?.sha256
    container["dataset"] = record.dataset
    container["split"] = record.split
    container["sample_count"] = record.sampleCount
    container["skipped_lines"] = record.skippedLineCount
    container["tool_version"] = record.toolVersion
    container["status"] = record.status.rawValue
    container["metrics_json"] = StoreJSON.object(record.metrics)
    container["failures_json"] = StoreJSON.object(record.failures)
    container["usage_json"] = record.usageJSON
    container["mapping_json"] = record.mappingJSON
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    record.id = inserted.rowID
  }
}
