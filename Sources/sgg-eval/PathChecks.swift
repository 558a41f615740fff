import ArgumentParser
import Foundation

/// Checks of paths named on the command line, as usage errors that name the path.
enum PathChecks {
  /// `path` as a directory URL; throws when it is not an existing directory.
  static func directory(_ path: String, option: String) throws -> URL {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw ValidationError("\(option) \(path): no such directory")
    }
    return URL(fileURLWithPath: path, isDirectory: true)
  }

  /// Throws when the directory an output file would be written in does not exist.
  static func outputDirectoryExists(for path: String) throws {
    let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw ValidationError("\(path): directory \(dir) does not exist")
    }
  }
}
