/// A problem with one line of an input file; the line is skipped and reading continues.
///
/// Description: `preds.jsonl:118: box: has 3 numbers, expected 4` (`file:line: field: message`,
/// the field part omitted when the whole line is at fault).
public struct InputIssue: Error, Hashable, Sendable, CustomStringConvertible {
  public var file: String
  /// 1-based line number.
  public var line: Int
  /// The field at fault (dotted path such as `graph.objects[2].box`), or nil.
  public var field: String?
  public var message: String

  public init(file: String, line: Int, field: String?, message: String) {
    self.file = file
    self.line = line
    self.field = field
    self.message = message
  }

  public var description: String {
    if let field { return "\(file):\(line): \(field): \(message)" }
    return "\(file):\(line): \(message)"
  }
}

/// A file could not be read at all.
public struct InputFileError: Error, Hashable, Sendable, CustomStringConvertible {
  public var file: String
  public var message: String

  public init(file: String, message: String) {
    self.file = file
    self.message = message
  }

  public var description: String { "\(file): \(message)" }
}

/// Thrown inside a line reader: the field at fault and why.
struct LineProblem: Error {
  var field: String?
  var message: String
  init(_ field: String?, _ message: String) {
    self.field = field
    self.message = message
  }
}
