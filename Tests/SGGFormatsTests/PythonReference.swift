import Foundation

/// Runs reference Python (`python3` on PATH) with `script`, feeding `input` on stdin; returns
/// stdout. Used to compare the Swift readers with `json.loads`, `csv`, `float()`.
enum PythonReference {
  struct Failure: Error, CustomStringConvertible {
    var description: String
  }

  static func run(_ script: String, input: String = "") throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script]
    let stdin = Pipe()
    let stdout = Pipe()
    let stderr = Pipe()
    process.standardInput = stdin
    process.standardOutput = stdout
    process.standardError = stderr
    try process.run()
    // Write on a background thread so a large input cannot deadlock against a full stdout pipe.
    let data = Data(input.utf8)
    let writer = Thread {
      stdin.fileHandleForWriting.write(data)
      try? stdin.fileHandleForWriting.close()
    }
    writer.start()
    let out = stdout.fileHandleForReading.readDataToEndOfFile()
    let err = stderr.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failure(description: "python3 failed: \(String(decoding: err, as: UTF8.self))")
    }
    return String(decoding: out, as: UTF8.self)
  }
}
