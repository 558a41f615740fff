import Foundation
import Testing

@testable import SGGReports

@Suite struct BootstrapTests {
  // Published SplitMix64 outputs for seed 0 (Vigna's reference splitmix64.c).
  @Test func splitMix64MatchesReference() {
    var rng = SplitMix64(seed: 0)
    #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
    #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(rng.next() == 0x06C4_5D18_8009_454F)
  }

  // Quantile by hand: sorted [1, 2, 3, 4], q = 0.25 → position 0.75 → 1 + 0.75 × 1 = 1.75;
  // q = 0.975 → position 2.925 → 3 + 0.925 = 3.925; q = 1 → 4.
  @Test func quantileInterpolatesLinearly() {
    #expect(Bootstrap.quantile(sorted: [1, 2, 3, 4], 0.25) == 1.75)
    #expect(abs(Bootstrap.quantile(sorted: [1, 2, 3, 4], 0.975) - 3.925) < 1e-12)
    #expect(Bootstrap.quantile(sorted: [1, 2, 3, 4], 1) == 4)
    #expect(Bootstrap.quantile(sorted: [7], 0.5) == 7)
    #expect(Bootstrap.quantile(sorted: [], 0.5).isNaN)
  }

  // Hand-checkable resampling: values [0, 1], seed 0. Each draw is next() % 2, the low bit of
  // the published outputs: 0x…AF → 1, 0x…F4 → 0, so the first resample is values[1], values[0]
  // with mean 0.5.
  @Test func resamplingDrawsIndicesModuloN() {
    let means = Bootstrap.resampledMeans([0, 1], resamples: 3, seed: 0)
    #expect(means.count == 3)
    #expect(means[0] == 0.5)
    // A constant sample has a degenerate interval at the constant.
    let ci = Bootstrap.interval([0.25, 0.25, 0.25], resamples: 50, seed: 9)
    #expect(ci == ConfidenceInterval(estimate: 0.25, lower: 0.25, upper: 0.25, count: 3))
    #expect(Bootstrap.interval([], resamples: 10) == nil)
  }

  // The exact sign-flip test by hand: differences [1, 2, 3], observed mean 2. Of the 8 sign
  // patterns, |sum| ≥ 6 only for (+,+,+) and (−,−,−): p = 2 / 8 = 0.25.
  // Differences [1, 1, -1, 3]: observed sum 4; patterns with |sum| ≥ 4: the sums are
  // ±1 ±1 ±1 ±3, which reach |4| or more when the three ones share the sign of the 3 in at
  // least two places: (+3, two or three of the ones +) = 1 + 3 = 4 patterns, and the mirror 4:
  // p = 8 / 16 = 0.5.
  @Test func exactSignFlipByHand() throws {
    let a = try #require(Bootstrap.signFlipTest([1, 2, 3]))
    #expect(a.exact)
    #expect(a.pValue == 0.25)
    #expect(a.meanDifference == 2)
    let b = try #require(Bootstrap.signFlipTest([1, 1, -1, 3]))
    #expect(b.pValue == 0.5)
    let zero = try #require(Bootstrap.signFlipTest([0, 0]))
    #expect(zero.pValue == 1)
  }

  // Against an independent Python implementation of the same procedure (SplitMix64 written
  // again from the paper's constants, numpy.percentile for the interval, the Monte Carlo
  // sign-flip p-value), on 40 values with a fixed seed.
  @Test func matchesPythonReferenceWithFixedSeed() throws {
    var rng = SplitMix64(seed: 12345)
    let values = (0..<40).map { _ in Double(rng.next() % 1000) / 1000 }
    let differences = values.enumerated().map { i, v in v - Double(i % 7) / 10 }
    let ci = try #require(Bootstrap.interval(values, resamples: 1000, seed: 42))
    let test = try #require(Bootstrap.signFlipTest(differences, resamples: 1000, seed: 42))
    #expect(!test.exact)
    let script = """
      import json, sys
      import numpy as np
      M = (1 << 64) - 1
      class SM:
          def __init__(self, s): self.s = s
          def next(self):
              self.s = (self.s + 0x9E3779B97F4A7C15) & M
              z = self.s
              z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
              z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
              return z ^ (z >> 31)
      data = json.load(sys.stdin)
      v, d = data["values"], data["differences"]
      r = SM(42); n = len(v); means = []
      for _ in range(1000):
          s = 0.0
          for _ in range(n): s += v[r.next() % n]
          means.append(s / n)
      lo, hi = np.percentile(means, [2.5, 97.5])
      r = SM(42); n = len(d); obs = abs(sum(d) / n); hits = 0
      for _ in range(1000):
          s = 0.0
          for x in d: s += -x if (r.next() >> 63) == 1 else x
          if abs(s / n) >= obs - 1e-12 * (sum(abs(x) for x in d) / n): hits += 1
      print(json.dumps({"mean": sum(v) / len(v), "lo": lo, "hi": hi, "p": (hits + 1) / 1001}))
      """
    let input = try JSONSerialization.data(withJSONObject: [
      "values": values, "differences": differences,
    ])
    let output = try Python.run(script, stdin: input)
    let reference = try #require(
      try JSONSerialization.jsonObject(with: output) as? [String: Double])
    #expect(abs(ci.estimate - (reference["mean"] ?? .nan)) < 1e-12)
    #expect(abs(ci.lower - (reference["lo"] ?? .nan)) < 1e-12)
    #expect(abs(ci.upper - (reference["hi"] ?? .nan)) < 1e-12)
    #expect(abs(test.pValue - (reference["p"] ?? .nan)) < 1e-12)
    #expect(ci.lower < ci.estimate && ci.estimate < ci.upper)
  }
}

/// Runs a python3 script (numpy is installed for the reference checks) and returns its stdout.
enum Python {
  struct Failed: Error, CustomStringConvertible {
    var status: Int32
    var stderr: String
    var description: String { "python3 exited \(status): \(stderr)" }
  }

  static func run(_ script: String, arguments: [String] = [], stdin: Data = Data()) throws -> Data {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script] + arguments
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    input.fileHandleForWriting.write(stdin)
    try input.fileHandleForWriting.close()
    let out = output.fileHandleForReading.readDataToEndOfFile()
    let err = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw Failed(status: process.terminationStatus, stderr: String(decoding: err, as: UTF8.self))
    }
    return out
  }
}
