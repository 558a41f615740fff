/// Several verdict sources in order: a question one source calls equivalent is settled; the
/// others go on to the next source, and the last source's verdict (or silence) stands.
///
/// `--aliases` with a judge uses this, so pairs the user already listed cost no request.
public struct FirstAnswerEquivalence: LabelEquivalence {
  public let sources: [any LabelEquivalence]

  public init(sources: [any LabelEquivalence]) {
    self.sources = sources
  }

  public var name: String { sources.map(\.name).joined(separator: " + ") }

  public func verdicts(for questions: [EquivalenceQuestion]) async throws -> [EquivalenceQuestion:
    Bool]
  {
    var result: [EquivalenceQuestion: Bool] = [:]
    var open = questions
    for (i, source) in sources.enumerated() where !open.isEmpty {
      let answers = try await source.verdicts(for: open)
      let isLast = i == sources.count - 1
      var next: [EquivalenceQuestion] = []
      for q in open {
        if answers[q] == true {
          result[q] = true
        } else if isLast {
          if let v = answers[q] { result[q] = v }
        } else {
          next.append(q)
        }
      }
      open = next
    }
    return result
  }
}
