import ArgumentParser
import SGGStore

/// `sgg-eval tag`: add or remove tags of a stored run.
struct TagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tag",
    abstract: "Add tags to a stored run (or remove them with --remove).",
    discussion: """
      Examples:
        sgg-eval tag 7 ablation no-cot
        sgg-eval tag 7 no-cot --remove
      """)

  @Argument(help: "The run id (sgg-eval runs lists them).") var runID: Int64
  @Argument(help: "Tags.") var tags: [String]
  @Flag(help: "Remove the tags instead of adding them.") var remove = false
  @Option(help: "SQLite results store (default: $SGG_EVAL_DB or ./sgg-eval.sqlite).") var db:
    String?
  @OptionGroup var storeTimeout: StoreTimeoutOption

  func validate() throws {
    if tags.isEmpty { throw ValidationError("give at least one tag") }
    if tags.contains(where: \.isEmpty) { throw ValidationError("a tag is empty") }
  }

  func run() throws {
    let store = try StoreAccess.open(db, busyTimeout: try storeTimeout.seconds())
    try StoreAccess.query {
      if remove {
        try store.untag(runID: runID, tags: tags)
      } else {
        try store.tag(runID: runID, tags: tags)
      }
    }
    let now = try StoreAccess.run(store, runID)
    print("run \(runID) tags: \(now.tags.isEmpty ? "(none)" : now.tags.joined(separator: " "))")
  }
}
