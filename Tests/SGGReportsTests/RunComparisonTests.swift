import Foundation
import SGGStore
import Testing

@testable import SGGReports

@Suite struct RunComparisonTests {
  // Hand-worked: baseline R@50 per sample [0, 0.5, 1, skipped] → mean 1.5 / 3 = 0.5;
  // run B [0.5, 0.75, 1, 0.25] → 2.5 / 4 = 0.625. Pairs need both values: s0 +0.5, s1 +0.25, s2 0 (s3 is
  // skipped by the baseline) → mean Δ 0.75 / 3 = 0.25. Sign flips of [0.5, 0.25, 0]: |sum| ≥
  // 0.75 only when 0.5 and 0.25 share a sign: 2 sign choices × 2 for the zero = 4 of 8 → p 0.5.
  @Test func pairedDifferencesByHand() throws {
    let store = try ResultsStore.inMemory()
    let a = try StoreFixture.addRun(
      store, name: "base", recalls: [0, 0.5, 1, nil], metrics: ["R@50": 0.5, "mR@50": 0.3])
    let b = try StoreFixture.addRun(
      store, name: "b", recalls: [0.5, 0.75, 1, 0.25], metrics: ["R@50": 0.625, "mR@50": 0.4])
    let c = try RunComparison.build(
      store: store, runIDs: [a, b], metrics: ["R@50", "mR@50"], resamples: 200, seed: 1)
    let base = try #require(c.rows[0].cell("R@50"))
    #expect(base.interval?.estimate == 0.5)
    #expect(base.interval?.count == 3)
    #expect(base.delta == nil)
    let other = try #require(c.rows[1].cell("R@50"))
    #expect(other.interval?.estimate == 0.625)
    #expect(other.delta == 0.125)
    #expect(other.deltaInterval?.estimate == 0.25)
    #expect(other.deltaInterval?.count == 3)
    let test = try #require(other.test)
    #expect(test.exact)
    #expect(test.pValue == 0.5)
    // The interval lies inside the range of the values (a mean of draws from [0, 1]).
    #expect((base.interval?.lower ?? -1) >= 0 && (base.interval?.upper ?? 2) <= 1)
    // mR@50 has no per-sample form: a delta, no interval, no test.
    let mr = try #require(c.rows[1].cell("mR@50"))
    #expect(mr.interval == nil && mr.test == nil)
    #expect(abs((mr.delta ?? 0) - 0.1) < 1e-15)
    // Same seed, same table.
    let again = try RunComparison.build(
      store: store, runIDs: [a, b], metrics: ["R@50"], resamples: 200, seed: 1)
    #expect(again.rows[1].cell("R@50")?.deltaInterval == other.deltaInterval)
    let text = c.render(.table)
    #expect(text.contains("+12.50"))
    #expect(text.contains("0.500"))
    let csv = c.render(.csv)
    #expect(csv.contains("R@50,\(b),b,0.625,"))
  }

  @Test func refusesIncomparableRuns() throws {
    let store = try ResultsStore.inMemory()
    let a = try StoreFixture.addRun(store, name: "a", recalls: [1], metrics: ["R@50": 1])
    let otherProtocol = try StoreFixture.addRun(
      store, name: "p", recalls: [1], metrics: ["R@50": 1], options: #"{"iou-threshold":"0.6"}"#)
    let otherGT = try StoreFixture.addRun(
      store, name: "g", recalls: [1], metrics: ["R@50": 1], gtSHA: String(repeating: "c", count: 64))
    let running = try StoreFixture.addRun(
      store, name: "r", recalls: [1], metrics: [:], finish: false)
    func refusal(_ ids: [Int64]) -> ComparisonRefusal? {
      do {
        _ = try RunComparison.build(store: store, runIDs: ids, metrics: ["R@50"])
        return nil
      } catch let r as ComparisonRefusal {
        return r
      } catch {
        return nil
      }
    }
    #expect(
      refusal([a, otherProtocol])
        == .differentProtocol(baseline: a, run: otherProtocol, fields: ["iou-threshold 0.5 vs 0.6"]))
    guard case .differentGroundTruth(_, let run, let reason)? = refusal([a, otherGT]) else {
      Issue.record("expected a ground-truth refusal")
      return
    }
    #expect(run == otherGT)
    #expect(reason.contains("SHA-256"))
    #expect(refusal([a, running]) == .incomplete(run: running))
    #expect(refusal([a]) != nil)
    #expect(refusal([a, a]) != nil)
  }
}
