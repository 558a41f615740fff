import SGGTestSupport
import Testing

@testable import SGGMetrics

@Suite struct LinearSumAssignmentTests {
  // scipy docstring example. Row 0 → col 1 (1), row 1 → col 0 (2), row 2 → col 2 (2): total 5.
  // Every other permutation costs more, e.g. identity 4+0+2 = 6, (2,1,0)→3+0+3 = 6.
  @Test func scipyDocstringExample() throws {
    let cost: [[Double]] = [[4, 1, 3], [2, 0, 5], [3, 2, 2]]
    let result = try LinearSumAssignment.solve(cost)
    #expect(result.rows == [0, 1, 2])
    #expect(result.columns == [1, 0, 2])
    let total = zip(result.rows, result.columns).reduce(0.0) { $0 + cost[$1.0][$1.1] }
    #expect(total == 5)
  }

  // Maximizing the same matrix: best is 4+5+2 = 11 via (0,0),(1,2),(2,1)? 4+5+2=11;
  // alternatives: (0,2),(1,?)... 3+5 needs col 2 twice; (0,0)4+(1,2)5+(2,1)2 = 11 is the maximum
  // (3+2+... : (0,2)3,(1,0)2,(2,1)2 = 7; (0,1)1,(1,2)5,(2,0)3 = 9).
  @Test func maximizeDocstringMatrix() throws {
    let result = try LinearSumAssignment.solve(
      [[4, 1, 3], [2, 0, 5], [3, 2, 2]], maximize: true)
    #expect(result.rows == [0, 1, 2])
    #expect(result.columns == [0, 2, 1])
  }

  @Test func emptyMatrices() throws {
    #expect(try LinearSumAssignment.solve([], rows: 0, columns: 0) == ([], []))
    #expect(try LinearSumAssignment.solve([], rows: 0, columns: 5) == ([], []))
    #expect(try LinearSumAssignment.solve([], rows: 4, columns: 0) == ([], []))
    #expect(try LinearSumAssignment.solve([[Double]]()) == ([], []))
    #expect(try LinearSumAssignment.solve([[], []]) == ([], []))
  }

  // 1×N: the single row takes the cheapest column; on a tie the lowest index (the reverse scan
  // with the `== lowest && free` rule keeps replacing, ending at column 0 side): [3,1,1,2] → 1.
  @Test func oneRow() throws {
    #expect(try LinearSumAssignment.solve([[3, 1, 1, 2]]) == ([0], [1]))
    #expect(try LinearSumAssignment.solve([[5, 5, 5]]) == ([0], [0]))
    #expect(try LinearSumAssignment.solve([[3, 1, 1, 2]], maximize: true) == ([0], [0]))
  }

  // N×1: solved transposed; the result names the chosen row.
  @Test func oneColumn() throws {
    #expect(try LinearSumAssignment.solve([[3], [1], [1], [2]]) == ([1], [0]))
    #expect(try LinearSumAssignment.solve([[7], [7]]) == ([0], [0]))
  }

  // A constant square matrix gives the identity (scipy #11602, the reason for the reverse fill).
  @Test func constantSquareIsIdentity() throws {
    let result = try LinearSumAssignment.solve(
      [Double](repeating: 2, count: 16), rows: 4, columns: 4)
    #expect(result.rows == [0, 1, 2, 3])
    #expect(result.columns == [0, 1, 2, 3])
  }

  @Test func rejectsInvalidInput() {
    #expect(throws: LinearSumAssignmentError.invalidEntry(row: 1, column: 0, value: -.infinity)) {
      try LinearSumAssignment.solve([[1, 2], [-.infinity, 3]])
    }
    #expect(throws: LinearSumAssignmentError.invalidEntry(row: 0, column: 1, value: .infinity)) {
      try LinearSumAssignment.solve([[1, .infinity], [2, 3]], maximize: true)
    }
    #expect(throws: LinearSumAssignmentError.self) {
      try LinearSumAssignment.solve([[1, .nan]])
    }
    #expect(throws: LinearSumAssignmentError.raggedRow(row: 1, count: 1, expected: 2)) {
      try LinearSumAssignment.solve([[1, 2], [3]])
    }
    #expect(throws: LinearSumAssignmentError.shapeMismatch(rows: 2, columns: 2, count: 3)) {
      try LinearSumAssignment.solve([1, 2, 3], rows: 2, columns: 2)
    }
    #expect(throws: LinearSumAssignmentError.negativeDimensions(rows: -1, columns: 2)) {
      try LinearSumAssignment.solve([], rows: -1, columns: 2)
    }
  }

  // Both rows can only use column 0 (column 1 is +inf for both): no complete assignment.
  @Test func infeasible() {
    #expect(throws: LinearSumAssignmentError.infeasible) {
      try LinearSumAssignment.solve([[1, .infinity], [2, .infinity]])
    }
    // -inf is allowed when maximizing (it becomes +inf after negation): all forbidden.
    #expect(throws: LinearSumAssignmentError.infeasible) {
      try LinearSumAssignment.solve([[-.infinity]], maximize: true)
    }
  }

  // MARK: - Cross-check against scipy

  struct Case: Codable {
    var rows: Int
    var columns: Int
    var cost: [Double]
    var maximize: Bool
  }

  struct Answer: Codable, Equatable {
    var rows: [Int]?
    var columns: [Int]?
    var error: String?
  }

  static let scipyScript = """
    import json, sys
    import numpy as np
    from scipy.optimize import linear_sum_assignment
    out = []
    for case in json.load(sys.stdin):
        m = np.array([float(x) for x in case["cost"]], dtype=float).reshape(case["rows"], case["columns"])
        try:
            r, c = linear_sum_assignment(m, maximize=case["maximize"])
            out.append({"rows": [int(x) for x in r], "columns": [int(x) for x in c]})
        except ValueError as e:
            out.append({"error": "infeasible" if "infeasible" in str(e) else "invalid"})
    print(json.dumps(out))
    """

  static func randomCases() -> [Case] {
    var rng = SeededGenerator(seed: 0x5EED_1A5A)
    var cases: [Case] = []
    func add(_ rows: Int, _ columns: Int, maximize: Bool = false, _ entry: () -> Double) {
      cases.append(
        Case(
          rows: rows, columns: columns, cost: (0..<(rows * columns)).map { _ in entry() },
          maximize: maximize))
    }
    // Continuous costs, square and rectangular both ways, both senses.
    for n in 0..<200 {
      let rows = Int.random(in: 1...9, using: &rng)
      let columns = Int.random(in: 1...9, using: &rng)
      add(rows, columns, maximize: n % 4 == 3) { Double.random(in: -5..<5, using: &rng) }
    }
    // Many ties: integers 0...2.
    for n in 0..<250 {
      let rows = Int.random(in: 1...9, using: &rng)
      let columns = Int.random(in: 1...9, using: &rng)
      add(rows, columns, maximize: n % 5 == 4) { Double(Int.random(in: 0...2, using: &rng)) }
    }
    // 0/1 costs like SceneGraphVLM's relation matching.
    for _ in 0..<60 {
      let rows = Int.random(in: 1...8, using: &rng)
      let columns = Int.random(in: 1...8, using: &rng)
      add(rows, columns) { Double(Int.random(in: 0...1, using: &rng)) }
    }
    // All-equal matrices.
    for n in 0..<40 {
      let rows = Int.random(in: 1...7, using: &rng)
      let columns = Int.random(in: 1...7, using: &rng)
      let value = Double(Int.random(in: -3...3, using: &rng))
      add(rows, columns, maximize: n % 2 == 1) { value }
    }
    // +inf entries (forbidden pairs), some infeasible; −IoU-like costs with ties at 0.
    for n in 0..<120 {
      let rows = Int.random(in: 1...7, using: &rng)
      let columns = Int.random(in: 1...7, using: &rng)
      let density = [0.1, 0.3, 0.6][n % 3]
      add(rows, columns) {
        Double.random(in: 0..<1, using: &rng) < density
          ? .infinity : -Double(Int.random(in: 0...4, using: &rng)) / 4
      }
    }
    // Invalid entries.
    add(2, 3) { .nan }
    add(3, 2) { -.infinity }
    add(2, 2, maximize: true) { .infinity }
    // A few larger problems.
    for (rows, columns) in [(20, 30), (30, 20), (50, 50), (40, 40)] {
      add(rows, columns) { Double(Int.random(in: 0...3, using: &rng)) }
      add(rows, columns) { Double.random(in: 0..<1, using: &rng) }
    }
    return cases
  }

  @Test func matchesScipyExactly() throws {
    let cases = Self.randomCases()
    let expected = try PythonReference.run(
      Self.scipyScript, input: cases, modules: ["numpy", "scipy"], as: [Answer].self)
    try #require(expected.count == cases.count)
    var mismatches = 0
    for (index, (testCase, reference)) in zip(cases, expected).enumerated() {
      let answer: Answer
      do {
        let result = try LinearSumAssignment.solve(
          testCase.cost, rows: testCase.rows, columns: testCase.columns,
          maximize: testCase.maximize)
        answer = Answer(rows: result.rows, columns: result.columns)
      } catch .infeasible {
        answer = Answer(error: "infeasible")
      } catch {
        answer = Answer(error: "invalid")
      }
      if answer != reference {
        mismatches += 1
        Issue.record(
          "case \(index) (\(testCase.rows)×\(testCase.columns), maximize \(testCase.maximize)): swift \(answer), scipy \(reference)"
        )
      }
    }
    #expect(mismatches == 0)
  }
}
