import Foundation
import SGGCore
import SGGFormats

/// VG150 from the released `VG-SGG*.h5`, `VG-SGG-dicts*.json` and `image_data.json`,
/// reproducing Scene-Graph-Benchmark's `VGDataset` (datasets.md §1).
enum VG150Loader {
  /// Images SGB and motifs skip in image_data.json before zipping it with the h5 rows.
  static let corruptedImageIDs: Set<Int> = [1592, 1722, 4616, 4617]

  struct ImageInfo {
    var id: Int
    var width: Double
    var height: Double
  }

  static func load(root: URL, split: DatasetSplit, options: DatasetOptions) throws
    -> LoadedDataset
  {
    let opts = options.vg150
    let h5URL = try firstExisting(
      ["VG-SGG-with-attri.h5", "VG-SGG.h5"], in: root, expected: "the VG150 HDF5 file")
    let dictsURL = try firstExisting(
      ["VG-SGG-dicts-with-attri.json", "VG-SGG-dicts.json"], in: root,
      expected: "the VG150 class dictionaries")
    let imageDataURL = try firstExisting(
      ["image_data.json"], in: root, expected: "VG image metadata")

    let vocabulary = try readDicts(dictsURL)
    var (images, droppedCorrupt, droppedMissing) = try readImageData(imageDataURL)
    if let dir = opts.imagesDirectory {
      let before = images.count
      images = images.filter {
        FileManager.default.fileExists(atPath: dir.appendingPathComponent("\($0.id).jpg").path)
      }
      droppedMissing = before - images.count
    }

    let h5 = try HDF5File(contentsOf: h5URL)
    let path = h5URL.path
    func column(_ name: String, width: Int?) throws -> [Int32] {
      let ds = try h5.dataset(name)
      let expectedRank = width == nil ? [1] : (width == 1 ? [1, 2] : [2])
      guard expectedRank.contains(ds.shape.count),
        width == nil || ds.shape.count == 1
          || ds.shape[1] == width
      else {
        throw DatasetError.malformed(
          path: path,
          detail:
            "dataset '\(name)' has shape \(ds.shape), expected (N\(width.map { ", \($0)" } ?? ""))")
      }
      return try h5.read(ds, as: Int32.self)
    }
    let splitColumn = try column("split", width: nil)
    let firstBox = try column("img_to_first_box", width: nil)
    let lastBox = try column("img_to_last_box", width: nil)
    let firstRel = try column("img_to_first_rel", width: nil)
    let lastRel = try column("img_to_last_rel", width: nil)
    let labels = try column("labels", width: 1)
    let boxName = "boxes_\(opts.boxScale)"
    let boxes = try column(boxName, width: 4)
    let relationships = try column("relationships", width: 2)
    let predicates = try column("predicates", width: 1)

    let rows = splitColumn.count
    for (name, c) in [
      ("img_to_first_box", firstBox), ("img_to_last_box", lastBox),
      ("img_to_first_rel", firstRel), ("img_to_last_rel", lastRel),
    ] where c.count != rows {
      throw DatasetError.malformed(
        path: path, detail: "dataset '\(name)' has \(c.count) rows, 'split' has \(rows)")
    }
    guard labels.count * 4 == boxes.count else {
      throw DatasetError.malformed(
        path: path, detail: "'labels' has \(labels.count) rows, '\(boxName)' has \(boxes.count / 4)"
      )
    }
    guard predicates.count * 2 == relationships.count else {
      throw DatasetError.malformed(
        path: path,
        detail: "'predicates' has \(predicates.count) rows, 'relationships' has "
          + "\(relationships.count / 2)")
    }
    guard images.count == rows else {
      throw DatasetError.malformed(
        path: imageDataURL.path,
        detail:
          "\(images.count) images after dropping ids 1592, 1722, 4616, 4617"
          + (droppedMissing > 0 ? " and \(droppedMissing) without a jpg" : "")
          + ", but \(h5URL.lastPathComponent) has \(rows) image rows (they must align 1:1)")
    }

    // Split selection (SGB load_graphs): split flag, has boxes, has relations, val hold-out.
    let flag: Int32 = split == .test ? 2 : 0
    var candidates = 0
    var noBoxes = 0
    var noRels = 0
    var index: [Int] = []
    for i in 0..<rows where splitColumn[i] == flag {
      candidates += 1
      if firstBox[i] < 0 {
        noBoxes += 1
        continue
      }
      if opts.filterEmptyRelations && firstRel[i] < 0 {
        noRels += 1
        continue
      }
      index.append(i)
    }
    var dropped: [DatasetStatistics.Drop] = [
      .init(
        filter: "corrupted image ids 1592, 1722, 4616, 4617 (image_data.json)",
        count: droppedCorrupt, unit: "images")
    ]
    if droppedMissing > 0 {
      dropped.append(
        .init(filter: "images without a jpg file", count: droppedMissing, unit: "images"))
    }
    dropped.append(.init(filter: "images without boxes", count: noBoxes, unit: "images"))
    if opts.filterEmptyRelations {
      dropped.append(
        .init(filter: "images without relations (filter_empty_rels)", count: noRels, unit: "images")
      )
    }
    let holdOut = max(0, opts.validationImages)
    if split == .val {
      let rest = max(0, index.count - holdOut)
      index = Array(index.prefix(holdOut))
      dropped.append(
        .init(
          filter: "train images after the first \(holdOut) (not val)", count: rest,
          unit: "images"))
    } else if split == .train && holdOut > 0 {
      let taken = min(holdOut, index.count)
      index = Array(index.dropFirst(holdOut))
      dropped.append(
        .init(
          filter: "first \(holdOut) train images held out as val", count: taken,
          unit: "images"))
    }

    let isTrain = split == .train
    var rng = SplitMix64(state: options.seed)
    var nonOverlapRels = 0
    var nonOverlapImages = 0
    var duplicateRels = 0
    let scale = Double(opts.boxScale)
    var samples: [Sample] = []
    samples.reserveCapacity(index.count)
    for i in index {
      let b0 = Int(firstBox[i])
      let b1 = Int(lastBox[i])
      guard b0 <= b1, b1 < labels.count else {
        throw DatasetError.malformed(
          path: path,
          detail: "image row \(i): box range \(b0)...\(b1) outside 'labels' (\(labels.count) rows)")
      }
      let info = images[i]
      let longSide = max(info.width, info.height)
      var intBoxes: [(Int64, Int64, Int64, Int64)] = []
      var objects: [Object] = []
      intBoxes.reserveCapacity(b1 - b0 + 1)
      objects.reserveCapacity(b1 - b0 + 1)
      for r in b0...b1 {
        let cx = boxes[4 * r]
        let cy = boxes[4 * r + 1]
        let w = boxes[4 * r + 2]
        let h = boxes[4 * r + 3]
        // SGB asserts these on the whole array; a violation is a broken file.
        guard cx >= 0, cy >= 0, w > 0, h > 0 else {
          throw DatasetError.malformed(
            path: path,
            detail:
              "'\(boxName)' row \(r) = [\(cx), \(cy), \(w), \(h)]: expected cx, cy ≥ 0 and w, h > 0"
          )
        }
        let label = Int(labels[r])
        guard label >= 1, label <= vocabulary.objects.count else {
          throw DatasetError.malformed(
            path: path,
            detail:
              "'labels' row \(r) = \(label), expected 1...\(vocabulary.objects.count) (1-based)")
        }
        let d = VG150BoxDecoding.decode(cx: cx, cy: cy, w: w, h: h)
        intBoxes.append(d)
        let limX: Double? = opts.clipToImage ? info.width - 1 : nil
        let limY: Double? = opts.clipToImage ? info.height - 1 : nil
        func px(_ v: Int64, _ lim: Double?) -> Double {
          VG150BoxDecoding.toPixels(
            v, scale: scale, longSide: longSide, float32: opts.float32Boxes, clampTo: lim)
        }
        objects.append(
          Object(
            label: vocabulary.objects[label - 1],
            box: Box(x1: px(d.x1, limX), y1: px(d.y1, limY), x2: px(d.x2, limX), y2: px(d.y2, limY))
          ))
      }
      var rels: [(s: Int, o: Int, p: Int)] = []
      let r0 = Int(firstRel[i])
      let r1 = Int(lastRel[i])
      if r0 >= 0 {
        guard r0 <= r1, r1 < predicates.count else {
          throw DatasetError.malformed(
            path: path,
            detail: "image row \(i): relation range \(r0)...\(r1) outside 'predicates' "
              + "(\(predicates.count) rows)")
        }
        for r in r0...r1 {
          let s = Int(relationships[2 * r]) - b0
          let o = Int(relationships[2 * r + 1]) - b0
          guard s >= 0, s < objects.count, o >= 0, o < objects.count else {
            throw DatasetError.malformed(
              path: path,
              detail: "'relationships' row \(r) points at boxes outside image row \(i)'s "
                + "range \(b0)...\(b1)")
          }
          let p = Int(predicates[r])
          guard p >= 1, p <= vocabulary.predicates.count else {
            throw DatasetError.malformed(
              path: path,
              detail: "'predicates' row \(r) = \(p), expected 1...\(vocabulary.predicates.count)")
          }
          rels.append((s, o, p))
        }
      }
      if isTrain && opts.filterNonOverlap {
        // SGB boxlist_iou on the 1024-scale integer boxes, with the +1 (TO_REMOVE) convention.
        let kept = rels.filter { r in
          let a = intBoxes[r.s]
          let b = intBoxes[r.o]
          let iw = min(a.2, b.2) - max(a.0, b.0) + 1
          let ih = min(a.3, b.3) - max(a.1, b.1) + 1
          return iw > 0 && ih > 0
        }
        if kept.isEmpty {
          nonOverlapImages += 1
          nonOverlapRels += rels.count
          continue
        }
        nonOverlapRels += rels.count - kept.count
        rels = kept
      }
      if isTrain && opts.filterDuplicateRelations {
        let kept = onePredicatePerPair(rels, rng: &rng)
        duplicateRels += rels.count - kept.count
        rels = kept
      }
      let relations = rels.map {
        Relation(subject: $0.s, predicate: vocabulary.predicates[$0.p - 1], object: $0.o)
      }
      samples.append(
        Sample(
          id: String(info.id), width: info.width, height: info.height,
          graph: SceneGraph(objects: objects, relations: relations)))
    }
    if isTrain && opts.filterNonOverlap {
      dropped.append(
        .init(
          filter: "relations between non-overlapping boxes (filter_non_overlap)",
          count: nonOverlapRels, unit: "relations"))
      dropped.append(
        .init(
          filter: "images left without overlapping relations (filter_non_overlap)",
          count: nonOverlapImages, unit: "images"))
    }
    if isTrain && opts.filterDuplicateRelations {
      dropped.append(
        .init(
          filter: "extra predicates per pair (filter_duplicate_rels)",
          count: duplicateRels, unit: "relations"))
    }
    return LoadedDataset(
      kind: .vg150, split: split, samples: samples, vocabulary: vocabulary,
      statistics: DatasetStatistics(
        kind: .vg150, split: split, candidates: candidates, samples: samples,
        vocabulary: vocabulary, dropped: dropped))
  }

  /// Class and predicate names from `VG-SGG-dicts*.json`, 1-based → position `index - 1`.
  static func readDicts(_ url: URL) throws -> Vocabulary {
    let json = try parseJSON(readFile(url, expected: "VG-SGG-dicts JSON"), path: url.path)
    guard let top = json.objectValue else {
      throw DatasetError.malformed(path: url.path, detail: "expected a JSON object at top level")
    }
    func names(_ toIndex: String, _ fromIndex: String) throws -> [String] {
      // SGB's load_info sorts label_to_idx by value; idx_to_label is the same mapping inverted.
      var pairs: [(Int, String)] = []
      if let m = top[toIndex]?.objectValue {
        for (k, v) in m.members {
          guard let i = v.intValue else {
            throw DatasetError.malformed(
              path: url.path, detail: "'\(toIndex)'['\(k)'] is not an integer")
          }
          pairs.append((i, k))
        }
      } else if let m = top[fromIndex]?.objectValue {
        for (k, v) in m.members {
          guard let i = Int(k), let name = v.stringValue else {
            throw DatasetError.malformed(
              path: url.path, detail: "'\(fromIndex)' entry '\(k)' is not \"<int>\": \"<name>\"")
          }
          pairs.append((i, name))
        }
      } else {
        throw DatasetError.malformed(
          path: url.path, detail: "missing '\(toIndex)' (or '\(fromIndex)') mapping")
      }
      pairs.sort { $0.0 < $1.0 }
      for (k, p) in pairs.enumerated() where p.0 != k + 1 {
        throw DatasetError.malformed(
          path: url.path,
          detail: "'\(toIndex)' indices must be 1...\(pairs.count) without gaps (found \(p.0))")
      }
      return pairs.map(\.1)
    }
    return Vocabulary(
      objects: try names("label_to_idx", "idx_to_label"),
      predicates: try names("predicate_to_idx", "idx_to_predicate"))
  }

  /// image_data.json entries in file order, minus the four corrupted ids.
  static func readImageData(_ url: URL) throws -> ([ImageInfo], Int, Int) {
    let json = try parseJSON(readFile(url, expected: "VG image_data.json"), path: url.path)
    guard let list = json.arrayValue else {
      throw DatasetError.malformed(path: url.path, detail: "expected a JSON array of images")
    }
    var out: [ImageInfo] = []
    out.reserveCapacity(list.count)
    var corrupt = 0
    for (k, item) in list.enumerated() {
      guard let o = item.objectValue else {
        throw DatasetError.malformed(path: url.path, detail: "entry \(k) is not an object")
      }
      let id = o["image_id"]?.intValue ?? o["image_id"]?.stringValue.flatMap { Int($0) }
      guard let id, let w = o["width"]?.doubleValue, let h = o["height"]?.doubleValue, w > 0, h > 0
      else {
        throw DatasetError.malformed(
          path: url.path,
          detail: "entry \(k): expected integer 'image_id' and positive 'width'/'height'")
      }
      if corruptedImageIDs.contains(id) {
        corrupt += 1
        continue
      }
      out.append(ImageInfo(id: id, width: w, height: h))
    }
    return (out, corrupt, 0)
  }
}
