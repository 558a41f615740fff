extension LinearSumAssignment {
  #if DEBUG
    /// Debug-build check of the solver's final state, in the spirit of swift-collections'
    /// `Heap._checkInvariants()`: `col4row` is a one-to-one assignment of every row to a column,
    /// `row4col` is its inverse, and every chosen pair has a finite cost (the solver reports an
    /// infeasible matrix instead of choosing a +∞ pair).
    ///
    /// Only the solver's own bookkeeping is checked here, never the caller's input, so a failure
    /// means a bug in the port.
    static func checkInvariants(
      cost: UnsafeBufferPointer<Double>, nr: Int, nc: Int,
      col4row: UnsafeBufferPointer<Int>, row4col: UnsafeBufferPointer<Int>
    ) {
      var assignedColumns = 0
      for j in 0..<nc where row4col[j] != -1 {
        assignedColumns += 1
        assert(row4col[j] >= 0 && row4col[j] < nr, "row4col[\(j)] out of range")
        assert(col4row[row4col[j]] == j, "row4col[\(j)] is not the inverse of col4row")
      }
      assert(assignedColumns == nr, "\(assignedColumns) columns assigned for \(nr) rows")
      for i in 0..<nr {
        let j = col4row[i]
        assert(j >= 0 && j < nc, "row \(i) unassigned")
        assert(cost[i * nc + j].isFinite, "row \(i) assigned to a +inf entry")
      }
    }
  #endif
}
