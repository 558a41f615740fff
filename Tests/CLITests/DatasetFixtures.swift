import Foundation

/// The dataset fixtures (Fixtures/datasets, written by make_fixtures.py) as the CLI tests read
/// them: Foundation's JSONDecoder only, independent of the toolkit's own readers.
enum DatasetFixtures {
  static func root(_ name: String) -> String { CLIRunner.fixture("datasets/\(name)") }

  /// A sample in the generator's expected.json form, decoded from either that file
  /// (relations `[s, predicate, o]`) or a converted JSONL line (relations as objects).
  struct Sample: Decodable, Equatable {
    struct Object: Decodable, Equatable {
      var label: String
      var box: [Double]
    }
    struct Relation: Decodable, Equatable {
      var subject: Int
      var predicate: String
      var object: Int

      init(from decoder: Decoder) throws {
        if var a = try? decoder.unkeyedContainer() {
          subject = try a.decode(Int.self)
          predicate = try a.decode(String.self)
          object = try a.decode(Int.self)
        } else {
          let c = try decoder.container(keyedBy: Keys.self)
          subject = try c.decode(Int.self, forKey: .subject)
          predicate = try c.decode(String.self, forKey: .predicate)
          object = try c.decode(Int.self, forKey: .object)
        }
      }
      enum Keys: String, CodingKey { case subject, predicate, object }
    }
    var id: String
    var width: Double
    var height: Double
    var objects: [Object]
    var relations: [Relation]
    var video: String?
    var frame: Int?
  }

  /// `expected.json[key]` of fixture `name`.
  static func expected(_ name: String, _ key: String) throws -> [Sample] {
    let data = try Data(contentsOf: URL(fileURLWithPath: root(name) + "/expected.json"))
    return try JSONDecoder().decode([String: Lenient].self, from: data)[key]?.samples ?? []
  }

  /// One decoded sample per line of a JSONL file.
  static func jsonl(_ path: String) throws -> [Sample] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return try text.split(separator: "\n").map {
      try JSONDecoder().decode(Sample.self, from: Data($0.utf8))
    }
  }

  /// expected.json holds entries of other shapes too (vocabulary, mask dumps): decode sample
  /// lists and ignore the rest.
  struct Lenient: Decodable {
    var samples: [Sample]?
    init(from decoder: Decoder) throws { samples = try? [Sample](from: decoder) }
  }

  /// A fresh copy of fixture `name` in a temporary directory.
  static func scratchCopy(_ name: String) throws -> URL {
    let dst = try CLIRunner.temporaryDirectory().appendingPathComponent(name)
    try FileManager.default.copyItem(at: URL(fileURLWithPath: root(name)), to: dst)
    return dst
  }

  /// The fixture's own class lists, read from its source files.
  static func vocabulary(_ name: String) throws -> (objects: [String], predicates: [String]) {
    func json(_ file: String) throws -> [String: Any] {
      let d = try Data(contentsOf: URL(fileURLWithPath: root(name) + "/" + file))
      return try JSONSerialization.jsonObject(with: d) as? [String: Any] ?? [:]
    }
    switch name {
    case "vg150":
      // idx_to_* keys are "1"... (1-based); the vocabulary drops the background slot 0.
      let d = try json("VG-SGG-dicts-with-attri.json")
      func ordered(_ m: Any?) -> [String] {
        let pairs = (m as? [String: String] ?? [:]).compactMap { k, v in Int(k).map { ($0, v) } }
        return pairs.sorted { $0.0 < $1.0 }.map(\.1)
      }
      return (ordered(d["idx_to_label"]), ordered(d["idx_to_predicate"]))
    case "psg":
      let d = try json("psg.json")
      return (
        (d["thing_classes"] as? [String] ?? []) + (d["stuff_classes"] as? [String] ?? []),
        d["predicate_classes"] as? [String] ?? []
      )
    case "pvsg":
      let d = try json("pvsg.json")
      let o = d["objects"] as? [String: [String]] ?? [:]
      return ((o["thing"] ?? []) + (o["stuff"] ?? []), d["relations"] as? [String] ?? [])
    default:
      let d = try json("expected.json")
      let v = d["vocabulary"] as? [String: [String]] ?? [:]
      return (v["objects"] ?? [], v["predicates"] ?? [])
    }
  }
}
