import SGGCore

/// Changing one field of a protocol by name, as `--set FIELD=VALUE` does.
extension ScoringProtocol {
  /// A field name with its allowed values, for help text and errors.
  public struct FieldDescription: Sendable {
    public var name: String
    public var values: [String]
    public var summary: String
  }

  /// Every settable field, in the order reports list them.
  public static let fields: [FieldDescription] = [
    .init(
      name: "parser", values: ParserRule.allCases.map(\.rawValue), summary: "model-text parser"),
    .init(
      name: "empty-graph-fails", values: ["true", "false"],
      summary: "an answer without objects is a failure"),
    .init(name: "swap-reversed-corners", values: ["true", "false"], summary: "swap x1>x2 / y1>y2"),
    .init(
      name: "missing-predictions", values: MissingPredictionRule.allCases.map(\.rawValue),
      summary: "GT samples without a prediction line"),
    .init(
      name: "unknown-ids-fail", values: ["true", "false"],
      summary: "prediction ids absent from the GT count as failures"),
    .init(
      name: "restrict-to-vocabulary", values: ["true", "false"],
      summary: "drop labels / predicates outside the vocabulary"),
    .init(
      name: "id-resolution", values: IDResolution.allCases.map(\.rawValue),
      summary: "relation endpoint ids"),
    .init(
      name: "open-vocab", values: OpenVocabularyRule.allCases.map(\.rawValue),
      summary: "map names outside the vocabulary to classes"),
    .init(
      name: "open-vocab-tables", values: OpenVocabularyTables.allCases.map(\.rawValue),
      summary: "R1-SGG branch for open-vocab=r1sgg"),
    .init(name: "iou-threshold", values: ["0 < x <= 1"], summary: "box match threshold (>=)"),
    .init(name: "matching-iou", values: IoUFlavourNames.all, summary: "IoU for P/R/F1 matching"),
    .init(
      name: "object-matching", values: ObjectMatchingRule.allCases.map(\.rawValue),
      summary: "object assignment for P/R/F1"),
    .init(
      name: "relation-matching", values: RelationMatchingRule.allCases.map(\.rawValue),
      summary: "relation true positives"),
    .init(name: "recall-iou", values: IoUFlavourNames.all, summary: "IoU for R@K / ngR@K / mR@K"),
    .init(
      name: "graph-constraint", values: GraphConstraintRule.allCases.map(\.rawValue),
      summary: "cells ranked for R@K"),
    .init(
      name: "no-graph-constraint", values: NoGraphConstraintRule.allCases.map(\.rawValue),
      summary: "cells ranked for ngR@K"),
    .init(
      name: "skip-no-predicted-relations", values: ["true", "false"],
      summary: "recall skips parsed images without relations"),
    .init(
      name: "mean-recall", values: MeanRecallDenominator.allCases.map(\.rawValue),
      summary: "mR@K denominator"),
    .init(
      name: "ap-images", values: APImageRule.allCases.map(\.rawValue), summary: "images in AP50"),
    .init(
      name: "coco-id-zero-quirk", values: ["true", "false"],
      summary: "pycocotools annotation id 0 never matches"),
  ]

  /// An error for a `FIELD=VALUE` setting.
  public struct FieldError: Error, CustomStringConvertible, Sendable {
    public var description: String
  }

  /// Sets `field` from its text form; throws with the allowed values when either is unknown.
  public mutating func set(_ field: String, to value: String) throws(FieldError) {
    func flag() throws(FieldError) -> Bool {
      switch value.lowercased() {
      case "true", "yes", "1", "on": return true
      case "false", "no", "0", "off": return false
      default: throw FieldError(description: "\(field): expected true or false, got '\(value)'")
      }
    }
    func choice<T: RawRepresentable & CaseIterable>(_: T.Type) throws(FieldError) -> T
    where T.RawValue == String {
      if let v = T(rawValue: value) { return v }
      let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
      throw FieldError(description: "\(field): '\(value)' is not one of \(allowed)")
    }
    switch field {
    case "parser": parser = try choice(ParserRule.self)
    case "empty-graph-fails": emptyGraphIsFailure = try flag()
    case "swap-reversed-corners": swapReversedCorners = try flag()
    case "missing-predictions": missingPredictions = try choice(MissingPredictionRule.self)
    case "unknown-ids-fail": unknownPredictionIDsCountAsFailures = try flag()
    case "restrict-to-vocabulary": restrictToVocabulary = try flag()
    case "id-resolution": idResolution = try choice(IDResolution.self)
    case "open-vocab": openVocabulary = try choice(OpenVocabularyRule.self)
    case "open-vocab-tables": openVocabularyTables = try choice(OpenVocabularyTables.self)
    case "iou-threshold":
      guard let v = Double(value), v > 0, v <= 1 else {
        throw FieldError(description: "iou-threshold: expected a number in (0, 1], got '\(value)'")
      }
      iouThreshold = v
    case "matching-iou": matchingIoU = try choice(IoUFlavour.self)
    case "object-matching": objectMatching = try choice(ObjectMatchingRule.self)
    case "relation-matching": relationMatching = try choice(RelationMatchingRule.self)
    case "recall-iou": recallIoU = try choice(IoUFlavour.self)
    case "graph-constraint": graphConstraint = try choice(GraphConstraintRule.self)
    case "no-graph-constraint": noGraphConstraint = try choice(NoGraphConstraintRule.self)
    case "skip-no-predicted-relations": skipImagesWithoutPredictedRelations = try flag()
    case "mean-recall": meanRecallDenominator = try choice(MeanRecallDenominator.self)
    case "ap-images": apImages = try choice(APImageRule.self)
    case "coco-id-zero-quirk": cocoAnnotationIDZeroQuirk = try flag()
    default:
      let names = Self.fields.map(\.name).joined(separator: ", ")
      throw FieldError(description: "unknown protocol field '\(field)'; fields are: \(names)")
    }
  }

  /// The text form of `field`'s value, or nil for an unknown field.
  public func value(of field: String) -> String? {
    switch field {
    case "parser": return parser.rawValue
    case "empty-graph-fails": return "\(emptyGraphIsFailure)"
    case "swap-reversed-corners": return "\(swapReversedCorners)"
    case "missing-predictions": return missingPredictions.rawValue
    case "unknown-ids-fail": return "\(unknownPredictionIDsCountAsFailures)"
    case "restrict-to-vocabulary": return "\(restrictToVocabulary)"
    case "id-resolution": return idResolution.rawValue
    case "open-vocab": return openVocabulary.rawValue
    case "open-vocab-tables": return openVocabularyTables.rawValue
    case "iou-threshold": return "\(iouThreshold)"
    case "matching-iou": return matchingIoU.rawValue
    case "object-matching": return objectMatching.rawValue
    case "relation-matching": return relationMatching.rawValue
    case "recall-iou": return recallIoU.rawValue
    case "graph-constraint": return graphConstraint.rawValue
    case "no-graph-constraint": return noGraphConstraint.rawValue
    case "skip-no-predicted-relations": return "\(skipImagesWithoutPredictedRelations)"
    case "mean-recall": return meanRecallDenominator.rawValue
    case "ap-images": return apImages.rawValue
    case "coco-id-zero-quirk": return "\(cocoAnnotationIDZeroQuirk)"
    default: return nil
    }
  }

  /// Applies `FIELD=VALUE` settings in order.
  public mutating func apply(settings: [String]) throws(FieldError) {
    for setting in settings {
      guard let eq = setting.firstIndex(of: "=") else {
        throw FieldError(description: "'\(setting)': expected FIELD=VALUE")
      }
      try set(String(setting[..<eq]), to: String(setting[setting.index(after: eq)...]))
    }
  }
}

private enum IoUFlavourNames {
  static let all = IoUFlavour.allCases.map(\.rawValue)
}
