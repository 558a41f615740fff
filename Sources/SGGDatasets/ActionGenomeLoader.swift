import Foundation
import SGGCore

/// Action Genome v1.0 from the two pickles and the class-list files, with STTran's frame and
/// video filters and ground-truth graph layout (datasets.md §4, eval-protocols §5.3).
///
/// Per frame: object 0 is the person (row 0 of `person_bbox`), then the visible objects in file
/// order with `(x, y, w, h)` → `(x, y, x+w, y+h)`. Relations per object, in STTran's order:
/// attention `(person, object)`, spatial `(object, person)` (reversed), contacting
/// `(person, object)`.
enum ActionGenomeLoader {
  /// STTran's renames of the punctuation-stripped class files back to the pkl spelling.
  static let sttranNames: [String: String] = [
    "closetcabinet": "closet/cabinet", "cupglassbottle": "cup/glass/bottle",
    "papernotebook": "paper/notebook", "phonecamera": "phone/camera", "sofacouch": "sofa/couch",
    "lookingat": "looking_at", "notlookingat": "not_looking_at", "infrontof": "in_front_of",
    "onthesideof": "on_the_side_of", "coveredby": "covered_by", "drinkingfrom": "drinking_from",
    "haveitontheback": "have_it_on_the_back", "leaningon": "leaning_on", "lyingon": "lying_on",
    "notcontacting": "not_contacting", "otherrelationship": "other_relationship",
    "sittingon": "sitting_on", "standingon": "standing_on", "writingon": "writing_on",
  ]

  /// The comparison key that makes pkl names and class-file lines meet: `_`, `/`, spaces removed.
  static func key(_ s: String) -> String {
    String(
      s.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "/" && $0 != " " }.map(
        Character.init))
  }

  static func readClassFile(_ url: URL, lines expected: Int) throws -> [String] {
    let text = String(
      decoding: try readFile(url, expected: "an Action Genome class list"), as: UTF8.self)
    let names = text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
      .filter { !$0.isEmpty }
    guard names.count == expected else {
      throw DatasetError.malformed(
        path: url.path, detail: "\(names.count) class names, expected \(expected)")
    }
    return names.map { sttranNames[key($0)] ?? $0 }
  }

  static func load(root: URL, split: DatasetSplit, options: DatasetOptions) throws
    -> LoadedDataset
  {
    let opts = options.actionGenome
    let objectNames = try readClassFile(
      root.appendingPathComponent("object_classes.txt"), lines: 36)
    // STTran slices the 26 predicates by position: attention 0–2, spatial 3–8, contacting 9–25.
    let predicateNames = try readClassFile(
      root.appendingPathComponent("relationship_classes.txt"), lines: 26)
    let vocabulary = Vocabulary(objects: objectNames, predicates: predicateNames)
    let groups = [
      PredicateGroup(name: "attention", predicates: Array(predicateNames[0..<3])),
      PredicateGroup(name: "spatial", predicates: Array(predicateNames[3..<9])),
      PredicateGroup(name: "contacting", predicates: Array(predicateNames[9..<26])),
    ]
    var objectByKey: [String: String] = [:]
    for n in objectNames { objectByKey[key(n)] = n }
    let groupByKey: [[String: String]] = groups.map { g in
      Dictionary(g.predicates.map { (key($0), $0) }, uniquingKeysWith: { a, _ in a })
    }

    let objectURL = root.appendingPathComponent(opts.objectFile)
    let personURL = root.appendingPathComponent("person_bbox.pkl")
    guard let objectDict = try Unpickler.load(contentsOf: objectURL).dictValue else {
      throw DatasetError.malformed(path: objectURL.path, detail: "expected a dict of frames")
    }
    guard let personDict = try Unpickler.load(contentsOf: personURL).dictValue else {
      throw DatasetError.malformed(path: personURL.path, detail: "expected a dict of frames")
    }
    var objectIndex: [String: Int] = [:]
    objectIndex.reserveCapacity(objectDict.keys.count)
    for (i, k) in objectDict.keys.enumerated() {
      if let s = k.stringValue { objectIndex[s] = i }
    }
    let mode = split == .test ? "test" : "train"
    let opath = objectURL.path
    let ppath = personURL.path
    func bad(_ p: String, _ what: String) -> DatasetError { .malformed(path: p, detail: what) }

    // Pass 1 (STTran): frames of this split with ≥ 1 visible object, grouped by video in
    // person_bbox key order.
    var videoOrder: [String] = []
    var videoFrames: [String: [(key: String, objects: [PickleDict], person: PickleDict)]] = [:]
    var candidates = 0
    var noVisible = 0
    for (pi, pk) in personDict.keys.enumerated() {
      guard let frameKey = pk.stringValue else { throw bad(ppath, "a key is not a string") }
      guard let oi = objectIndex[frameKey] else {
        throw bad(opath, "no entry for frame '\(frameKey)' present in person_bbox.pkl")
      }
      guard let entries = objectDict.values[oi].sequence else {
        throw bad(opath, "frame '\(frameKey)': expected a list of objects")
      }
      let objs = try entries.enumerated().map { j, e -> PickleDict in
        guard let d = e.dictValue else {
          throw bad(opath, "frame '\(frameKey)'[\(j)] is not a dict")
        }
        return d
      }
      guard let first = objs.first else {
        throw bad(opath, "frame '\(frameKey)' has no object entries (STTran reads entry 0)")
      }
      guard let set = first["metadata"]?.dictValue?["set"]?.stringValue else {
        throw bad(opath, "frame '\(frameKey)'[0] has no metadata.set")
      }
      guard set == mode else { continue }
      candidates += 1
      guard objs.contains(where: { $0["visible"]?.truthy ?? false }) else {
        noVisible += 1
        continue
      }
      guard let person = personDict.values[pi].dictValue else {
        throw bad(ppath, "frame '\(frameKey)': expected a dict")
      }
      let video = String(frameKey.split(separator: "/", maxSplits: 1).first ?? "")
      if videoFrames[video] == nil {
        videoOrder.append(video)
        videoFrames[video] = []
      }
      videoFrames[video]?.append((frameKey, objs, person))
    }

    // Pass 2: person filter, video length filter, graphs.
    var samples: [Sample] = []
    var noPerson = 0
    var shortVideos = 0
    var shortVideoFrames = 0
    for video in videoOrder {
      var frames: [Sample] = []
      for f in videoFrames[video] ?? [] {
        guard let bboxArray = f.person["bbox"], case .ndarray(let arr) = bboxArray,
          let values = arr.doubles(), arr.shape.count == 2, arr.shape[1] == 4
        else { throw bad(ppath, "frame '\(f.key)': 'bbox' is not an (N, 4) numeric array") }
        let hasPerson = arr.shape[0] > 0
        if opts.filterNonPersonFrames && !hasPerson {
          noPerson += 1
          continue
        }
        guard let size = f.person["bbox_size"]?.sequence, size.count == 2,
          let w = size[0].doubleValue, let h = size[1].doubleValue
        else { throw bad(ppath, "frame '\(f.key)': 'bbox_size' is not (width, height)") }
        var objects: [Object] = []
        var relations: [Relation] = []
        if hasPerson {
          objects.append(
            Object(
              label: "person", box: Box(x1: values[0], y1: values[1], x2: values[2], y2: values[3]))
          )
        }
        for (j, o) in f.objects.enumerated() where o["visible"]?.truthy ?? false {
          let at = "frame '\(f.key)'[\(j)]"
          guard let cls = o["class"]?.stringValue, let label = objectByKey[key(cls)] else {
            throw bad(
              opath, "\(at): class '\(o["class"]?.stringValue ?? "?")' is not in object_classes.txt"
            )
          }
          guard let b = o["bbox"]?.sequence, b.count == 4, let x = b[0].doubleValue,
            let y = b[1].doubleValue, let bw = b[2].doubleValue, let bh = b[3].doubleValue
          else { throw bad(opath, "\(at): visible object without an (x, y, w, h) bbox") }
          let m = objects.count
          objects.append(Object(label: label, box: Box(x1: x, y1: y, x2: x + bw, y2: y + bh)))
          guard hasPerson else { continue }
          let fields = [
            "attention_relationship", "spatial_relationship", "contacting_relationship",
          ]
          for (g, field) in fields.enumerated() {
            for r in o[field]?.sequence ?? [] {
              guard let name = r.stringValue, let p = groupByKey[g][key(name)] else {
                throw bad(
                  opath,
                  "\(at): \(field) '\(r.stringValue ?? r.typeName)' is not a "
                    + "\(groups[g].name) predicate of relationship_classes.txt")
              }
              relations.append(
                g == 1
                  ? Relation(subject: m, predicate: p, object: 0)
                  : Relation(subject: 0, predicate: p, object: m))
            }
          }
        }
        let stem = f.key.split(separator: "/").last.map { $0.split(separator: ".").first ?? $0 }
        frames.append(
          Sample(
            id: f.key, width: w, height: h,
            graph: SceneGraph(objects: objects, relations: relations),
            video: video, frame: stem.flatMap { Int($0) }))
      }
      if frames.count >= opts.minimumFramesPerVideo {
        samples.append(contentsOf: frames)
      } else {
        shortVideos += 1
        shortVideoFrames += frames.count
      }
    }
    let dropped: [DatasetStatistics.Drop] = [
      .init(filter: "frames without a visible object", count: noVisible, unit: "frames"),
      .init(
        filter: "frames without a person box (filter_nonperson_box_frame)",
        count: opts.filterNonPersonFrames ? noPerson : 0, unit: "frames"),
      .init(
        filter: "videos with fewer than \(opts.minimumFramesPerVideo) frames",
        count: shortVideos, unit: "videos"),
      .init(filter: "frames of those short videos", count: shortVideoFrames, unit: "frames"),
    ]
    return LoadedDataset(
      kind: .ag, split: split, samples: samples, vocabulary: vocabulary, predicateGroups: groups,
      statistics: DatasetStatistics(
        kind: .ag, split: split, candidates: candidates, samples: samples, vocabulary: vocabulary,
        dropped: dropped))
  }
}
