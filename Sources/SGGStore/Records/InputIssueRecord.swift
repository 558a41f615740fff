/// A skipped or bad input line of a run (one row of `input_issues`).
public struct InputIssueRecord: Hashable, Sendable {
  /// The file the line came from (as given on the command line).
  public var file: String
  /// 1-based line number; nil for an issue about the whole file.
  public var line: Int?
  /// The offending field (`box`, `id`, …), if the issue is about one.
  public var field: String?
  /// What is wrong, for a person to read.
  public var message: String
  /// A stable machine-readable kind (`bad_json`, `duplicate_id`, a ``FailureKind`` raw value, …).
  public var kind: String

  public init(file: String, line: Int?, field: String? = nil, message: String, kind: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
    self.kind = kind
  }
}
