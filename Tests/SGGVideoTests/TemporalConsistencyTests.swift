import SGGCore
import SGGFormats
import SGGMetrics
import Testing

@Suite struct TemporalConsistencyTests {
  let person = Object(label: "person", box: Box(x1: 0, y1: 0, x2: 10, y2: 10))
  let cup = Object(label: "cup", box: Box(x1: 20, y1: 20, x2: 30, y2: 30))

  func g(_ objects: [Object], _ rels: [(Int, String, Int)]) -> TemporalFrameGraph {
    TemporalFrameGraph(
      objects: objects,
      relations: rels.map { Relation(subject: $0.0, predicate: $0.1, object: $0.2) })
  }

  @Test func keptFlippedDroppedRecovered() {
    let gt = g([person, cup], [(0, "looking_at", 1), (0, "holding", 1)])
    let mug = Object(label: "mug", box: cup.box)
    // t0: both relations and both objects hit. t1: looking_at flipped to not_looking_at
    // (same group), holding dropped, cup relabelled mug (object flip). t2: everything back.
    let p0 = g([person, cup], [(0, "looking_at", 1), (0, "holding", 1)])
    let p1 = g([person, mug], [(0, "not_looking_at", 1)])
    let p2 = p0
    let tc = TemporalConsistency(
      videos: [[(gt, p0), (gt, p1), (gt, p2)]], iou: IoU.plain, threshold: 0.5,
      group: { ["looking_at", "not_looking_at"].contains($0) ? "attention" : "contacting" })
    #expect(tc.framePairs == 2)
    // Objects: 2 persistent per pair → 4. Pair (t0,t1): person kept, cup flipped (mug on the
    // same box). Pair (t1,t2): person kept, cup missed at t1 and hit at t2 → recovered.
    #expect(tc.objects.persistent == 4 && tc.objects.hitBefore == 3)
    #expect(tc.objects.kept == 2 && tc.objects.flipped == 1 && tc.objects.recovered == 1)
    // Relations: pair (t0,t1): looking_at — the prediction at t1 is on (person, mug), whose
    // labels do not match, so it is dropped, not flipped; holding dropped. Pair (t1,t2): both
    // missed at t1 and hit at t2 → 2 recovered.
    #expect(tc.relations.persistent == 4 && tc.relations.hitBefore == 2)
    #expect(tc.relations.dropped == 2 && tc.relations.recovered == 2)
    #expect(tc.relations.droppedRate == 1)
  }

  @Test func relationFlipNeedsSameGroup() {
    let gt = g([person, cup], [(0, "looking_at", 1)])
    let p0 = g([person, cup], [(0, "looking_at", 1)])
    let flip = g([person, cup], [(0, "not_looking_at", 1)])
    let other = g([person, cup], [(0, "holding", 1)])
    let group: (String) -> String = { $0.hasSuffix("looking_at") ? "attention" : "contacting" }
    let a = TemporalConsistency(
      videos: [[(gt, p0), (gt, flip)]], iou: IoU.plain, threshold: 0.5, group: group)
    #expect(a.relations.flipped == 1 && a.relations.keptRate == 0 && a.relations.flippedRate == 1)
    let b = TemporalConsistency(
      videos: [[(gt, p0), (gt, other)]], iou: IoU.plain, threshold: 0.5, group: group)
    #expect(b.relations.flipped == 0 && b.relations.dropped == 1)
    // A skipped frame (nil prediction) breaks the chain.
    let c = TemporalConsistency(
      videos: [[(gt, p0), (gt, nil), (gt, p0)]], iou: IoU.plain, threshold: 0.5, group: group)
    #expect(c.framePairs == 0)
  }

  @Test func videoAggregateWeighsVideosEqually() {
    let a = VideoAggregate(frames: [("A", ["R": 1]), ("A", ["R": 0]), ("B", ["R": 1])])
    // Frames: 2/3. Videos: A 0.5, B 1 → 0.75.
    #expect(abs((a.frameMean["R"] ?? 0) - 2.0 / 3.0) < 1e-12)
    #expect(a.videoMean["R"] == 0.75)
    #expect(a.videos.map(\.video) == ["A", "B"] && a.videos[0].frames == 2)
  }

  @Test func carriedOverFalsePositivesFlagGeneratedPrompts() throws {
    // Frame 1 predicts a wrong `holding`; frame 2 (prev_source model) repeats it → flagged.
    // Frame 2 of video w repeats it under prev_source gt → counted, not flagged.
    let gtGraph = try #require(agFrame("1,[looking_at],[],[],2"))
    let wrong = try #require(agFrame("1,[looking_at],[],[holding],2"))
    let gt = AGGroundTruthFrame(graph: gtGraph)
    let p = AGPredictionFrame(graph: wrong)
    let r = AGEvaluator.evaluate(
      [
        AGFrameInput(id: "v/1", video: "v", frame: 1, groundTruth: gt, prediction: .frame(p)),
        AGFrameInput(
          id: "v/2", video: "v", frame: 2, groundTruth: gt, prediction: .frame(p),
          previousSource: .model),
        AGFrameInput(id: "w/1", video: "w", frame: 1, groundTruth: gt, prediction: .frame(p)),
        AGFrameInput(
          id: "w/2", video: "w", frame: 2, groundTruth: gt, prediction: .frame(p),
          previousSource: .gt),
      ], options: .scenegraphvlmAG)
    #expect(r.frames.map(\.flagged) == [false, true, false, false])
    #expect(r.frames.map(\.carriedFalsePositives) == [nil, 1, nil, 1])
    #expect(r.byPreviousSource["model"]?["frames"] == 1)
  }
}
