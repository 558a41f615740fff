/// Open-vocabulary mapping of predicted names onto a dataset's classes.
///
/// R1-SGG's gather step (gpt4vision/R1-SGG e4de64d, `src/sgg_gather_preds.py`) maps free-form
/// object and predicate names to VG150 or PSG classes with GPT-4o-made tables, a passive-to-active
/// rule and WordNet (open-vocabulary.md). This module holds those tables as data and a WordNet 3.0
/// reader over Debian's `wordnet-base` files.
public enum SGGVocabularyModule {
  /// The embedded R1-SGG table files, by file name.
  static let tableFiles: [String: [UInt8]] = [
    "obj2vg.json": PackageResources.obj2vg_json,
    "rel2vg.json": PackageResources.rel2vg_json,
    "pass2act.json": PackageResources.pass2act_json,
    "obj2psg.json": PackageResources.obj2psg_json,
    "vg150_classes.json": PackageResources.vg150_classes_json,
    "psg_classes.json": PackageResources.psg_classes_json,
  ]
}
