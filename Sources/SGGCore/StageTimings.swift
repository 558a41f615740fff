import Dispatch

/// Wall-clock seconds per named stage, in the order the stages ran (for `--timings`).
public struct StageTimings: Hashable, Sendable {
  public private(set) var stages: [(name: String, seconds: Double)] = []

  public init() {}

  /// Runs `body`, adds its duration under `name`, and returns its result.
  public mutating func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    let start = DispatchTime.now().uptimeNanoseconds
    let result = try body()
    stages.append((name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9))
    return result
  }

  /// One stage measured elsewhere.
  public static func single(_ name: String, _ seconds: Double) -> StageTimings {
    var t = StageTimings()
    t.stages.append((name, seconds))
    return t
  }

  /// Appends the stages of `other`.
  public mutating func append(contentsOf other: StageTimings) {
    stages += other.stages
  }

  public static func == (a: StageTimings, b: StageTimings) -> Bool {
    a.stages.map(\.name) == b.stages.map(\.name)
      && a.stages.map(\.seconds) == b.stages.map(\.seconds)
  }

  public func hash(into hasher: inout Hasher) {
    for stage in stages {
      hasher.combine(stage.name)
      hasher.combine(stage.seconds)
    }
  }
}
