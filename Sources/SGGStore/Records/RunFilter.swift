/// Which runs ``ResultsStore/runs(filter:)`` returns. Every non-nil field must match (AND);
/// ``all`` matches every run.
public struct RunFilter: Hashable, Sendable {
  public var dataset: String?
  public var split: String?
  /// Matches ``RunRecord/protocolName``.
  public var protocolName: String?
  /// Matches runs carrying this tag.
  public var tag: String?
  /// Matches ``RunRecord/name`` exactly.
  public var name: String?
  public var command: RunCommand?
  public var status: RunStatus?

  public init(
    dataset: String? = nil, split: String? = nil, protocolName: String? = nil,
    tag: String? = nil, name: String? = nil, command: RunCommand? = nil, status: RunStatus? = nil
  ) {
    self.dataset = dataset
    self.split = split
    self.protocolName = protocolName
    self.tag = tag
    self.name = name
    self.command = command
    self.status = status
  }

  /// Every run.
  public static let all = RunFilter()
}
