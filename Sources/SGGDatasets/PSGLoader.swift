import Foundation
import SGGCore
import SGGFormats

/// PSG from OpenPSG's `psg.json`, as `PanopticSceneGraphDataset` builds it (datasets.md §2):
/// boxes from `annotations` (XYXY absolute, thing and stuff: `all_bboxes=True`), 0-based
/// categories into `thing_classes + stuff_classes`, 0-based predicates, string image ids.
enum PSGLoader {
  static func load(root: URL, split: DatasetSplit, options: DatasetOptions) throws
    -> LoadedDataset
  {
    let opts = options.psg
    let url = root.appendingPathComponent(opts.annotationFile)
    let path = url.path
    let json = try parseJSON(readFile(url, expected: "the PSG annotation file"), path: path)
    func bad(_ what: String) -> DatasetError { .malformed(path: path, detail: what) }
    guard let top = json.objectValue else { throw bad("expected a JSON object at top level") }
    func strings(_ key: String) throws -> [String] {
      guard let a = top[key]?.arrayValue else { throw bad("missing '\(key)' list") }
      return try a.enumerated().map { k, v in
        guard let s = v.stringValue else { throw bad("'\(key)'[\(k)] is not a string") }
        return s
      }
    }
    let classes = try strings("thing_classes") + strings("stuff_classes")
    let predicates = try strings("predicate_classes")
    let vocabulary = Vocabulary(objects: classes, predicates: predicates)
    guard let testIDList = top["test_image_ids"]?.arrayValue else {
      throw bad("missing 'test_image_ids' list")
    }
    let testIDs = Set(testIDList.compactMap(idString))
    guard let data = top["data"]?.arrayValue else { throw bad("missing 'data' list") }

    let wantTest = split == .test
    var rng = SplitMix64(state: options.seed)
    var candidates = 0
    var zeroRelation = 0
    var duplicates = 0
    var samples: [Sample] = []
    for (k, item) in data.enumerated() {
      guard let d = item.objectValue else { throw bad("data[\(k)] is not an object") }
      guard let id = d["image_id"].flatMap(idString) else {
        throw bad("data[\(k)] has no string 'image_id'")
      }
      // OpenPSG splits by string membership in test_image_ids.
      guard testIDs.contains(id) == wantTest else { continue }
      candidates += 1
      let rawRelations = d["relations"]?.arrayValue ?? []
      if opts.dropImagesWithoutRelations && rawRelations.isEmpty {
        zeroRelation += 1
        continue
      }
      guard let w = d["width"]?.doubleValue, let h = d["height"]?.doubleValue else {
        throw bad("image \(id): missing 'width'/'height'")
      }
      guard let annotations = d["annotations"]?.arrayValue else {
        throw bad("image \(id): missing 'annotations' list")
      }
      var objects: [Object] = []
      objects.reserveCapacity(annotations.count)
      for (j, a) in annotations.enumerated() {
        guard let ao = a.objectValue, let box = ao["bbox"]?.arrayValue, box.count == 4 else {
          throw bad("image \(id): annotations[\(j)] has no 4-number 'bbox'")
        }
        let c = try box.map { v -> Double in
          guard let x = v.doubleValue else { throw bad("image \(id): annotations[\(j)].bbox") }
          return x
        }
        if let mode = ao["bbox_mode"]?.intValue, mode != 0 {
          throw bad("image \(id): annotations[\(j)].bbox_mode = \(mode), expected 0 (XYXY_ABS)")
        }
        guard let cat = ao["category_id"]?.intValue, cat >= 0, cat < classes.count else {
          throw bad(
            "image \(id): annotations[\(j)].category_id outside 0...\(classes.count - 1) (0-based)")
        }
        objects.append(
          Object(label: classes[cat], box: Box(x1: c[0], y1: c[1], x2: c[2], y2: c[3])))
      }
      var rels: [(s: Int, o: Int, p: Int)] = []
      for (j, r) in rawRelations.enumerated() {
        guard let t = r.arrayValue, t.count == 3, let s = t[0].intValue, let o = t[1].intValue,
          let p = t[2].intValue
        else { throw bad("image \(id): relations[\(j)] is not [subject, object, predicate]") }
        guard s >= 0, s < objects.count, o >= 0, o < objects.count else {
          throw bad(
            "image \(id): relations[\(j)] = [\(s), \(o), \(p)] refers to an object outside "
              + "0...\(objects.count - 1)")
        }
        guard p >= 0, p < predicates.count else {
          throw bad(
            "image \(id): relations[\(j)] predicate \(p) outside 0...\(predicates.count - 1)")
        }
        rels.append((s, o, p))
      }
      if opts.deduplicateRelations {
        let before = rels.count
        if wantTest {
          // Test: drop exact duplicate triplets, keep several predicates per pair.
          var seen = Set<[Int]>()
          rels = rels.filter { seen.insert([$0.s, $0.o, $0.p]).inserted }
        } else {
          rels = onePredicatePerPair(rels, rng: &rng)
        }
        duplicates += before - rels.count
      }
      samples.append(
        Sample(
          id: id, width: w, height: h,
          graph: SceneGraph(
            objects: objects,
            relations: rels.map {
              Relation(subject: $0.s, predicate: predicates[$0.p], object: $0.o)
            })))
    }
    var dropped: [DatasetStatistics.Drop] = []
    if opts.dropImagesWithoutRelations {
      dropped.append(.init(filter: "images without relations", count: zeroRelation, unit: "images"))
    }
    if opts.deduplicateRelations {
      dropped.append(
        .init(
          filter: wantTest
            ? "exact duplicate triplets" : "extra predicates per pair (one random kept)",
          count: duplicates, unit: "relations"))
    }
    return LoadedDataset(
      kind: .psg, split: split, samples: samples, vocabulary: vocabulary,
      statistics: DatasetStatistics(
        kind: .psg, split: split, candidates: candidates, samples: samples,
        vocabulary: vocabulary, dropped: dropped))
  }

  /// PSG ids are strings; an integral number is accepted and printed without a fraction.
  static func idString(_ v: JSONValue) -> String? {
    if let s = v.stringValue { return s }
    if let i = v.intValue { return String(i) }
    return nil
  }
}
