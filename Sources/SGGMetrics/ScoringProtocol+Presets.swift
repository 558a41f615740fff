import SGGCore

extension ScoringProtocol {
  /// Our recommended protocol. Each choice and its reason is in docs/protocols.md.
  ///
  /// Failures and missing predictions count as zeros; names must match for every true
  /// positive; boxes match one-to-one with plain IoU ≥ 0.5 in original pixels; graph-constraint
  /// recall keeps one predicate per pair; no-graph-constraint recall uses only predicted cells;
  /// AP50 follows pycocotools without its annotation-id-0 quirk and covers every GT image.
  public static let `default` = ScoringProtocol(
    name: "default", parser: .auto, emptyGraphIsFailure: true, swapReversedCorners: false,
    missingPredictions: .fail,
    unknownPredictionIDsCountAsFailures: false, restrictToVocabulary: false,
    idResolution: .firstObjectKeepUnknown, iouThreshold: 0.5, matchingIoU: .plain,
    objectMatching: .labelAware, relationMatching: .fullTriplet, recallIoU: .plain,
    graphConstraint: .onePredicatePerPair, noGraphConstraint: .predictedOnly,
    skipImagesWithoutPredictedRelations: false, meanRecallDenominator: .vocabulary,
    apImages: .all, cocoAnnotationIDZeroQuirk: false)

  /// R1-SGG (gpt4vision/R1-SGG e4de64d): `sgg_gather_preds.py` + `vg150_eval.py` (§2).
  ///
  /// Anchor-defined metrics: failure rate, R@K, mR@K, ngR@K, AP50. The P/R/F1 family is not
  /// computed by R1-SGG; under this preset it uses SceneGraphVLM's matching on R1-SGG's parse.
  public static let r1sgg = ScoringProtocol(
    name: "r1sgg", parser: .r1sgg, emptyGraphIsFailure: false, swapReversedCorners: false,
    missingPredictions: .exclude,
    unknownPredictionIDsCountAsFailures: true, restrictToVocabulary: true,
    idResolution: .firstObjectDropUnknown, openVocabulary: .r1sgg, openVocabularyTables: .auto,
    iouThreshold: 0.5, matchingIoU: .plain,
    objectMatching: .iouThenLabel, relationMatching: .endpointsAndPredicate,
    recallIoU: .plusOnePixel, graphConstraint: .everyRelation, noGraphConstraint: .kaihuaFillers,
    skipImagesWithoutPredictedRelations: true, meanRecallDenominator: .vocabulary,
    apImages: .withPrediction, cocoAnnotationIDZeroQuirk: true)

  /// SceneGraphVLM (markus0440/SceneGraphVLM a6197da): `eval_sgg_metrics_with_qwen.py`
  /// strict metrics (§3.2, §3.3).
  ///
  /// Anchor-defined metrics: failure rate (`invalid_rate_pct`), object and relation P/R/F1,
  /// SGG score. The recall and AP families are not computed by SceneGraphVLM's PSG/PVSG
  /// evaluator; under this preset they follow the default protocol's rules.
  public static let scenegraphvlm = ScoringProtocol(
    name: "scenegraphvlm", parser: .scenegraphvlm, emptyGraphIsFailure: true,
    swapReversedCorners: true,
    missingPredictions: .fail, unknownPredictionIDsCountAsFailures: false,
    restrictToVocabulary: false, idResolution: .matchedDictionaryKeepUnknown, iouThreshold: 0.5,
    matchingIoU: .plain, objectMatching: .iouThenLabel, relationMatching: .endpointsAndPredicate,
    recallIoU: .plain, graphConstraint: .onePredicatePerPair, noGraphConstraint: .predictedOnly,
    skipImagesWithoutPredictedRelations: false, meanRecallDenominator: .vocabulary,
    apImages: .all, cocoAnnotationIDZeroQuirk: false)

  /// Every preset, by name.
  public static let presets: [String: ScoringProtocol] = [
    "default": .default, "r1sgg": .r1sgg, "scenegraphvlm": .scenegraphvlm,
  ]

  /// Metric keys whose definition comes from the preset's anchor (all keys for `default`).
  public var anchorMetricKeys: [String] {
    switch name {
    case "r1sgg":
      return ["failure_rate"] + MetricKey.recallFamily + ["AP50"]
    case "scenegraphvlm":
      return ["failure_rate"] + MetricKey.prfFamily
    default:
      return MetricKey.all
    }
  }

  /// The fields whose values differ from `base`, as `field=value` pairs (for reports).
  public func differences(from base: ScoringProtocol) -> [String] {
    Self.fields.compactMap { field in
      let mine = value(of: field.name)
      return mine == base.value(of: field.name) ? nil : "\(field.name)=\(mine ?? "")"
    }
  }
}

/// The stable metric keys of `--json` output (values are fractions in [0, 1]).
public enum MetricKey {
  /// The K values of the recall family.
  public static let ks = [20, 50, 100]
  public static let prfFamily = [
    "obj_p", "obj_r", "obj_f1", "rel_p", "rel_r", "rel_f1", "sgg_score",
  ]
  public static let recallFamily =
    ks.map { "R@\($0)" } + ks.map { "mR@\($0)" } + ks.map { "ngR@\($0)" }
  /// Zero-shot recall (present when a zero-shot triplet list is given and some evaluated image
  /// has a zero-shot GT triplet).
  public static let zeroShotFamily = ks.map { "zR@\($0)" } + ks.map { "ng-zR@\($0)" }
  /// Every key, in report order.
  public static let all = ["failure_rate"] + prfFamily + recallFamily + ["AP50"]
}
