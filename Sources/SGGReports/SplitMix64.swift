/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", 2014):
/// the seeded generator behind every bootstrap in the reports, so a seed reproduces a table
/// exactly on any machine. Seed 0 gives 0xE220A8397B1DCDAF first.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public private(set) var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A draw in `0..<n` as `next() % n` (bias below n / 2^64, negligible for sample counts; kept
  /// this simple so the Python cross-check reproduces it). Returns 0 when `n <= 0`.
  public mutating func index(below n: Int) -> Int {
    guard n > 0 else { return 0 }
    return Int(next() % UInt64(n))
  }
}
