import SGGCore

/// Every choice that changes a score, as one plain value.
///
/// The presets reproduce the anchors (``r1sgg``, ``scenegraphvlm``) or state our recommended
/// protocol (``default``). A user starts from a preset and changes single fields; the report
/// always names the preset and lists the fields that differ from it (see ``differences(from:)``).
/// eval-protocols.md §9 lists why each field exists.
public struct ScoringProtocol: Hashable, Sendable, Codable {
  /// The preset this value started from (`default`, `r1sgg`, `scenegraphvlm`).
  public var name: String

  // MARK: Parsing and failures

  /// Which model-text parser decides what a failure is (§2.2, §3.2, §4).
  public var parser: ParserRule
  /// A well-formed answer with no object is a failure (`no_objects`). Every benchmark image has
  /// objects, and R1-SGG's format reward pays 1.0 for an empty graph (§2.10), so an empty graph
  /// is the degenerate output a failure rate should catch. R1-SGG's own evaluator accepts it.
  public var emptyGraphIsFailure: Bool
  /// Swap reversed box corners before matching (SceneGraphVLM's PSG/PVSG parser does, §1.1).
  public var swapReversedCorners: Bool
  /// Samples whose prediction line is missing: excluded from every metric (R1-SGG evaluates only
  /// the images that have a prediction file) or counted as failures scoring 0.
  public var missingPredictions: MissingPredictionRule
  /// Prediction lines whose id is not in the ground truth: ignored with a warning, or counted
  /// as failures in the failure rate (R1-SGG's image lookup raises for them, §2.2).
  public var unknownPredictionIDsCountAsFailures: Bool

  // MARK: Names

  /// Keep only objects whose (normalised) label and relations whose predicate are in the
  /// vocabulary, dropping relations that touch dropped objects (R1-SGG gather step, §2.3).
  public var restrictToVocabulary: Bool
  /// How a predicted relation's subject/object ids are bound to objects.
  public var idResolution: IDResolution
  /// How predicted names that are not dataset classes reach one (open-vocabulary.md).
  public var openVocabulary: OpenVocabularyRule
  /// Which of R1-SGG's gather branches (tables, PSG bug) ``openVocabulary`` `r1sgg` follows.
  public var openVocabularyTables: OpenVocabularyTables

  // MARK: Object / relation precision, recall, F1 (SceneGraphVLM §3.3)

  /// IoU threshold for every box match (`>=`).
  public var iouThreshold: Double
  /// IoU formula for object matching in P/R/F1.
  public var matchingIoU: IoUFlavour
  /// How predicted objects are assigned to ground-truth objects for P/R/F1.
  public var objectMatching: ObjectMatchingRule
  /// Whether relation true positives need matching names on the endpoints too.
  public var relationMatching: RelationMatchingRule

  // MARK: Recall@K family (Kaihua Tang / R1-SGG §2.4–2.6)

  /// IoU formula for triplet matching in R@K, ngR@K and mR@K.
  public var recallIoU: IoUFlavour
  /// Which predicted triplets fill the graph-constraint ranking.
  public var graphConstraint: GraphConstraintRule
  /// Which cells fill the no-graph-constraint top-100.
  public var noGraphConstraint: NoGraphConstraintRule
  /// Skip images whose parsed prediction kept no relation (R1-SGG/Kaihua skip them, §2.4 step 2).
  public var skipImagesWithoutPredictedRelations: Bool
  /// What mean recall divides by.
  public var meanRecallDenominator: MeanRecallDenominator

  // MARK: AP50 (pycocotools §2.9, §5.5)

  /// Which images' ground truth enters AP.
  public var apImages: APImageRule
  /// pycocotools treats a matched gt id 0 as "unmatched"; with annotation ids counted from 0 one
  /// GT box can never be a true positive (§2.9). R1-SGG and Kaihua have this off-by-one.
  public var cocoAnnotationIDZeroQuirk: Bool

  public init(
    name: String, parser: ParserRule, emptyGraphIsFailure: Bool, swapReversedCorners: Bool,
    missingPredictions: MissingPredictionRule, unknownPredictionIDsCountAsFailures: Bool,
    restrictToVocabulary: Bool, idResolution: IDResolution,
    openVocabulary: OpenVocabularyRule = .none, openVocabularyTables: OpenVocabularyTables = .auto,
    iouThreshold: Double,
    matchingIoU: IoUFlavour, objectMatching: ObjectMatchingRule,
    relationMatching: RelationMatchingRule, recallIoU: IoUFlavour,
    graphConstraint: GraphConstraintRule, noGraphConstraint: NoGraphConstraintRule,
    skipImagesWithoutPredictedRelations: Bool, meanRecallDenominator: MeanRecallDenominator,
    apImages: APImageRule, cocoAnnotationIDZeroQuirk: Bool
  ) {
    self.name = name
    self.parser = parser
    self.emptyGraphIsFailure = emptyGraphIsFailure
    self.swapReversedCorners = swapReversedCorners
    self.missingPredictions = missingPredictions
    self.unknownPredictionIDsCountAsFailures = unknownPredictionIDsCountAsFailures
    self.restrictToVocabulary = restrictToVocabulary
    self.idResolution = idResolution
    self.openVocabulary = openVocabulary
    self.openVocabularyTables = openVocabularyTables
    self.iouThreshold = iouThreshold
    self.matchingIoU = matchingIoU
    self.objectMatching = objectMatching
    self.relationMatching = relationMatching
    self.recallIoU = recallIoU
    self.graphConstraint = graphConstraint
    self.noGraphConstraint = noGraphConstraint
    self.skipImagesWithoutPredictedRelations = skipImagesWithoutPredictedRelations
    self.meanRecallDenominator = meanRecallDenominator
    self.apImages = apImages
    self.cocoAnnotationIDZeroQuirk = cocoAnnotationIDZeroQuirk
  }
}

/// The model-text parser a protocol uses.
public enum ParserRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Our parser: JSON or TOON detected per line, answer tags and fences handled.
  case auto
  /// Only JSON, through our parser.
  case json
  /// Only TOON, through our parser.
  case toon
  /// R1-SGG's `json.loads` pipeline, strict (§2.2).
  case r1sgg
  /// SceneGraphVLM's lenient TOON parser (§3.2).
  case scenegraphvlm
  /// TOON spec v4 strict mode (§4).
  case strictToon = "strict-toon"
}

/// What a missing prediction line counts as.
public enum MissingPredictionRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Not evaluated at all (R1-SGG: no prediction file ⇒ not in the evaluated set).
  case exclude
  /// A failure (`missing_prediction`) that scores 0 everywhere.
  case fail
}

/// How relation endpoint ids bind to predicted objects.
public enum IDResolution: String, Hashable, Sendable, Codable, CaseIterable {
  /// The first object with that id; unknown ids drop the relation (R1-SGG `names.index`, §2.3).
  case firstObjectDropUnknown = "first-object-drop-unknown"
  /// A dictionary from id to matched GT object, later pairs overwrite; relations with unknown
  /// ids stay as unmatchable predictions (SceneGraphVLM `pred_id_to_gt_id`, §3.3).
  case matchedDictionaryKeepUnknown = "matched-dictionary-keep-unknown"
  /// The first object with that id; relations with unknown ids stay as false positives.
  case firstObjectKeepUnknown = "first-object-keep-unknown"
}

/// How predicted names outside the vocabulary are brought to a class before matching.
public enum OpenVocabularyRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Names are compared as written (after `refine`).
  case none
  /// A user alias table (`--aliases FILE`): a name in a group with a vocabulary class becomes
  /// that class (the first class of the first such group).
  case aliases
  /// R1-SGG's gather step: static GPT-4o tables, passive-to-active swap, WordNet, drop the rest
  /// (open-vocabulary.md).
  case r1sgg
}

/// Which R1-SGG branch the `r1sgg` open-vocabulary mapping follows.
public enum OpenVocabularyTables: String, Hashable, Sendable, Codable, CaseIterable {
  /// PSG when the vocabulary is PSG's 133 classes (after `refine`), VG150 otherwise.
  case auto
  /// `obj2vg_list` + `rel2vg_list`, WordNet against the object classes.
  case vg150
  /// `obj2psg_list`, no relation table, WordNet for objects against the predicates (R1-SGG's bug).
  case psg
}

/// Assignment of predicted to GT objects for precision/recall/F1.
public enum ObjectMatchingRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Hungarian on −IoU ignoring names, keep IoU ≥ threshold, then require equal names
  /// (SceneGraphVLM §3.3 step 1–2). A wrong-name box can take the place of a right one.
  case iouThenLabel = "iou-then-label"
  /// Hungarian over pairs with equal names and IoU ≥ threshold only: the most true positives,
  /// ties broken by total IoU.
  case labelAware = "label-aware"
}

/// What a relation true positive needs besides matched endpoints.
public enum RelationMatchingRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Endpoints box-matched to the GT endpoints and equal predicates; endpoint names are not
  /// checked (SceneGraphVLM §3.3 step 3).
  case endpointsAndPredicate = "endpoints-and-predicate"
  /// Endpoints matched to the GT endpoints with equal names, and equal predicates.
  case fullTriplet = "full-triplet"
}

/// Which predicted triplets take the K slots of graph-constraint recall.
public enum GraphConstraintRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Every predicted relation in generation order, repeated pairs included (R1-SGG §2.4).
  case everyRelation = "every-relation"
  /// One predicate per (subject, object) pair: the first generated one.
  case onePredicatePerPair = "one-predicate-per-pair"
}

/// Which cells fill no-graph-constraint recall.
public enum NoGraphConstraintRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Kaihua's top-100 over every (pair, predicate) cell, zero-score fillers included (§2.5).
  /// Tied cells are ordered stably (row-major), which equals numpy whenever all cells fit.
  case kaihuaFillers = "kaihua-fillers"
  /// Only the predicted triplets, every predicate of a pair allowed, in generation order.
  case predictedOnly = "predicted-only"
}

/// The denominator of mean recall.
public enum MeanRecallDenominator: String, Hashable, Sendable, Codable, CaseIterable {
  /// Every predicate of the vocabulary, absent ones counting 0 (Kaihua/R1-SGG ÷(P−1), §2.6).
  case vocabulary
  /// Only predicates that occur in the evaluated ground truth.
  case presentInGroundTruth = "present-in-ground-truth"
}

/// Which images' ground truth counts in AP50.
public enum APImageRule: String, Hashable, Sendable, Codable, CaseIterable {
  /// Only images that have a prediction line (R1-SGG `imgIds` = prediction keys, §2.9).
  case withPrediction = "with-prediction"
  /// Every evaluated GT image; missing predictions leave their GT as misses.
  case all
}
