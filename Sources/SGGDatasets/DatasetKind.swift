/// The benchmarks whose original released files ``DatasetLoader`` reads.
public enum DatasetKind: String, CaseIterable, Sendable, Codable {
  /// Visual Genome, Xu et al. 2017 150-class split (Scene-Graph-Benchmark protocol).
  case vg150
  /// Panoptic Scene Graph (OpenPSG).
  case psg
  /// Panoptic Video Scene Graph (OpenPVSG), per-frame graphs from palette masks.
  case pvsg
  /// Action Genome v1.0 with STTran's frame and video filters.
  case ag

  /// The splits this dataset defines.
  public var splits: [DatasetSplit] {
    switch self {
    case .vg150: return [.train, .val, .test]
    case .psg: return [.train, .test]
    // PVSG ships train/val; val is the evaluation split (``DatasetSplit/test`` is an alias).
    case .pvsg: return [.train, .val, .test]
    case .ag: return [.train, .test]
    }
  }

  /// The files (relative to the dataset root) the loader reads, for help texts. Alternatives
  /// are separated by " | " and tried left to right.
  public var standardFiles: [String] {
    switch self {
    case .vg150:
      return [
        "VG-SGG-with-attri.h5 | VG-SGG.h5",
        "VG-SGG-dicts-with-attri.json | VG-SGG-dicts.json",
        "image_data.json",
      ]
    case .psg: return ["psg.json"]
    case .pvsg:
      return [
        "pvsg.json", "<source>/masks/<video_id>/NNNN.png | masks/<video_id>/NNNN.png",
      ]
    case .ag:
      return [
        "object_bbox_and_relationship.pkl", "person_bbox.pkl", "object_classes.txt",
        "relationship_classes.txt",
      ]
    }
  }
}

/// A dataset split, as each dataset defines it.
public enum DatasetSplit: String, CaseIterable, Sendable, Codable {
  case train
  case val
  case test
}
