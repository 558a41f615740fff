import SGGCore

/// Zero-shot triplets as interned label ids of one run (names the run never saw cannot occur
/// in its ground truth and are left out).
struct ZeroShotIDs {
  private var triplets: Set<SIMD3<Int32>> = []

  init(_ names: Set<ZeroShotTriplet>, objects: LabelTable, predicates: LabelTable) {
    for t in names {
      guard let s = objects.existingID(for: t.subject),
        let p = predicates.existingID(for: t.predicate),
        let o = objects.existingID(for: t.object)
      else { continue }
      triplets.insert(SIMD3(s, p, o))
    }
  }

  func contains(_ subject: Int32, _ predicate: Int32, _ object: Int32) -> Bool {
    triplets.contains(SIMD3(subject, predicate, object))
  }
}
