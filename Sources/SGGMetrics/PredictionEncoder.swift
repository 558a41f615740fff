import SGGCore

/// Applies a protocol's name and id rules to a parsed graph (eval-protocols §2.3, §3.3).
struct PredictionEncoder {
  var objectLabels: LabelTable
  var predicates: LabelTable
  /// When set, only labels whose id is flagged here survive (``ScoringProtocol/restrictToVocabulary``).
  var allowedObjects: [Bool]?
  var allowedPredicates: [Bool]?
  let options: ScoringProtocol
  /// Open-vocabulary mapping of every name, when the protocol maps names.
  let nameMap: NameMap?

  init(
    objectLabels: LabelTable, predicates: LabelTable, vocabularyObjectCount: Int?,
    vocabularyPredicateCount: Int?, options: ScoringProtocol, nameMap: NameMap? = nil
  ) {
    self.objectLabels = objectLabels
    self.predicates = predicates
    self.options = options
    self.nameMap = nameMap
    if options.restrictToVocabulary, let n = vocabularyObjectCount, let m = vocabularyPredicateCount
    {
      // Vocabulary labels were interned first, so ids below n (m) are exactly the vocabulary.
      allowedObjects = Array(repeating: true, count: n)
      allowedPredicates = Array(repeating: true, count: m)
    }
  }

  private func allowed(_ id: Int32, in table: [Bool]?) -> Bool {
    guard let table else { return true }
    return Int(id) < table.count && table[Int(id)]
  }

  /// Encodes `graph`; with a name map, also counts each name's route into `statistics`.
  mutating func encode(_ graph: PredictedGraph, statistics: inout MappingStatistics)
    -> EncodedPrediction
  {
    var labels: [Int32] = []
    var boxes: [Box] = []
    var idKeys: [Int] = []
    labels.reserveCapacity(graph.objects.count)
    boxes.reserveCapacity(graph.objects.count)
    idKeys.reserveCapacity(graph.objects.count)
    var keyOfID: [String: Int] = [:]
    var firstIndexOfKey: [Int] = []
    var keyTexts: [String] = []
    for object in graph.objects {
      let label: Int32
      if let mapping = nameMap?.objects[object.label] {
        statistics.objects[
          mapping.path == .exact && object.writtenLabel != nil ? .cleaned : mapping.path,
          default: 0] += 1
        // The mapper saw the category untrimmed, as R1-SGG does ("arm " of the id "arm .2" matches
        // nothing); only its result, a class name, is interned.
        guard let target = mapping.target else {
          statistics.objectsDropped += 1
          continue
        }
        label = objectLabels.id(for: target)
      } else {
        label = objectLabels.id(for: object.label)
      }
      guard allowed(label, in: allowedObjects) else { continue }
      let key: Int
      if let k = keyOfID[object.id] {
        key = k
      } else {
        key = firstIndexOfKey.count
        keyOfID[object.id] = key
        firstIndexOfKey.append(labels.count)
        keyTexts.append(object.id)
      }
      labels.append(label)
      boxes.append(options.swapReversedCorners ? object.box.cornersSorted : object.box)
      idKeys.append(key)
    }
    var relSubject: [Int] = []
    var relPredicate: [Int32] = []
    var relObject: [Int] = []
    var relSubjectKey: [Int] = []
    var relObjectKey: [Int] = []
    let keepUnknown = options.idResolution != .firstObjectDropUnknown
    let objectKeyCount = firstIndexOfKey.count
    // Ids that name no (surviving) object still get a key, so two relations between the same
    // unknown ids are one pair; their object index is -1.
    func key(_ id: String) -> Int {
      if let k = keyOfID[id] { return k }
      let k = firstIndexOfKey.count
      keyOfID[id] = k
      firstIndexOfKey.append(-1)
      keyTexts.append(id)
      return k
    }
    for relation in graph.relations {
      var subject = relation.subject
      var object = relation.object
      let mapping = nameMap?.predicates[relation.predicate]
      // R1-SGG swaps a passive predicate's endpoints once, before checking them (§2.3).
      if let mapping, mapping.passive != nil {
        statistics.passive += 1
        if mapping.swapsEndpoints {
          statistics.swapped += 1
          swap(&subject, &object)
        }
      }
      if !keepUnknown
        && ((keyOfID[subject] ?? objectKeyCount) >= objectKeyCount
          || (keyOfID[object] ?? objectKeyCount) >= objectKeyCount)
      {
        if mapping != nil { statistics.relationsDroppedAtEndpoint += 1 }
        continue
      }
      let predicate: Int32
      if let mapping {
        statistics.relations[
          mapping.path == .exact && relation.writtenPredicate != nil ? .cleaned : mapping.path,
          default: 0] += 1
        guard let target = mapping.target else {
          statistics.relationsDropped += 1
          continue
        }
        predicate = predicates.id(for: target)
      } else {
        predicate = predicates.id(for: relation.predicate)
      }
      // R1-SGG keeps a relation only if its predicate is a target predicate (§2.3).
      if !allowed(predicate, in: allowedPredicates) { continue }
      let sKey = key(subject)
      let oKey = key(object)
      relSubject.append(firstIndexOfKey[sKey])
      relObject.append(firstIndexOfKey[oKey])
      relPredicate.append(predicate)
      relSubjectKey.append(sKey)
      relObjectKey.append(oKey)
    }
    return EncodedPrediction(
      labels: labels, boxes: boxes, idKeys: idKeys, keyTexts: keyTexts, relSubject: relSubject,
      relPredicate: relPredicate, relObject: relObject, relSubjectKey: relSubjectKey,
      relObjectKey: relObjectKey)
  }
}
