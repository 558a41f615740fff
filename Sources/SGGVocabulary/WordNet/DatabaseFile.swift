import Foundation

/// Reads one file of a WordNet database folder, turning failures into ``WordNetError``.
enum DatabaseFile {
  /// The whole file. `mapped` maps it into memory instead of copying it, for the data files,
  /// whose pages are then read only when a synset on them is looked up.
  static func read(_ name: String, in directory: String, mapped: Bool = false) throws(WordNetError)
    -> Data
  {
    let path = try check(name, in: directory)
    do {
      return try Data(contentsOf: URL(fileURLWithPath: path), options: mapped ? .alwaysMapped : [])
    } catch {
      throw .unreadableFile(path: path, reason: "\(error.localizedDescription)")
    }
  }

  /// The file's path, after checking that it is there and is a readable file (not a folder).
  @discardableResult
  static func check(_ name: String, in directory: String) throws(WordNetError) -> String {
    let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw .missingFile(path: path)
    }
    guard !isDirectory.boolValue else {
      throw .unreadableFile(path: path, reason: "it is a directory")
    }
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw .unreadableFile(path: path, reason: "permission denied")
    }
    return path
  }

  /// Every file the reader opens: `index.*`, `data.*` and `*.exc` of the four parts of speech.
  static let names = PartOfSpeech.allCases.flatMap {
    ["index.\($0.fileSuffix)", "data.\($0.fileSuffix)", "\($0.fileSuffix).exc"]
  }
}
