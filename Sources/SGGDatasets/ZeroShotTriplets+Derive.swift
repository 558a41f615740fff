import SGGCore

extension ZeroShotTriplets {
  /// The triplets of `test`'s ground-truth relations that never occur in `train`'s:
  /// (subject label, predicate, object label) compared exactly, deduplicated, in the order
  /// they are first seen in `test`.
  ///
  /// This is the definition behind Kaihua Tang's list; he collected the train triplets by
  /// running the train loader for one epoch (Scene-Graph-Benchmark issue #20), so the random
  /// one-predicate-per-pair train filter was applied once — pass train samples loaded the same
  /// way to reproduce that, or unfiltered ones for every annotated train triplet. Relations
  /// whose object indices fall outside their graph are skipped (loaders never produce them).
  ///
  /// Complexity: O(n) in the number of relations of both splits.
  public static func derive(train: [Sample], test: [Sample]) -> [ZeroShotTriplet] {
    var seen = Set<ZeroShotTriplet>()
    for sample in train { sample.forEachTriplet { seen.insert($0) } }
    var out: [ZeroShotTriplet] = []
    for sample in test {
      // Inserting into `seen` both excludes train triplets and deduplicates test ones.
      sample.forEachTriplet { if seen.insert($0).inserted { out.append($0) } }
    }
    return out
  }
}

extension Sample {
  /// Calls `body` with each ground-truth relation as a named triplet.
  fileprivate func forEachTriplet(_ body: (ZeroShotTriplet) -> Void) {
    let objects = graph.objects
    for r in graph.relations
    where objects.indices.contains(r.subject)
      && objects.indices.contains(r.object)
    {
      body(
        ZeroShotTriplet(
          subject: objects[r.subject].label, predicate: r.predicate,
          object: objects[r.object].label))
    }
  }
}
