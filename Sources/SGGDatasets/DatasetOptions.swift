import Foundation

/// Loader settings. The defaults reproduce the published evaluation sets: Scene-Graph-Benchmark
/// for VG150, OpenPSG for PSG, SceneGraphVLM's per-frame preparation for PVSG and STTran for
/// Action Genome (datasets.md §1.5, §2.2, §3.3, §4.5).
public struct DatasetOptions: Hashable, Sendable {
  public var vg150 = VG150Options()
  public var psg = PSGOptions()
  public var pvsg = PVSGOptions()
  public var actionGenome = ActionGenomeOptions()
  /// Seed for the train-split "one random predicate per pair" choice (SGB/OpenPSG use numpy's
  /// global RNG, which cannot be reproduced; evaluation splits never use randomness).
  public var seed: UInt64 = 0

  public init() {}
}

/// VG150 settings (SGB `VGDataset` defaults).
public struct VG150Options: Hashable, Sendable {
  /// Drop images without relations (SGB `filter_empty_rels=True`, train and test).
  public var filterEmptyRelations = true
  /// Train only: drop relations whose boxes do not intersect, then images left without any
  /// (SGB applies it only for sgdet training; neural-motifs by default). Off by default.
  public var filterNonOverlap = false
  /// Train only: keep one random predicate per (subject, object) pair (SGB default).
  public var filterDuplicateRelations = true
  /// Number of train-split images (in h5 order) that form val (SGB `num_val_im`).
  public var validationImages = 5000
  /// Which box array to decode: 1024 (`boxes_1024`, SGB) or 512.
  public var boxScale = 1024
  /// Clamp decoded boxes to `[0, W-1] × [0, H-1]` (SGB `clip_to_image(remove_empty=False)`,
  /// used for evaluation). When false, boxes stay as decoded.
  public var clipToImage = true
  /// Round decoded coordinates through Float32, as SGB's `BoxList` stores them.
  public var float32Boxes = true
  /// When set, image_data.json entries whose `<image_id>.jpg` is absent here are dropped
  /// before zipping with the h5 rows, as SGB's `load_image_filenames` does.
  public var imagesDirectory: URL?

  public init() {}
}

/// PSG settings (OpenPSG `PanopticSceneGraphDataset`).
public struct PSGOptions: Hashable, Sendable {
  /// The annotation file name under the root (`psg.json`; `psg_train_val.json` also works).
  public var annotationFile = "psg.json"
  /// Drop images with zero relations (OpenPSG does, before splitting).
  public var dropImagesWithoutRelations = true
  /// Test: drop exact duplicate triplets; train: one random predicate per pair (OpenPSG).
  public var deduplicateRelations = true

  public init() {}
}

/// PVSG settings (SceneGraphVLM `prepare_original_pvsg_sft.py`, at native resolution).
public struct PVSGOptions: Hashable, Sendable {
  /// The annotation file name under the root.
  public var annotationFile = "pvsg.json"
  /// Drop frames left with no relation (SceneGraphVLM `build_annotation_variants.py`).
  public var dropFramesWithoutRelations = true
  /// A thinned frame list (BaseAnnot / MaxInfo / PSFR variants): a text file with one sample id
  /// (`<video_id>_<frame:04d>`) per line, or JSONL rows with an `image_id` or `id` field.
  /// Only listed frames are kept.
  public var frameList: URL?

  public init() {}
}

/// Action Genome settings (STTran `AG` dataset).
public struct ActionGenomeOptions: Hashable, Sendable {
  /// The object annotation file (`object_bbox_and_relationship_filtersmall.pkl` for
  /// STTran's SGCLS/SGDET setting).
  public var objectFile = "object_bbox_and_relationship.pkl"
  /// Drop frames whose `person_bbox` has no row (STTran `filter_nonperson_box_frame=True`).
  /// When false such frames are kept with their objects and no relations.
  public var filterNonPersonFrames = true
  /// Keep a video only with at least this many frames (STTran `len(video) > 2` → 3).
  public var minimumFramesPerVideo = 3

  public init() {}
}
