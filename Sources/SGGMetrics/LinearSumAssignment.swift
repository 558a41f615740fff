/// The rectangular linear sum assignment problem, solved exactly as scipy's
/// `scipy.optimize.linear_sum_assignment` solves it.
///
/// Given an `n × m` cost matrix `C`, find `k = min(n, m)` pairs `(rows[i], columns[i])`, no row
/// and no column used twice, that minimise (or, with `maximize`, maximise) `Σ C[rows[i]][columns[i]]`.
///
/// The algorithm is the shortest augmenting path method of
///
/// > D. F. Crouse. *On implementing 2D rectangular assignment algorithms.*
/// > IEEE Transactions on Aerospace and Electronic Systems 52(4):1679–1696, August 2016.
/// > doi:10.1109/TAES.2016.140952
///
/// ported line for line from P. M. Larsen's `rectangular_lsap.cpp` in scipy (the version shipped
/// with scipy 1.17, where transposition and negation moved from `_lsap.py` into the C++ code).
/// Both anchors (R1-SGG, SceneGraphVLM) match objects with scipy, so when several assignments
/// have the same optimal cost (identical boxes, 0/1 relation costs) the one scipy returns decides
/// which names end up paired. A textbook Hungarian would pick a different optimum; this port
/// reproduces scipy's choice (eval-protocols §1.3):
///
/// * a matrix with fewer columns than rows is solved transposed, and the pairs are then ordered
///   by row (scipy's `argsort` of the result), so `rows` is always increasing;
/// * `maximize` negates the matrix; NaN and −∞ (after negation) are rejected;
/// * rows are augmented in order `0 ..< n`; in each Dijkstra step the unvisited columns are
///   scanned from a list filled in reverse order (`m−1 … 0`), from which the chosen column is
///   removed by swapping in the last entry; a column becomes the candidate when its path cost is
///   `<` the lowest so far, or `==` it and the column is still unassigned;
/// * an empty matrix (`0 × m` or `n × 0`) gives an empty result.
///
/// The current scipy code does *not* subtract the global minimum first (older releases did);
/// this port follows the current code, which is what `python3 -c "import scipy"` runs here.
///
/// - Complexity: O(n²·m) time for `n ≤ m` (O(n³) for a square matrix), O(n·m) memory for the
///   working copy of a transposed or negated matrix, O(n + m) otherwise. Scratch space for the
///   solver comes from `withUnsafeTemporaryAllocation` (the stack for small problems), so a call
///   makes two heap allocations (the result) when no copy is needed.
///
/// In debug builds the final matching is checked to be a consistent one-to-one assignment
/// (see `LinearSumAssignment+Invariants.swift`).
public enum LinearSumAssignment {
  /// Solves the assignment problem for a row-major cost matrix.
  ///
  /// - Parameters:
  ///   - cost: `rows * columns` entries, row-major (`cost[r * columns + c]`). `+∞` forbids a pair.
  ///   - rows: number of rows (workers), `≥ 0`.
  ///   - columns: number of columns (jobs), `≥ 0`.
  ///   - maximize: maximise the total instead of minimising it (scipy's `maximize=True`).
  /// - Returns: `min(rows, columns)` pairs as two parallel arrays; `rows` is increasing (for
  ///   `rows ≤ columns` it is `0 ..< rows`).
  /// - Throws: ``LinearSumAssignmentError`` for a bad shape, an invalid entry or an infeasible
  ///   matrix.
  /// - Complexity: O(k²·l) with `k = min(rows, columns)`, `l = max(rows, columns)`.
  public static func solve(
    _ cost: [Double], rows: Int, columns: Int, maximize: Bool = false
  ) throws(LinearSumAssignmentError) -> (rows: [Int], columns: [Int]) {
    guard rows >= 0, columns >= 0 else {
      throw .negativeDimensions(rows: rows, columns: columns)
    }
    let (count, overflow) = rows.multipliedReportingOverflow(by: columns)
    guard !overflow, cost.count == count else {
      throw .shapeMismatch(rows: rows, columns: columns, count: cost.count)
    }
    // rectangular_lsap.cpp: "handle trivial inputs".
    if rows == 0 || columns == 0 { return ([], []) }

    // rectangular_lsap.cpp tests NaN / -inf after negation, i.e. +inf is invalid when maximizing.
    let forbidden = maximize ? Double.infinity : -Double.infinity
    for index in 0..<count {
      let value = cost[index]
      if value.isNaN || value == forbidden {
        throw .invalidEntry(row: index / columns, column: index % columns, value: value)
      }
    }

    // Tall matrices are solved transposed so that the solver always has nr <= nc.
    let transpose = columns < rows
    let nr = transpose ? columns : rows
    let nc = transpose ? rows : columns
    let working: [Double]
    if transpose || maximize {
      working = [Double](unsafeUninitializedCapacity: count) { buffer, initialized in
        if transpose {
          for i in 0..<rows {
            for j in 0..<columns {
              buffer[j * rows + i] = maximize ? -cost[i * columns + j] : cost[i * columns + j]
            }
          }
        } else {
          for i in 0..<count { buffer[i] = -cost[i] }
        }
        initialized = count
      }
    } else {
      working = cost
    }

    var col4row = [Int](repeating: -1, count: nr)
    let feasible = working.withUnsafeBufferPointer { costBuffer in
      col4row.withUnsafeMutableBufferPointer { col4rowBuffer in
        shortestAugmentingPath(cost: costBuffer, nr: nr, nc: nc, col4row: col4rowBuffer)
      }
    }
    guard feasible else { throw .infeasible }

    if !transpose {
      return (Array(0..<nr), col4row)
    }
    // scipy: `for v in argsort_iter(col4row): a[i] = col4row[v]; b[i] = v`. The values of
    // col4row are distinct original row indices in 0..<rows, so a bucket pass gives the same
    // order as the sort.
    var columnForRow = [Int](repeating: -1, count: rows)
    for (transposedRow, originalRow) in col4row.enumerated() {
      columnForRow[originalRow] = transposedRow
    }
    var resultRows: [Int] = []
    var resultColumns: [Int] = []
    resultRows.reserveCapacity(nr)
    resultColumns.reserveCapacity(nr)
    for (row, column) in columnForRow.enumerated() where column >= 0 {
      resultRows.append(row)
      resultColumns.append(column)
    }
    return (resultRows, resultColumns)
  }

  /// Solves the assignment problem for a matrix given as an array of equally long rows.
  ///
  /// `[]` and `[[]]` are empty matrices and give an empty result.
  ///
  /// - Throws: ``LinearSumAssignmentError/raggedRow(row:count:expected:)`` when the rows differ
  ///   in length, otherwise as ``solve(_:rows:columns:maximize:)``.
  /// - Complexity: as ``solve(_:rows:columns:maximize:)``, plus O(rows·columns) to flatten.
  public static func solve(
    _ cost: [[Double]], maximize: Bool = false
  ) throws(LinearSumAssignmentError) -> (rows: [Int], columns: [Int]) {
    let columns = cost.first?.count ?? 0
    var flat: [Double] = []
    flat.reserveCapacity(cost.count * columns)
    for (index, row) in cost.enumerated() {
      guard row.count == columns else {
        throw .raggedRow(row: index, count: row.count, expected: columns)
      }
      flat.append(contentsOf: row)
    }
    return try solve(flat, rows: cost.count, columns: columns, maximize: maximize)
  }
}

extension LinearSumAssignment {
  /// `solve()` of rectangular_lsap.cpp for `nr <= nc`; fills `col4row`, returns false when the
  /// matrix is infeasible.
  ///
  /// The caller has validated the entries (no NaN, no −∞), so every reduced cost is either
  /// finite or +∞ and the scans below never see NaN.
  @usableFromInline
  static func shortestAugmentingPath(
    cost: UnsafeBufferPointer<Double>, nr: Int, nc: Int,
    col4row: UnsafeMutableBufferPointer<Int>
  ) -> Bool {
    // One scratch block per element type: u (nr), v (nc), shortestPathCosts (nc);
    // path (nc), row4col (nc), remaining (nc); visitedRows = SR (nr), visitedColumns = SC (nc).
    withUnsafeTemporaryAllocation(of: Double.self, capacity: nr + 2 * nc) { doubles in
      withUnsafeTemporaryAllocation(of: Int.self, capacity: 3 * nc) { ints in
        withUnsafeTemporaryAllocation(of: Bool.self, capacity: nr + nc) { bools in
          let u = UnsafeMutableBufferPointer(rebasing: doubles[0..<nr])
          let v = UnsafeMutableBufferPointer(rebasing: doubles[nr..<(nr + nc)])
          let shortestPathCosts = UnsafeMutableBufferPointer(
            rebasing: doubles[(nr + nc)..<(nr + 2 * nc)])
          let path = UnsafeMutableBufferPointer(rebasing: ints[0..<nc])
          let row4col = UnsafeMutableBufferPointer(rebasing: ints[nc..<(2 * nc)])
          let remaining = UnsafeMutableBufferPointer(rebasing: ints[(2 * nc)..<(3 * nc)])
          let visitedRows = UnsafeMutableBufferPointer(rebasing: bools[0..<nr])
          let visitedColumns = UnsafeMutableBufferPointer(rebasing: bools[nr..<(nr + nc)])
          u.initialize(repeating: 0)
          v.initialize(repeating: 0)
          shortestPathCosts.initialize(repeating: 0)
          path.initialize(repeating: -1)
          row4col.initialize(repeating: -1)
          remaining.initialize(repeating: 0)
          visitedRows.initialize(repeating: false)
          visitedColumns.initialize(repeating: false)
          col4row.update(repeating: -1)

          // iteratively build the solution
          for curRow in 0..<nr {
            let found = augmentingPath(
              nc: nc, cost: cost, u: u, v: v, path: path, row4col: row4col,
              shortestPathCosts: shortestPathCosts, start: curRow, visitedRows: visitedRows,
              visitedColumns: visitedColumns,
              remaining: remaining)
            guard let (sink, minVal) = found else { return false }

            // update dual variables
            u[curRow] += minVal
            for i in 0..<nr where visitedRows[i] && i != curRow {
              u[i] += minVal - shortestPathCosts[col4row[i]]
            }
            for j in 0..<nc where visitedColumns[j] {
              v[j] -= minVal - shortestPathCosts[j]
            }

            // augment previous solution
            var j = sink
            while true {
              let i = path[j]
              row4col[j] = i
              swap(&col4row[i], &j)
              if i == curRow { break }
            }
          }
          #if DEBUG
            checkInvariants(
              cost: cost, nr: nr, nc: nc, col4row: UnsafeBufferPointer(col4row),
              row4col: UnsafeBufferPointer(row4col))
          #endif
          return true
        }
      }
    }
  }

  /// `augmenting_path()` of rectangular_lsap.cpp: Dijkstra from row `start` over reduced costs
  /// until a free column (the sink) is reached. Returns nil when every remaining column is at
  /// distance +∞ (infeasible).
  @inline(__always)
  static func augmentingPath(
    nc: Int, cost: UnsafeBufferPointer<Double>,
    u: UnsafeMutableBufferPointer<Double>, v: UnsafeMutableBufferPointer<Double>,
    path: UnsafeMutableBufferPointer<Int>, row4col: UnsafeMutableBufferPointer<Int>,
    shortestPathCosts: UnsafeMutableBufferPointer<Double>, start: Int,
    visitedRows: UnsafeMutableBufferPointer<Bool>, visitedColumns: UnsafeMutableBufferPointer<Bool>,
    remaining: UnsafeMutableBufferPointer<Int>
  ) -> (sink: Int, minVal: Double)? {
    var i = start
    var minVal = 0.0

    // Filled in reverse order so that a constant cost matrix yields the identity (scipy #11602).
    var numRemaining = nc
    for it in 0..<nc { remaining[it] = nc - it - 1 }

    visitedRows.update(repeating: false)
    visitedColumns.update(repeating: false)
    shortestPathCosts.update(repeating: .infinity)

    var sink = -1
    while sink == -1 {
      var index = -1
      var lowest = Double.infinity
      visitedRows[i] = true
      let rowBase = i * nc
      let ui = u[i]

      for it in 0..<numRemaining {
        let j = remaining[it]
        // Same operation order as the C++ (`minVal + cost - u[i] - v[j]`), so rounding and
        // therefore ties come out identical.
        let r = minVal + cost[rowBase + j] - ui - v[j]
        if r < shortestPathCosts[j] {
          path[j] = i
          shortestPathCosts[j] = r
        }
        // On equal cost prefer a column that is still free: it ends the search (scipy's rule
        // for small-integer matrices).
        let s = shortestPathCosts[j]
        if s < lowest || (s == lowest && row4col[j] == -1) {
          lowest = s
          index = it
        }
      }

      minVal = lowest
      // `lowest` only drops below +∞ together with setting `index`.
      if minVal == .infinity || index < 0 { return nil }

      let j = remaining[index]
      if row4col[j] == -1 {
        sink = j
      } else {
        i = row4col[j]
      }

      visitedColumns[j] = true
      numRemaining -= 1
      remaining[index] = remaining[numRemaining]
    }
    return (sink, minVal)
  }
}
