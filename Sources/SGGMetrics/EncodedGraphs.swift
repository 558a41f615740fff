import SGGCore

/// A ground-truth graph with interned labels, ready for matching.
struct EncodedGroundTruth {
  var labels: [Int32]
  var boxes: [Box]
  var relSubject: [Int]
  var relPredicate: [Int32]
  var relObject: [Int]

  var relationCount: Int { relPredicate.count }
}

/// A predicted graph after a protocol's vocabulary and id rules, with interned labels.
///
/// Relation endpoints are object indices, or -1 when the id named no (surviving) object and the
/// protocol keeps such relations as unmatchable predictions.
struct EncodedPrediction {
  var labels: [Int32]
  var boxes: [Box]
  /// Interned id text of each object (for SceneGraphVLM's id-keyed dictionary).
  var idKeys: [Int]
  /// The id text of each key.
  var keyTexts: [String]
  var relSubject: [Int]
  var relPredicate: [Int32]
  var relObject: [Int]
  /// Id keys of each relation's endpoints (ids no object has get keys of their own, whose
  /// object index is -1).
  var relSubjectKey: [Int]
  var relObjectKey: [Int]

  var relationCount: Int { relPredicate.count }
}

/// A whole split after interning: label tables, GT graphs, and each parsed prediction (nil for
/// failed or missing ones), in input order.
struct EncodedRun {
  var objectLabels: LabelTable
  var predicates: LabelTable
  var groundTruth: [EncodedGroundTruth]
  var predictions: [EncodedPrediction?]
  /// The predicate count mean recall and Kaihua's fillers use.
  var vocabularyPredicateCount: Int
  /// Each distinct name's route, when the protocol maps names (`show` lists them per sample).
  var nameMap: NameMap?
  /// What the open-vocabulary mapping did, when the protocol maps names.
  var mapping: MappingStatistics?
}
