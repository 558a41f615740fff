import SGGCore

/// A list of zero-shot triplets: (subject class, object class, predicate) combinations that
/// never occur in a training split, the input of zero-shot recall zR@K (eval-protocols.md §2.7).
///
/// The list is kept as given. Kaihua Tang's `zeroshot_triplet.pytorch` (Scene-Graph-Benchmark,
/// copied by R1-SGG) is an int64 tensor of shape (5971, 3) whose columns are
/// **(subject, object, predicate)** class indices; the JSON name form lists names. Either way
/// ``entries`` keeps the file's column order, and
/// ``names(objectClasses:predicates:objectIndexBase:predicateIndexBase:)`` resolves it to
/// readable ``ZeroShotTriplet``s.
///
/// For VG150 the file's object indices are **1-based** into the 150 classes (index 0 is
/// `__background__`, never used) and its predicate indices are **1-based** into the 50
/// predicates (0 = background / no relation): pass the dataset's class lists without a
/// background entry and index bases 1, or use ``names(in:)``.
///
/// ```swift
/// let list = try ZeroShotTriplets.load(contentsOf: URL(fileURLWithPath: "zeroshot_triplet.pytorch"))
/// let vocabulary = try DatasetLoader.vg150Vocabulary(root: URL(fileURLWithPath: "data/vg"))
/// let triplets = try list.names(in: vocabulary)   // 5,971 × (subject, predicate, object)
/// ```
public struct ZeroShotTriplets: Hashable, Sendable {
  /// One entry, in the file's column order (subject, object, predicate).
  public enum Entry: Hashable, Sendable, CustomStringConvertible {
    /// Class indices as stored (Kaihua's tensor, or the JSON integer form).
    case indices(subject: Int, object: Int, predicate: Int)
    /// Names as stored (the JSON name form).
    case names(subject: String, object: String, predicate: String)

    /// `(subject 1, object 22, predicate 22)` or `(man, riding, horse)` in reading order.
    public var description: String {
      switch self {
      case .indices(let s, let o, let p): return "(subject \(s), object \(o), predicate \(p))"
      case .names(let s, let o, let p): return "(\(s), \(p), \(o))"
      }
    }
  }

  /// The entries in file order (duplicates, if the file has any, are kept).
  public var entries: [Entry]

  public init(entries: [Entry]) { self.entries = entries }

  /// A name-form list holding `triplets` in order.
  public init(_ triplets: [ZeroShotTriplet]) {
    entries = triplets.map {
      .names(subject: $0.subject, object: $0.object, predicate: $0.predicate)
    }
  }

  /// The index base of Kaihua's VG150 list for both objects and predicates: index 1 is the
  /// first name of `VG-SGG-dicts.json` (`airplane`, `above`), 0 is `__background__`.
  public static let vg150IndexBase = 1

  /// The entries as names, in order.
  ///
  /// An index entry `i` names `objectClasses[i - objectIndexBase]` (subject and object) and
  /// `predicates[p - predicateIndexBase]`; for VG150 pass the 150 classes and 50 predicates
  /// without background and both bases 1 (``vg150IndexBase``). Name entries are returned as
  /// they are, without checking them against the lists.
  ///
  /// - Throws: ``ZeroShotTripletsError/indexOutOfRange(row:entry:role:index:valid:)`` for the
  ///   first index that points outside its list.
  public func names(
    objectClasses: [String], predicates: [String], objectIndexBase: Int, predicateIndexBase: Int
  ) throws -> [ZeroShotTriplet] {
    let objectRange = objectIndexBase..<(objectIndexBase + objectClasses.count)
    let predicateRange = predicateIndexBase..<(predicateIndexBase + predicates.count)
    return try entries.enumerated().map { row, entry in
      switch entry {
      case .names(let s, let o, let p):
        return ZeroShotTriplet(subject: s, predicate: p, object: o)
      case .indices(let s, let o, let p):
        func check(_ index: Int, _ role: String, _ valid: Range<Int>) throws -> Int {
          guard valid.contains(index) else {
            throw ZeroShotTripletsError.indexOutOfRange(
              row: row, entry: entry, role: role, index: index, valid: valid)
          }
          return index - valid.lowerBound
        }
        let subject = objectClasses[try check(s, "subject", objectRange)]
        let object = objectClasses[try check(o, "object", objectRange)]
        let predicate = predicates[try check(p, "predicate", predicateRange)]
        return ZeroShotTriplet(subject: subject, predicate: predicate, object: object)
      }
    }
  }

  /// The entries as names through a dataset vocabulary (no background entry) with 1-based
  /// indices: VG150's convention (``vg150IndexBase``), e.g. with
  /// ``DatasetLoader/vg150Vocabulary(root:)`` or a loaded split's ``LoadedDataset/vocabulary``.
  public func names(in vocabulary: Vocabulary) throws -> [ZeroShotTriplet] {
    try names(
      objectClasses: vocabulary.objects, predicates: vocabulary.predicates,
      objectIndexBase: Self.vg150IndexBase, predicateIndexBase: Self.vg150IndexBase)
  }
}
