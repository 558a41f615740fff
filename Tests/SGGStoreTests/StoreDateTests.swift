import Foundation
import Testing

@testable import SGGStore

@Suite struct StoreDateTests {
  /// The text form matches Python's UTC ISO-8601 with milliseconds, and parses back to the same
  /// instant (0.25 s is exact in binary, so the round trip is exact).
  @Test func textMatchesPythonAndRoundTrips() throws {
    let seconds = 1_740_000_000.25
    let want = try runPython(
      """
      import datetime, sys
      t = datetime.datetime.fromtimestamp(float(sys.argv[1]), datetime.timezone.utc)
      print(t.strftime('%Y-%m-%dT%H:%M:%S.') + '%03dZ' % (t.microsecond // 1000))
      """, arguments: ["\(seconds)"]
    ).trimmingCharacters(in: .whitespacesAndNewlines)
    let text = StoreDate.text(Date(timeIntervalSince1970: seconds))
    #expect(text == want)
    #expect(StoreDate.date(text) == Date(timeIntervalSince1970: seconds))
    #expect(StoreDate.date("yesterday") == nil)
  }
}
