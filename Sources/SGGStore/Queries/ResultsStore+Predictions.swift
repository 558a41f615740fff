import Foundation
internal import GRDB

extension ResultsStore {
  /// Stores one model response for run `runID` in its own transaction, so it survives a killed
  /// run. A response already stored for the same sample is replaced.
  public func putPrediction(runID: Int64, _ prediction: PredictionRecord) throws {
    try putPredictions(runID: runID, [prediction])
  }

  /// Stores several responses for run `runID` in one transaction (replacing per sample).
  public func putPredictions(runID: Int64, _ predictions: [PredictionRecord]) throws {
    try write { db in
      try requireRun(db, id: runID)
      let statement = try db.makeStatement(
        sql: """
          INSERT INTO predictions (run_id, sample_id, response, latency_s, prompt_tokens,
            completion_tokens, finish_reason, endpoint, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
          ON CONFLICT (run_id, sample_id) DO UPDATE SET response = excluded.response,
            latency_s = excluded.latency_s, prompt_tokens = excluded.prompt_tokens,
            completion_tokens = excluded.completion_tokens,
            finish_reason = excluded.finish_reason, endpoint = excluded.endpoint,
            created_at = excluded.created_at
          """)
      for p in predictions {
        try statement.execute(arguments: [
          runID, p.sampleID, p.response, p.latencyS, p.promptTokens, p.completionTokens,
          p.finishReason, p.endpoint, StoreDate.text(p.createdAt),
        ])
      }
    }
  }

  /// The ids of the samples run `runID` already has a response for; a resumed run skips them.
  public func finishedSampleIDs(runID: Int64) throws -> Set<String> {
    try read { db in
      try requireRun(db, id: runID)
      return Set(
        try String.fetchAll(
          db, sql: "SELECT sample_id FROM predictions WHERE run_id = ?", arguments: [runID]))
    }
  }

  /// The responses of run `runID`, in the order they were first stored.
  public func predictions(runID: Int64) throws -> [PredictionRecord] {
    try read { db in
      try requireRun(db, id: runID)
      let rows = try Row.fetchCursor(
        db,
        sql: """
          SELECT sample_id, response, latency_s, prompt_tokens, completion_tokens, finish_reason,
            endpoint, created_at
          FROM predictions WHERE run_id = ? ORDER BY id
          """,
        arguments: [runID])
      var out: [PredictionRecord] = []
      while let row = try rows.next() {
        let createdText: String = try row.decode(atIndex: 7)
        guard let created = StoreDate.date(createdText) else {
          throw UnreadableValue(table: "predictions", column: "created_at", value: createdText)
        }
        out.append(
          PredictionRecord(
            sampleID: try row.decode(atIndex: 0), response: try row.decode(atIndex: 1),
            latencyS: try row.decode(atIndex: 2), promptTokens: try row.decode(atIndex: 3),
            completionTokens: try row.decode(atIndex: 4), finishReason: try row.decode(atIndex: 5),
            endpoint: try row.decode(atIndex: 6), createdAt: created))
      }
      return out
    }
  }
}
