/// The six kinds of JSON value, used in type-mismatch errors and schema messages.
public enum JSONValueKind: String, Hashable, Sendable, CustomStringConvertible {
  case null, bool, number, string, array, object

  /// The kind with an article, for messages ("an object", "a number").
  public var description: String {
    switch self {
    case .null: return "null"
    case .bool: return "a boolean"
    case .number: return "a number"
    case .string: return "a string"
    case .array: return "an array"
    case .object: return "an object"
    }
  }
}

/// A JSON syntax or structure error at a byte offset of the input.
///
/// ``isUnexpectedEnd`` is reported separately because it is how a model output cut off by the
/// token limit shows up (FailureKind `truncated`), as opposed to text that is simply not JSON.
public struct JSONParseError: Error, Hashable, Sendable, CustomStringConvertible {
  public enum Kind: Hashable, Sendable {
    /// The bytes do not follow the JSON grammar (or Python `json.loads`' extensions).
    case syntax
    /// The input ended while a value was still open.
    case unexpectedEnd
    /// Nesting deeper than the reader's `maxDepth` (reported instead of overflowing the stack).
    case depthLimit
    /// A pull-API read asked for one kind of value and found another; nothing was consumed.
    case typeMismatch(expected: JSONValueKind, found: JSONValueKind)
  }

  public var kind: Kind
  /// Byte offset (0-based) into the buffer the reader was given.
  public var offset: Int
  public var message: String

  public init(kind: Kind, offset: Int, message: String) {
    self.kind = kind
    self.offset = offset
    self.message = message
  }

  /// True when the input ended early (truncated output).
  public var isUnexpectedEnd: Bool { kind == .unexpectedEnd }

  public var description: String { "byte \(offset): \(message)" }
}
