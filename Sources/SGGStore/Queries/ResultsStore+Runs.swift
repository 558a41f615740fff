import Foundation
internal import GRDB

extension ResultsStore {
  /// Records the start of a run and returns its id.
  ///
  /// The record is stored as given (tags, and metrics if any, included) except that the store
  /// assigns ``RunRecord/id`` and writes ``RunStatus/running`` with no finish time; call
  /// ``finishRun(id:metrics:failures:sampleCount:skippedLineCount:usageJSON:mappingJSON:finishedAt:)`` at the end.
  ///
  /// - Throws: ``StoreError/invalidJSON(field:reason:)`` for bad protocol options or usage JSON,
  ///   ``StoreError/invalidRecord(_:)`` for a dataset source without dataset and split or an
  ///   empty tag.
  public func beginRun(_ run: RunRecord) throws -> Int64 {
    try StoreJSON.validate(run.protocolOptionsJSON, field: "protocol_options_json")
    if let usage = run.usageJSON { try StoreJSON.validate(usage, field: "usage_json") }
    if case .dataset = run.groundTruth, run.dataset == nil || run.split == nil {
      throw StoreError.invalidRecord(
        "a dataset ground-truth source needs the run's dataset and split")
    }
    try Self.checkTags(run.tags)
    var row = RunRow(run)
    row.record.id = nil
    row.record.status = .running
    row.record.finishedAt = nil
    return try write { db in
      try row.insert(db)
      guard let id = row.record.id else {
        throw StoreError.database(path: path, message: "runs: insert returned no id")
      }
      try Self.insertTags(db, runID: id, tags: run.tags)
      try Self.replaceMetrics(db, runID: id, metrics: run.metrics)
      return id
    }
  }

  /// Marks run `id` complete with its aggregate results.
  ///
  /// `metrics` replaces the run's `run_metrics` rows and `metrics_json`; `failures` replaces
  /// `failures_json`. `sampleCount`, `skippedLineCount` and `usageJSON` overwrite the stored values
  /// when given and leave them alone when nil.
  public func finishRun(
    id: Int64, metrics: [String: Double], failures: [String: Int], sampleCount: Int? = nil,
    skippedLineCount: Int? = nil, usageJSON: String? = nil, mappingJSON: String? = nil,
    finishedAt: Date = Date()
  ) throws {
    if let usageJSON { try StoreJSON.validate(usageJSON, field: "usage_json") }
    if let mappingJSON { try StoreJSON.validate(mappingJSON, field: "mapping_json") }
    try write { db in
      try requireRun(db, id: id)
      try db.execute(
        sql: """
          UPDATE runs SET status = 'complete', finished_at = ?, metrics_json = ?,
            failures_json = ?, sample_count = COALESCE(?, sample_count),
            skipped_lines = COALESCE(?, skipped_lines), usage_json = COALESCE(?, usage_json),
            mapping_json = COALESCE(?, mapping_json)
          WHERE id = ?
          """,
        arguments: [
          StoreDate.text(finishedAt), StoreJSON.object(metrics), StoreJSON.object(failures),
          sampleCount, skippedLineCount, usageJSON, mappingJSON, id,
        ])
      try Self.replaceMetrics(db, runID: id, metrics: metrics)
    }
  }

  /// The run with this id (tags and metrics included), or nil.
  public func run(id: Int64) throws -> RunRecord? {
    try read { db in
      guard var record = try RunRow.fetchOne(db, key: id)?.record else { return nil }
      try Self.attachTagsAndMetrics(db, to: &record)
      return record
    }
  }

  /// The runs matching `filter`, oldest first (by id).
  public func runs(filter: RunFilter = .all) throws -> [RunRecord] {
    try read { db in
      var request = RunRow.all()
      let equalities: [(String, String?)] = [
        ("dataset", filter.dataset), ("split", filter.split), ("protocol", filter.protocolName),
        ("name", filter.name), ("command", filter.command?.rawValue),
        ("status", filter.status?.rawValue),
      ]
      for case (let column, let value?) in equalities {
        request = request.filter(Column(column) == value)
      }
      if let tag = filter.tag {
        request = request.filter(
          sql: "id IN (SELECT run_id FROM run_tags WHERE tag = ?)", arguments: [tag])
      }
      var records = try request.order(Column("id")).fetchAll(db).map(\.record)
      for i in records.indices {
        try Self.attachTagsAndMetrics(db, to: &records[i])
      }
      return records
    }
  }

  /// The aggregate metrics of run `id` (from `run_metrics`; NULL reads as `.nan`).
  public func metrics(runID: Int64) throws -> [String: Double] {
    try read { db in
      try requireRun(db, id: runID)
      return try Self.fetchMetrics(db, runID: runID)
    }
  }

  /// Adds `tags` to run `runID` (tags it already has are kept once).
  public func tag(runID: Int64, tags: [String]) throws {
    try Self.checkTags(tags)
    try write { db in
      try requireRun(db, id: runID)
      try Self.insertTags(db, runID: runID, tags: tags)
    }
  }

  /// Removes `tags` from run `runID`; tags it does not have are ignored.
  public func untag(runID: Int64, tags: [String]) throws {
    try write { db in
      try requireRun(db, id: runID)
      for tag in tags {
        try db.execute(
          sql: "DELETE FROM run_tags WHERE run_id = ? AND tag = ?", arguments: [runID, tag])
      }
    }
  }

  /// Deletes run `id` and, through `ON DELETE CASCADE`, every row that belongs to it.
  public func deleteRun(id: Int64) throws {
    try write { db in
      try requireRun(db, id: id)
      try db.execute(sql: "DELETE FROM runs WHERE id = ?", arguments: [id])
    }
  }

  // MARK: - Helpers

  private static func checkTags(_ tags: [String]) throws {
    if tags.contains(where: \.isEmpty) { throw StoreError.invalidRecord("a tag is empty") }
  }

  private static func insertTags(_ db: Database, runID: Int64, tags: [String]) throws {
    let statement = try db.makeStatement(
      sql: "INSERT OR IGNORE INTO run_tags (run_id, tag) VALUES (?, ?)")
    for tag in tags {
      try statement.execute(arguments: [runID, tag])
    }
  }

  private static func replaceMetrics(_ db: Database, runID: Int64, metrics: [String: Double])
    throws
  {
    try db.execute(sql: "DELETE FROM run_metrics WHERE run_id = ?", arguments: [runID])
    let statement = try db.makeStatement(
      sql: "INSERT INTO run_metrics (run_id, key, value) VALUES (?, ?, ?)")
    for key in metrics.keys.sorted() {
      let value = metrics[key] ?? .nan
      try statement.execute(arguments: [runID, key, value.isNaN ? nil : value])
    }
  }

  private static func fetchMetrics(_ db: Database, runID: Int64) throws -> [String: Double] {
    var metrics: [String: Double] = [:]
    let rows = try Row.fetchCursor(
      db, sql: "SELECT key, value FROM run_metrics WHERE run_id = ?", arguments: [runID])
    while let row = try rows.next() {
      metrics[try row.decode(String.self, atIndex: 0)] = try row.double(at: 1)
    }
    return metrics
  }

  private static func attachTagsAndMetrics(_ db: Database, to record: inout RunRecord) throws {
    guard let id = record.id else { return }
    record.tags = try String.fetchAll(
      db, sql: "SELECT tag FROM run_tags WHERE run_id = ? ORDER BY tag", arguments: [id])
    record.metrics = try fetchMetrics(db, runID: id)
  }
}
