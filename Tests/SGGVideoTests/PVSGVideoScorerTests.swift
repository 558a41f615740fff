import SGGCore
import SGGFormats
import SGGMetrics
import Testing

@Suite struct PVSGVideoScorerTests {
  /// Two frames of one video, GT `person sitting-on table` in both. Frame 1 predicts it
  /// exactly; frame 2 (prev_source model) says standing-on. Strict rel P = R = F1 = 1 then 0
  /// → frame mean 0.5; objects all 1; SGG per frame (1+1)/2 = 1 and (1+0)/2 = 0.5 → 0.75.
  /// Temporal: the relation persists, was hit, and is flipped (other predicate, same pair).
  @Test func perFrameVideoAggregationAndFlip() throws {
    var gtText = ""
    for f in [1, 2] {
      gtText +=
        #"{"id":"v1_000\#(f)","width":640,"height":480,"video":"v1","frame":\#(f),"#
        + #""objects":[{"label":"person","box":[0,0,100,100]},{"label":"table","box":[200,200,300,300]}],"#
        + #""relations":[{"subject":0,"predicate":"sitting-on","object":1}]}"# + "\n"
    }
    let toon =
      #"<answer>\nobj[2]{id,name,x1,y1,x2,y2}:\n1,person,0,0,100,100\n2,table,200,200,300,300\nrel[1]{subj,pred,obj}:\n1,sitting-on,2\n</answer>"#
    let predText =
      #"{"id":"v1_0001","response":"\#(toon)"}"# + "\n"
      + #"{"id":"v1_0002","response":"\#(toon.replacingOccurrences(of: "1,sitting-on,2", with: "1,standing-on,2"))"}"#
      + "\n"
    let gt = GroundTruthReader.read(bytes: Array(gtText.utf8), fileName: "gt.jsonl")
    let preds = PredictionsReader.read(bytes: Array(predText.utf8), fileName: "p.jsonl")
    #expect(gt.issues.isEmpty && preds.issues.isEmpty)
    let r = PVSGVideoScorer.score(
      predictions: preds, groundTruth: gt, previousSource: ["v1_0002": .model])
    #expect(r.videos.frameMean["rel_F1"] == 0.5)
    #expect(r.videos.frameMean["obj_F1"] == 1)
    #expect(r.videos.videoMean["sgg_score"] == 0.75)
    #expect(r.temporal.relations.flipped == 1 && r.temporal.objects.kept == 2)
    #expect(r.byPreviousSource["model"]?["rel_F1"] == 0)
  }
}
