import Foundation
import SGGCore

@testable import SGGDatasets

/// Paths and helpers shared by the dataset tests. Fixtures live in Fixtures/datasets at the
/// package root and are written by Fixtures/datasets/make_fixtures.py.
enum Fixture {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/datasets")

  static func dir(_ name: String) -> URL { root.appendingPathComponent(name) }

  /// The generator's expected.json for `dataset`, decoded with Foundation's JSONDecoder
  /// (independently of the loaders' own JSON reader). JSONSerialization is not used: on Linux it
  /// misrounds doubles such as 30.254154205322266 (→ …255), JSONDecoder does not.
  static func expected(_ dataset: String) throws -> [String: Any] {
    let data = try Data(contentsOf: dir(dataset).appendingPathComponent("expected.json"))
    return try JSONDecoder().decode(AnyJSON.self, from: data).value as? [String: Any] ?? [:]
  }

  /// Samples written by the generator as
  /// `{id, width, height, objects: [{label, box}], relations: [[s, predicate, o]], video?, frame?}`.
  static func samples(_ json: Any?) -> [Sample] {
    guard let rows = json as? [[String: Any]] else { return [] }
    return rows.map { row in
      let objects = (row["objects"] as? [[String: Any]] ?? []).map { o -> Object in
        let b = (o["box"] as? [NSNumber] ?? []).map(\.doubleValue)
        return Object(
          label: o["label"] as? String ?? "?", box: Box(x1: b[0], y1: b[1], x2: b[2], y2: b[3]))
      }
      let relations = (row["relations"] as? [[Any]] ?? []).map { r in
        Relation(
          subject: (r[0] as? NSNumber)?.intValue ?? -1, predicate: r[1] as? String ?? "?",
          object: (r[2] as? NSNumber)?.intValue ?? -1)
      }
      return Sample(
        id: row["id"] as? String ?? "?", width: (row["width"] as? NSNumber)?.doubleValue ?? 0,
        height: (row["height"] as? NSNumber)?.doubleValue ?? 0,
        graph: SceneGraph(objects: objects, relations: relations), video: row["video"] as? String,
        frame: (row["frame"] as? NSNumber)?.intValue)
    }
  }

  /// A fresh temporary copy of fixture directory `name`, for tests that damage files.
  static func scratchCopy(_ name: String) throws -> URL {
    let dst = FileManager.default.temporaryDirectory
      .appendingPathComponent("sgg-datasets-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: dir(name), to: dst)
    return dst
  }
}

/// Any JSON value, decoded through JSONDecoder; numbers become NSNumber (Double), so the
/// `as? NSNumber` casts of the helpers work.
struct AnyJSON: Decodable {
  var value: Any

  init(from decoder: Decoder) throws {
    if var a = try? decoder.unkeyedContainer() {
      var items: [Any] = []
      while !a.isAtEnd { items.append(try a.decode(AnyJSON.self).value) }
      value = items
      return
    }
    if let o = try? decoder.container(keyedBy: Key.self) {
      var dict: [String: Any] = [:]
      for k in o.allKeys { dict[k.stringValue] = try o.decode(AnyJSON.self, forKey: k).value }
      value = dict
      return
    }
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      value = NSNull()
    } else if let b = try? c.decode(Bool.self) {
      value = b
    } else if let d = try? c.decode(Double.self) {
      value = NSNumber(value: d)
    } else {
      value = try c.decode(String.self)
    }
  }

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }
}

/// Runs `body` and returns the DatasetError it throws (nil when it succeeds or throws another
/// error type).
func datasetError(_ body: () throws -> Void) -> DatasetError? {
  do {
    try body()
    return nil
  } catch let e as DatasetError {
    return e
  } catch {
    return nil
  }
}
