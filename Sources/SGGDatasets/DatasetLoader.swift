import Foundation
import SGGCore

/// The one entry point that turns a benchmark's original download into ground-truth samples.
///
/// `root` is a directory holding the dataset's standard file names
/// (``DatasetKind/standardFiles``):
///
/// | kind | files under `root` | splits |
/// |---|---|---|
/// | `vg150` | `VG-SGG-with-attri.h5` or `VG-SGG.h5`, `VG-SGG-dicts-with-attri.json` or `VG-SGG-dicts.json`, `image_data.json` | train, val (first 5,000 train images), test (split 2) |
/// | `psg` | `psg.json` | train, test (`test_image_ids`) |
/// | `pvsg` | `pvsg.json`, masks in `<source>/masks/<video_id>/NNNN.png` or `masks/<video_id>/NNNN.png` | train, val (= test) |
/// | `ag` | `object_bbox_and_relationship.pkl`, `person_bbox.pkl`, `object_classes.txt`, `relationship_classes.txt` | train, test |
///
/// ```swift
/// let gt = try DatasetLoader.load(kind: .vg150, root: URL(fileURLWithPath: "data/vg"), split: .test)
/// print(gt.statistics.report)
/// ```
public enum DatasetLoader {
  /// Loads `split` of the dataset `kind` from `root`.
  ///
  /// `progress` receives updates during the long part of a load: PVSG mask decoding (one call
  /// per mask, decoded in parallel per video). The other loaders finish in seconds on full-size
  /// files and do not report.
  public static func load(
    kind: DatasetKind, root: URL, split: DatasetSplit, options: DatasetOptions = DatasetOptions(),
    progress: DatasetProgressHandler? = nil
  ) throws -> LoadedDataset {
    guard kind.splits.contains(split) else {
      throw DatasetError.unsupportedSplit(
        dataset: kind.rawValue, split: split.rawValue, available: kind.splits.map(\.rawValue))
    }
    switch kind {
    case .vg150: return try VG150Loader.load(root: root, split: split, options: options)
    case .psg: return try PSGLoader.load(root: root, split: split, options: options)
    case .pvsg:
      return try PVSGLoader.load(root: root, split: split, options: options, progress: progress)
    case .ag: return try ActionGenomeLoader.load(root: root, split: split, options: options)
    }
  }
}

extension DatasetLoader {
  /// VG150's class lists from `VG-SGG-dicts-with-attri.json` or `VG-SGG-dicts.json` under
  /// `root` alone (the h5 is not read): 150 object classes and 50 predicates in index order,
  /// without `__background__`, so file index `i` is entry `i - 1`.
  public static func vg150Vocabulary(root: URL) throws -> Vocabulary {
    try VG150Loader.readDicts(
      firstExisting(
        ["VG-SGG-dicts-with-attri.json", "VG-SGG-dicts.json"], in: root,
        expected: "the VG150 class dictionaries"))
  }
}

/// The first of `names` that exists under `root`, or a missing-file error listing them all.
func firstExisting(_ names: [String], in root: URL, expected: String) throws -> URL {
  for n in names {
    let u = root.appendingPathComponent(n)
    if FileManager.default.fileExists(atPath: u.path) { return u }
  }
  throw DatasetError.missingFile(
    path: root.appendingPathComponent(names[0]).path,
    expected: "\(expected); looked for \(names.joined(separator: ", ")) in \(root.path)")
}

/// A small deterministic generator for the train-only random predicate choice.
struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func index(below n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// SGB/OpenPSG train filter: group relations by (subject, object) in first-seen order and keep
/// one randomly chosen predicate per pair. Returns the kept relations.
func onePredicatePerPair<P>(
  _ relations: [(s: Int, o: Int, p: P)], rng: inout SplitMix64
) -> [(s: Int, o: Int, p: P)] {
  var order: [[Int]] = []
  var slots: [[Int]: Int] = [:]
  var groups: [[P]] = []
  for r in relations {
    let key = [r.s, r.o]
    if let i = slots[key] {
      groups[i].append(r.p)
    } else {
      slots[key] = groups.count
      order.append(key)
      groups.append([r.p])
    }
  }
  return zip(order, groups).map { key, preds in
    (key[0], key[1], preds[preds.count == 1 ? 0 : rng.index(below: preds.count)])
  }
}
