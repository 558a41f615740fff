/// The three Action Genome relation types, with the offset of their predicates in the 26-entry
/// global predicate list (attention 0–2, spatial 3–8, contacting 9–25; datasets.md §4.4).
public enum ActionGenomePredicateGroup: String, Hashable, Sendable, CaseIterable, Codable {
  case attention, spatial, contacting

  /// Index of the group's first predicate in ``ActionGenomeClasses/predicates``.
  public var offset: Int {
    switch self {
    case .attention: return 0
    case .spatial: return 3
    case .contacting: return 9
    }
  }

  /// The group's predicates (underscore spelling, as in the pkl and in SceneGraphVLM's prompts).
  public var predicates: [String] {
    switch self {
    case .attention: return ActionGenomeClasses.attention
    case .spatial: return ActionGenomeClasses.spatial
    case .contacting: return ActionGenomeClasses.contacting
    }
  }
}

/// Action Genome's closed label sets and the name mapping of SceneGraphVLM's AG evaluator
/// (`eval_classical_metrics_extended.py`, eval-protocols §3.5).
public enum ActionGenomeClasses {
  /// The 37 object classes of the anchor (`OBJ_CLASSES`): `background` at 0, `person` at 1, then
  /// STTran's 35 classes with the pkl spellings (`closet/cabinet`, `cup/glass/bottle`, …).
  public static let objects: [String] = [
    "background", "person", "bag", "bed", "blanket", "book", "box", "broom",
    "chair", "closet/cabinet", "clothes", "cup/glass/bottle", "dish", "door",
    "doorknob", "doorway", "floor", "food", "groceries", "laptop", "light",
    "medicine", "mirror", "paper/notebook", "phone/camera", "picture",
    "pillow", "refrigerator", "sandwich", "shelf", "shoe", "sofa/couch",
    "table", "television", "towel", "vacuum", "window",
  ]
  public static let attention = ["looking_at", "not_looking_at", "unsure"]
  public static let spatial = ["above", "beneath", "in_front_of", "behind", "on_the_side_of", "in"]
  public static let contacting = [
    "carrying", "covered_by", "drinking_from", "eating", "have_it_on_the_back", "holding",
    "leaning_on", "lying_on", "not_contacting", "other_relationship", "sitting_on",
    "standing_on", "touching", "twisting", "wearing", "wiping", "writing_on",
  ]
  /// The 26 predicates in global index order.
  public static let predicates = attention + spatial + contacting

  private static let predicateTable: [String: Int] = Dictionary(
    uniqueKeysWithValues: predicates.enumerated().map { ($1, $0) })

  /// Global index (0–25) of a predicate name, or nil. Names must match exactly (the anchor's
  /// `ATTN_NAME_TO_LOCAL` etc. lookups; no normalisation).
  public static func predicateIndex(_ name: String) -> Int? { predicateTable[name] }

  /// Global index of `name` if it belongs to `group` (a label listed in the wrong bracket is
  /// ignored, as the anchor's per-group lookups do).
  public static func predicateIndex(_ name: String, in group: ActionGenomePredicateGroup) -> Int? {
    guard let i = predicateTable[name] else { return nil }
    return self.group(ofPredicate: i) == group ? i : nil
  }

  /// The group of global predicate index `i` (0–25).
  public static func group(ofPredicate i: Int) -> ActionGenomePredicateGroup {
    i < 3 ? .attention : i < 9 ? .spatial : .contacting
  }

  /// `_norm_obj_name`: `strip().lower()`, `-` and `_` → space.
  static func normalize(_ name: String) -> String {
    let stripped = PythonText.strip(Array(name.unicodeScalars)[...]).string
    return String(
      stripped.lowercased().unicodeScalars.map { $0 == "-" || $0 == "_" ? " " : $0 }.map(
        Character.init))
  }

  /// The anchor's lookup keys in dict insertion order: every class and its normalized form
  /// (they coincide for all 37 names, so this is `objects` itself).
  private static let lookupOrder: [(String, Int)] = {
    var seen = Set<String>()
    var out: [(String, Int)] = []
    for (i, c) in objects.enumerated() {
      for k in [c, normalize(c)] where seen.insert(k).inserted { out.append((k, i)) }
    }
    return out
  }()
  private static let lookup: [String: Int] = Dictionary(
    lookupOrder.map { ($0.0, $0.1) }, uniquingKeysWith: { a, _ in a })

  /// `_obj_name_to_idx`: exact lookup of the normalized name, else the FIRST key (in class
  /// order, `background` first) that contains the name or is contained in it, else 0. So
  /// `"glass"` → `cup/glass/bottle`, `"flashlight"` → `light`, `"round"` → `background`.
  public static func classIndex(forName name: String) -> Int {
    let n = normalize(name)
    if let i = lookup[n] { return i }
    // Python `in` on str compares code points; Swift's String.contains compares graphemes.
    let ns = Array(n.unicodeScalars)
    for (k, i) in lookupOrder {
      let ks = Array(k.unicodeScalars)
      if contains(ks, ns) || contains(ns, ks) { return i }
    }
    return 0
  }

  /// Python `needle in haystack` on code points (the empty string is in every string).
  static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
    if needle.isEmpty { return true }
    guard needle.count <= haystack.count else { return false }
    for start in 0...(haystack.count - needle.count)
    where haystack[start..<(start + needle.count)].elementsEqual(needle) {
      return true
    }
    return false
  }
}
