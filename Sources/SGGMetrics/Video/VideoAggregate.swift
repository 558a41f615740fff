/// Per-frame values averaged two ways: over all frames, and per video then over videos
/// (each video weighs the same, however many frames it has).
public struct VideoAggregate: Hashable, Sendable, Codable {
  /// Mean over frames, by metric.
  public var frameMean: [String: Double]
  /// Mean over videos of the per-video frame means, by metric.
  public var videoMean: [String: Double]
  /// Per video: its frame count and frame means, in first-seen order.
  public var videos: [VideoValues]

  public struct VideoValues: Hashable, Sendable, Codable {
    public var video: String
    public var frames: Int
    public var mean: [String: Double]
  }

  /// `frames`: (video, metric values) in evaluation order; every frame should carry the same
  /// metric names (a missing name counts only where present).
  public init(frames: [(video: String, values: [String: Double])]) {
    var order: [String] = []
    var sums: [String: [String: Double]] = [:]
    var counts: [String: [String: Int]] = [:]
    var frameCount: [String: Int] = [:]
    var total: [String: Double] = [:]
    var totalN: [String: Int] = [:]
    for f in frames {
      if frameCount[f.video] == nil { order.append(f.video) }
      frameCount[f.video, default: 0] += 1
      for (k, v) in f.values {
        sums[f.video, default: [:]][k, default: 0] += v
        counts[f.video, default: [:]][k, default: 0] += 1
        total[k, default: 0] += v
        totalN[k, default: 0] += 1
      }
    }
    frameMean = total.reduce(into: [:]) { $0[$1.key] = $1.value / Double(totalN[$1.key] ?? 1) }
    var vids: [VideoValues] = []
    var vsum: [String: Double] = [:]
    var vn: [String: Int] = [:]
    for v in order {
      var mean: [String: Double] = [:]
      for (k, s) in sums[v] ?? [:] {
        let m = s / Double(counts[v]?[k] ?? 1)
        mean[k] = m
        vsum[k, default: 0] += m
        vn[k, default: 0] += 1
      }
      vids.append(VideoValues(video: v, frames: frameCount[v] ?? 0, mean: mean))
    }
    videoMean = vsum.reduce(into: [:]) { $0[$1.key] = $1.value / Double(vn[$1.key] ?? 1) }
    videos = vids
  }
}
