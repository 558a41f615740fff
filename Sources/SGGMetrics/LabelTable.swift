import SGGCore

/// Interns normalised labels to small integers so matching compares integers, not strings.
///
/// Each raw spelling is normalised once (``LabelNormalizer/refine(_:)``); later lookups of the
/// same spelling are a dictionary hit. Ids are dense, in first-seen order.
public struct LabelTable: Sendable {
  private var idsByRaw: [String: Int32] = [:]
  private var idsByNormalized: [String: Int32] = [:]
  /// Normalised label of each id.
  public private(set) var names: [String] = []

  public init() {}

  /// The id of `raw` after normalisation, adding it if new.
  public mutating func id(for raw: String) -> Int32 {
    if let id = idsByRaw[raw] { return id }
    let normalized = LabelNormalizer.refine(raw)
    let id: Int32
    if let existing = idsByNormalized[normalized] {
      id = existing
    } else {
      id = Int32(names.count)
      names.append(normalized)
      idsByNormalized[normalized] = id
    }
    idsByRaw[raw] = id
    return id
  }

  /// The id of `raw` if it (or its normalised form) is known, without adding it.
  public func existingID(for raw: String) -> Int32? {
    if let id = idsByRaw[raw] { return id }
    return idsByNormalized[LabelNormalizer.refine(raw)]
  }

  /// Number of distinct normalised labels.
  public var count: Int { names.count }
}
