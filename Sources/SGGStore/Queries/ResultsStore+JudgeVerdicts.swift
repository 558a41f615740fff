import Foundation
internal import GRDB

extension ResultsStore {
  /// The cached verdicts for those of `keys` that are in the cache (one read transaction,
  /// one reused statement, so a whole dataset's label pairs are looked up at once).
  public func judgeVerdicts(for keys: some Sequence<JudgeKey>) throws -> [JudgeKey:
    JudgeVerdictRecord]
  {
    try read { db in
      let statement = try db.makeStatement(
        sql: """
          SELECT question, verdict, raw_answer, created_at FROM judge_verdicts
          WHERE model = ? AND prompt_hash = ? AND question_hash = ?
          """)
      var found: [JudgeKey: JudgeVerdictRecord] = [:]
      for key in keys where found[key] == nil {
        let arguments: StatementArguments = [key.model, key.promptHash, key.questionHash]
        guard let row = try Row.fetchOne(statement, arguments: arguments) else { continue }
        let createdText: String = try row.decode(atIndex: 3)
        guard let created = StoreDate.date(createdText) else {
          throw UnreadableValue(table: "judge_verdicts", column: "created_at", value: createdText)
        }
        let verdict: Int? = try row.decode(atIndex: 1)
        found[key] = JudgeVerdictRecord(
          key: key, question: try row.decode(atIndex: 0), verdict: verdict.map { $0 != 0 },
          rawAnswer: try row.decode(atIndex: 2), createdAt: created)
      }
      return found
    }
  }

  /// Stores one verdict in its own transaction, so it survives a killed judge run. A verdict
  /// already stored under the same key is replaced (an unanswered one can be answered later).
  public func putJudgeVerdict(_ verdict: JudgeVerdictRecord) throws {
    try putJudgeVerdicts([verdict])
  }

  /// Stores several verdicts in one transaction (replacing any under the same keys).
  public func putJudgeVerdicts(_ verdicts: [JudgeVerdictRecord]) throws {
    try write { db in
      let statement = try db.makeStatement(
        sql: """
          INSERT OR REPLACE INTO judge_verdicts
            (model, prompt_hash, question_hash, question, verdict, raw_answer, created_at)
          VALUES (?, ?, ?, ?, ?, ?, ?)
          """)
      for v in verdicts {
        try statement.execute(arguments: [
          v.key.model, v.key.promptHash, v.key.questionHash, v.question,
          v.verdict.map { $0 ? 1 : 0 }, v.rawAnswer, StoreDate.text(v.createdAt),
        ])
      }
    }
  }

  /// How many verdicts the cache holds.
  public func judgeVerdictCount() throws -> Int {
    try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM judge_verdicts") ?? 0 }
  }
}
