import SGGCore
import Testing

@testable import SGGMetrics

/// A verdict source that answers from a fixed table, the way an alias file does.
struct TableEquivalence: LabelEquivalence {
  var name = "table"
  var objects: [[String]: Bool]
  var relations: [[String]: Bool]

  func verdicts(for questions: [EquivalenceQuestion]) async throws -> [EquivalenceQuestion: Bool] {
    var out: [EquivalenceQuestion: Bool] = [:]
    for q in questions {
      let key = q.groundTruth + ["|"] + q.prediction
      if let v = (q.kind == .object ? objects : relations)[key] { out[q] = v }
    }
    return out
  }
}

@Suite struct SoftMatchingTests {
  // GT: person, dog, relation person-next to-dog. Prediction: man and puppy on the GT boxes, a
  // stray dog elsewhere, relation man-beside-puppy.
  let input: EvaluationInput = {
    let gt = Sample(
      id: "s", width: 100, height: 100,
      graph: SceneGraph(
        objects: [
          Object(label: "person", box: Box(x1: 0, y1: 0, x2: 10, y2: 10)),
          Object(label: "dog", box: Box(x1: 20, y1: 20, x2: 30, y2: 30)),
        ], relations: [Relation(subject: 0, predicate: "next to", object: 1)]))
    let pred = PredictedGraph(
      objects: [
        PredictedObject(id: "1", label: "man", box: Box(x1: 0, y1: 0, x2: 10, y2: 10)),
        PredictedObject(id: "2", label: "puppy", box: Box(x1: 20, y1: 20, x2: 30, y2: 30)),
        PredictedObject(id: "3", label: "dog", box: Box(x1: 50, y1: 50, x2: 60, y2: 60)),
      ], relations: [PredictedRelation(subject: "1", predicate: "beside", object: "2")])
    return EvaluationInput(sample: gt, outcome: .graph(pred))
  }()

  // The relation question only matches the table because man → person and puppy → dog were
  // substituted from the object verdicts first.
  let table = TableEquivalence(
    objects: [["person", "|", "man"]: true, ["dog", "|", "puppy"]: true],
    relations: [["person", "next to", "dog", "|", "person", "beside", "dog"]: true])

  @Test(arguments: ["scenegraphvlm", "default"])
  func judgedSynonymsBecomeTruePositives(preset: String) async throws {
    let options = try #require(ScoringProtocol.presets[preset])
    let report = try await Evaluator(options: options).evaluate(
      [input], soft: SoftMatching(equivalence: table, sceneContext: false))
    // Strict: no name agrees ⇒ objects 0; the relation's predicate differs ⇒ 0.
    #expect(report.metrics["obj_f1"] == 0)
    #expect(report.metrics["rel_f1"] == 0)
    // Soft: objects 2 of 3 predicted, 2 GT ⇒ P 2/3, R 1, F1 0.8; relation 1/1 ⇒ F1 1.
    #expect(abs((report.metrics["soft_obj_p"] ?? 0) - 2.0 / 3.0) < 1e-12)
    #expect(report.metrics["soft_obj_r"] == 1)
    #expect(abs((report.metrics["soft_obj_f1"] ?? 0) - 0.8) < 1e-12)
    #expect(report.metrics["soft_rel_f1"] == 1)
    #expect(abs((report.metrics["soft_sgg_score"] ?? 0) - 0.9) < 1e-12)
    #expect(report.soft?.objectQuestions == 2)
    #expect(report.soft?.relationQuestions == 1)
    #expect(report.soft?.unansweredObjects == 0)
  }

  @Test func unansweredQuestionsCountAsNotEquivalent() async throws {
    var partial = table
    partial.objects[["dog", "|", "puppy"]] = nil
    let report = try await Evaluator(options: .scenegraphvlm).evaluate(
      [input], soft: SoftMatching(equivalence: partial, sceneContext: false))
    // Objects: only man ≈ person ⇒ 1 of 3, 1 of 2. The relation's endpoints are still box-matched
    // (SceneGraphVLM ignores names there) but puppy is not substituted, so the relation question
    // is [person, beside, puppy], absent from the table ⇒ unanswered ⇒ 0.
    #expect(abs((report.metrics["soft_obj_p"] ?? 0) - 1.0 / 3.0) < 1e-12)
    #expect(report.metrics["soft_rel_f1"] == 0)
    #expect(report.soft?.unansweredObjects == 1)
    #expect(report.soft?.unansweredRelations == 1)
  }

  @Test func sceneContextIsAttachedToQuestions() async throws {
    final class Recorder: LabelEquivalence, @unchecked Sendable {
      let name = "recorder"
      var seen: [EquivalenceQuestion] = []
      func verdicts(for questions: [EquivalenceQuestion]) async throws -> [EquivalenceQuestion:
        Bool]
      {
        seen += questions
        return [:]
      }
    }
    let recorder = Recorder()
    _ = try await Evaluator(options: .scenegraphvlm).evaluate(
      [input], soft: SoftMatching(equivalence: recorder, sceneContext: true))
    let first = try #require(recorder.seen.first)
    #expect(first.groundTruthScene == "Objects: 1:person; 2:dog. Relations: (person, next to, dog)")
    #expect(
      first.predictionScene == "Objects: 1:man; 2:puppy; 3:dog. Relations: (man, beside, puppy)")
  }
}

@Suite struct FirstAnswerEquivalenceTests {
  @Test func laterSourcesSeeOnlyUnsettledQuestions() async throws {
    let a = EquivalenceQuestion(kind: .object, groundTruth: ["person"], prediction: ["man"])
    let b = EquivalenceQuestion(kind: .object, groundTruth: ["dog"], prediction: ["cat"])
    let c = EquivalenceQuestion(kind: .object, groundTruth: ["car"], prediction: ["bus"])
    final class Recorder: LabelEquivalence, @unchecked Sendable {
      let name = "second"
      var asked: [EquivalenceQuestion] = []
      func verdicts(for questions: [EquivalenceQuestion]) async throws -> [EquivalenceQuestion:
        Bool]
      {
        asked += questions
        return [questions[0]: false]
      }
    }
    let first = TableEquivalence(
      objects: [["person", "|", "man"]: true, ["dog", "|", "cat"]: false], relations: [:])
    let second = Recorder()
    let chained = FirstAnswerEquivalence(sources: [first, second])
    let verdicts = try await chained.verdicts(for: [a, b, c])
    // a settled by the table; b (table says no) and c (unknown) go on; the second source answers
    // only b, so c stays unanswered.
    #expect(second.asked == [b, c])
    #expect(verdicts == [a: true, b: false])
    #expect(chained.name == "table + second")
  }
}
