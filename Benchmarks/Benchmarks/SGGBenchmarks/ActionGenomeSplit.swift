import Foundation
import SGGCore
import SGGFormats

/// SplitMix64: a small deterministic generator so the synthetic split is the same every run.
struct SplitMix64: RandomNumberGenerator {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// An Action Genome test split the size of STTran's (1,750 videos, ~56,900 frames; datasets.md
/// §4.5) generated in memory: ground truth as normalized samples (STTran orientation) and
/// predictions as `rel_pairs` TOON responses in a 640×480 frame, with dropped, relabelled and
/// jittered rows so every metric path runs.
struct ActionGenomeSplit {
  var groundTruth: [Sample] = []
  var predictionsJSONL: [UInt8] = []

  init(videos: Int = 1_750, framesPerVideo: ClosedRange<Int> = 28...37, seed: UInt64 = 11) {
    var rng = SplitMix64(state: seed)
    let classes = Array(ActionGenomeClasses.objects.dropFirst(2))
    var out = ""
    out.reserveCapacity(40_000_000)
    for v in 0..<videos {
      let video = String(format: "%05d.mp4", v)
      let frames = Int.random(in: framesPerVideo, using: &rng)
      var frameNo = 1
      // Objects of the video persist across frames (temporal consistency has work to do).
      let objectCount = Int.random(in: 1...4, using: &rng)
      let videoObjects = (0..<objectCount).map { _ in classes.randomElement(using: &rng) ?? "cup" }
      for f in 0..<frames {
        frameNo += Int.random(in: 3...40, using: &rng)
        let id = "\(video)/\(String(format: "%06d", frameNo)).png"
        var objects = [Object(label: "person", box: Box(x1: 30, y1: 70, x2: 250, y2: 268))]
        var relations: [Relation] = []
        var toonObjects = "1,person,40,125,333,476\n"
        var toonPairs = ""
        for (j, label) in videoObjects.enumerated() {
          let x = Double(40 + 80 * j + f % 5)
          let y = Double(40 + 20 * j)
          objects.append(Object(label: label, box: Box(x1: x, y1: y, x2: x + 70, y2: y + 60)))
          let m = objects.count - 1
          let a = ActionGenomeClasses.attention.randomElement(using: &rng) ?? "unsure"
          let s = ActionGenomeClasses.spatial.shuffled(using: &rng).prefix(Int.random(in: 1...2, using: &rng))
          let c = ActionGenomeClasses.contacting.shuffled(using: &rng).prefix(Int.random(in: 1...2, using: &rng))
          relations.append(Relation(subject: 0, predicate: a, object: m))
          for p in s { relations.append(Relation(subject: m, predicate: p, object: 0)) }
          for p in c { relations.append(Relation(subject: 0, predicate: p, object: m)) }
          // Prediction: 640×480 frame of a 480×270 video (×4/3, ×16/9), jittered; 10% of
          // objects dropped, 10% relabelled, labels kept / swapped at random.
          let roll = Double.random(in: 0..<1, using: &rng)
          if roll < 0.1 { continue }
          let name = roll < 0.2 ? (classes.randomElement(using: &rng) ?? label) : label
          let jitter = Int.random(in: -6...6, using: &rng)
          let px1 = Int(x * 4 / 3) + jitter
          let py1 = Int(y * 16 / 9)
          toonObjects += "\(j + 2),\(name),\(px1),\(py1),\(px1 + 93),\(py1 + 107)\n"
          let pa = Double.random(in: 0..<1, using: &rng) < 0.7 ? a : "unsure"
          let ps = Double.random(in: 0..<1, using: &rng) < 0.15 ? "" : s.joined(separator: ",")
          let pc = c.reversed().joined(separator: ",")
          toonPairs += "1,[\(pa)],[\(ps)],[\(pc)],\(j + 2)\n"
        }
        groundTruth.append(
          Sample(
            id: id, width: 480, height: 270, graph: SceneGraph(objects: objects, relations: relations),
            video: video, frame: frameNo))
        let pairs = toonPairs.split(separator: "\n").count
        let response =
          "<answer>\nobj[\(objects.count)]{id,name,x1,y1,x2,y2}:\n\(toonObjects)"
          + "rel_pairs[\(pairs)]{subj,attention,spatial,contacting,obj}:\n\(toonPairs)</answer>"
        let prev = f == 0 ? "null" : "\"model\""
        out += "{\"id\":\(CanonicalNumber.jsonString(id)),\"response\":"
        out += CanonicalNumber.jsonString(response)
        out += ",\"box_space\":\"resized:640x480\",\"prev_source\":\(prev)}\n"
      }
    }
    predictionsJSONL = Array(out.utf8)
  }
}
