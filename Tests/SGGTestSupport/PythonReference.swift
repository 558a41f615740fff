import Foundation

/// Runs reference Python (numpy, scipy, pycocotools) from a test: the script gets JSON on stdin
/// and must print one JSON document on stdout.
///
/// Non-finite doubles travel as the strings `"inf"`, `"-inf"` and `"nan"` (JSON has no literal
/// for them); scripts turn them back with `float(x)`.
public enum PythonReference {
  /// Why a reference run failed; the description says what to install or fix.
  public struct Failure: Error, CustomStringConvertible {
    public var description: String
  }

  /// Runs `python3 -c script` with `input` encoded as JSON on stdin and decodes stdout.
  ///
  /// - Parameter modules: modules the script imports; checked first so a missing one gives a
  ///   clear message instead of a traceback.
  public static func run<Input: Encodable, Output: Decodable>(
    _ script: String, input: Input, modules: [String] = [], as type: Output.Type = Output.self
  ) throws -> Output {
    if !modules.isEmpty {
      try checkModules(modules)
    }
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let stdin = try encoder.encode(input)
    let (status, stdout, stderr) = try launch(arguments: ["python3", "-c", script], stdin: stdin)
    guard status == 0 else {
      throw Failure(description: explain(status: status, stderr: stderr))
    }
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
      return try decoder.decode(Output.self, from: stdout)
    } catch {
      let text = String(decoding: stdout.prefix(2000), as: UTF8.self)
      throw Failure(
        description: "python3 printed output that is not the expected JSON (\(error)): \(text)")
    }
  }

  /// Fails with a message naming every module in `modules` that python3 cannot import.
  public static func checkModules(_ modules: [String]) throws {
    let script = """
      import importlib.util, json, sys
      print(json.dumps([m for m in json.load(sys.stdin) if importlib.util.find_spec(m) is None]))
      """
    let (status, stdout, stderr) = try launch(
      arguments: ["python3", "-c", script], stdin: try JSONEncoder().encode(modules))
    guard status == 0 else {
      throw Failure(description: explain(status: status, stderr: stderr))
    }
    let missing = (try? JSONDecoder().decode([String].self, from: stdout)) ?? []
    if !missing.isEmpty {
      throw Failure(
        description:
          "python3 lacks module(s) \(missing.joined(separator: ", ")); install them "
          + "(e.g. `python3 -m pip install \(missing.joined(separator: " "))`) to run this reference check"
      )
    }
  }

  private static func explain(status: Int32, stderr: Data) -> String {
    let text = String(decoding: stderr, as: UTF8.self)
    if status == 127 {
      return "python3 not found on PATH: install Python 3 to run the reference checks (\(text))"
    }
    if let range = text.range(of: "ModuleNotFoundError: ") {
      return "python3 is missing a module: \(text[range.upperBound...].prefix(200))"
    }
    return "python3 exited with status \(status):\n\(text.suffix(4000))"
  }

  /// Runs a process through `/usr/bin/env` with stdin, stdout and stderr in temporary files, so
  /// large inputs or outputs cannot deadlock on a full pipe.
  private static func launch(arguments: [String], stdin: Data) throws -> (Int32, Data, Data) {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
      "python-reference-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let inURL = directory.appendingPathComponent("stdin.json")
    let outURL = directory.appendingPathComponent("stdout")
    let errURL = directory.appendingPathComponent("stderr")
    try stdin.write(to: inURL)
    _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
    _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)

    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    let inHandle = try FileHandle(forReadingFrom: inURL)
    let outHandle = try FileHandle(forWritingTo: outURL)
    let errHandle = try FileHandle(forWritingTo: errURL)
    defer {
      try? inHandle.close()
      try? outHandle.close()
      try? errHandle.close()
    }
    process.standardInput = inHandle
    process.standardOutput = outHandle
    process.standardError = errHandle
    do {
      try process.run()
    } catch {
      throw Failure(description: "could not start python3 via /usr/bin/env: \(error)")
    }
    process.waitUntilExit()
    return (
      process.terminationStatus, try Data(contentsOf: outURL), try Data(contentsOf: errURL)
    )
  }
}
