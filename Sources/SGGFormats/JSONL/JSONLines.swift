import Foundation

/// Splitting a JSONL buffer into lines (memchr) and reading files.
enum JSONLines {
  /// Calls `body(lineNumber, lineBytes)` for every non-blank line (1-based numbers; a trailing
  /// `\r` is dropped; lines of only whitespace are skipped).
  static func forEachLine(
    _ buffer: UnsafeRawBufferPointer, _ body: (Int, UnsafeRawBufferPointer) -> Void
  ) {
    let b = buffer.bindMemory(to: UInt8.self)
    var lo = 0
    var number = 0
    while lo < b.count {
      let nl = ByteText.index(of: 0x0A, in: b, lo..<b.count) ?? b.count
      number += 1
      var hi = nl
      if hi > lo && b[hi - 1] == 0x0D { hi -= 1 }
      if !ByteText.isBlank(b, lo..<hi) {
        body(number, UnsafeRawBufferPointer(rebasing: buffer[lo..<hi]))
      }
      lo = nl + 1
    }
  }

  /// The file's bytes, memory-mapped when possible.
  static func withContents<T>(of url: URL, _ body: (UnsafeRawBufferPointer, String) -> T) throws
    -> T
  {
    let name = url.lastPathComponent
    let data: Data
    do {
      data = try Data(contentsOf: url, options: .alwaysMapped)
    } catch {
      throw InputFileError(file: url.path, message: "cannot read: \(error.localizedDescription)")
    }
    return data.withUnsafeBytes { body($0, name) }
  }

  /// `"invalid JSON: …"` problem for a reader error at `offset` in the line.
  static func problem(_ e: JSONParseError) -> LineProblem {
    if case .typeMismatch = e.kind { return LineProblem(nil, e.message) }
    let what = e.isUnexpectedEnd ? "truncated JSON" : "invalid JSON"
    return LineProblem(nil, "\(what) at column \(e.offset + 1): \(e.message)")
  }

  /// Reads a value that must be a string (or, if `allowNull`, null → nil).
  static func string(
    _ r: inout JSONReader, _ field: @autoclosure () -> String, allowNull: Bool = false
  ) throws
    -> String?
  {
    let k = try r.peekKind()
    if k == .null && allowNull {
      _ = try r.readNullIfPresent()
      return nil
    }
    guard k == .string else { throw LineProblem(field(), "is \(k), expected a string") }
    return try r.readString()
  }

  /// Reads a finite number (or, if `allowNull`, null → nil).
  static func finite(
    _ r: inout JSONReader, _ field: @autoclosure () -> String, allowNull: Bool = false
  ) throws
    -> Double?
  {
    let k = try r.peekKind()
    if k == .null && allowNull {
      _ = try r.readNullIfPresent()
      return nil
    }
    guard k == .number else { throw LineProblem(field(), "is \(k), expected a number") }
    let v = try r.readDouble()
    guard v.isFinite else { throw LineProblem(field(), "is \(v), expected a finite number") }
    return v
  }

  /// Reads an integer (written without fraction or exponent).
  static func integer(
    _ r: inout JSONReader, _ field: @autoclosure () -> String, allowNull: Bool = false
  ) throws
    -> Int?
  {
    let k = try r.peekKind()
    if k == .null && allowNull {
      _ = try r.readNullIfPresent()
      return nil
    }
    guard k == .number else { throw LineProblem(field(), "is \(k), expected an integer") }
    let n = try r.readNumber()
    guard n.isInteger, abs(n.value) < 9e15 else {
      throw LineProblem(field(), "is \(n.value), expected an integer")
    }
    return Int(n.value)
  }

  /// Reads `[x1, y1, x2, y2]` of finite numbers.
  static func box(_ r: inout JSONReader, _ field: @autoclosure () -> String) throws -> (
    Double, Double, Double, Double
  ) {
    let k = try r.peekKind()
    guard k == .array else { throw LineProblem(field(), "is \(k), expected [x1, y1, x2, y2]") }
    try r.beginArray()
    // Four slots on the stack: this runs for every box of every line.
    var c: (Double, Double, Double, Double) = (0, 0, 0, 0)
    var count = 0
    while try r.nextElement() {
      let ek = try r.peekKind()
      guard ek == .number else {
        throw LineProblem(field(), "element \(count) is \(ek), expected a number")
      }
      let v = try r.readDouble()
      guard v.isFinite else {
        throw LineProblem(field(), "element \(count) is \(v), expected a finite number")
      }
      switch count {
      case 0: c.0 = v
      case 1: c.1 = v
      case 2: c.2 = v
      case 3: c.3 = v
      default: break
      }
      count += 1
    }
    guard count == 4 else { throw LineProblem(field(), "has \(count) numbers, expected 4") }
    return c
  }

  /// Runs `body` over one line, turning reader errors and problems into an issue.
  static func readLine<T>(
    _ line: UnsafeRawBufferPointer, number: Int, file: String,
    _ body: (inout JSONReader) throws -> T
  ) -> Result<T, InputIssue> {
    var r = JSONReader(bytes: line)
    do {
      guard try r.peekKind() == .object else {
        throw LineProblem(nil, "a line must be a JSON object")
      }
      let v = try body(&r)
      try r.finish()
      return .success(v)
    } catch let p as LineProblem {
      return .failure(InputIssue(file: file, line: number, field: p.field, message: p.message))
    } catch let e as JSONParseError {
      let p = problem(e)
      return .failure(InputIssue(file: file, line: number, field: p.field, message: p.message))
    } catch {
      return .failure(InputIssue(file: file, line: number, field: nil, message: "\(error)"))
    }
  }
}
