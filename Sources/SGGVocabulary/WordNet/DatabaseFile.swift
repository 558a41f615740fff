import Foundation

/// Reads one file of a WordNet database folder, turning failures into ``WordNetError``.
enum DatabaseFile {
  /// The whole file. `mapped` maps it into memory instead of copying it, for the data files,
  /// whose pages are then read only when a synset on them is looked up.
  static func read(_ name: String, in directory: String, mapped: Bool = false) throws(WordNetError)
    -> Data
  {
    let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .missingFile(path: path)
    }
    guard !isDirectory.boolValue else {
      throw .unreadableFile(path: path, reason: "it is a directory")
    }
    do {
      return try Data(contentsOf: URL(fileURLWithPath: path), options: mapped ? .alwaysMapped : [])
    } catch {
      throw .unreadableFile(path: path, reason: "\(error.localizedDescription)")
    }
  }
}
