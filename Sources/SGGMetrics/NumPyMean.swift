/// `np.mean` of a contiguous 1-D float64 array, reproduced bit for bit.
///
/// NumPy sums with its pairwise algorithm (`pairwise_sum_DOUBLE`: straight sum below 8
/// elements, eight interleaved partial sums up to 128, halving above that) and then divides by
/// the count. pycocotools' `summarize` takes `np.mean(s[s > -1])`, so AP matches pycocotools
/// exactly only with the same summation order.
enum NumPyMean {
  /// The mean of `values`, or nil when empty (pycocotools then reports −1).
  static func mean(_ values: [Double]) -> Double? {
    guard !values.isEmpty else { return nil }
    return values.withUnsafeBufferPointer { pairwiseSum($0[...]) } / Double(values.count)
  }

  /// `pairwise_sum_DOUBLE` of numpy/_core/src/umath/loops_utils.h.src.
  static func pairwiseSum(_ a: Slice<UnsafeBufferPointer<Double>>) -> Double {
    let n = a.count
    let start = a.startIndex
    if n < 8 {
      var result = 0.0
      for i in a.indices { result += a[i] }
      return result
    } else if n <= 128 {
      var r0 = a[start]
      var r1 = a[start + 1]
      var r2 = a[start + 2]
      var r3 = a[start + 3]
      var r4 = a[start + 4]
      var r5 = a[start + 5]
      var r6 = a[start + 6]
      var r7 = a[start + 7]
      var i = 8
      while i < n - (n % 8) {
        r0 += a[start + i]
        r1 += a[start + i + 1]
        r2 += a[start + i + 2]
        r3 += a[start + i + 3]
        r4 += a[start + i + 4]
        r5 += a[start + i + 5]
        r6 += a[start + i + 6]
        r7 += a[start + i + 7]
        i += 8
      }
      var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
      while i < n {
        result += a[start + i]
        i += 1
      }
      return result
    } else {
      var n2 = n / 2
      n2 -= n2 % 8
      return pairwiseSum(a[start..<(start + n2)]) + pairwiseSum(a[(start + n2)..<a.endIndex])
    }
  }
}
