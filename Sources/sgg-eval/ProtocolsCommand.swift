import ArgumentParser
import SGGMetrics

/// `sgg-eval protocols`: the presets and every field a user can change.
struct ProtocolsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "protocols",
    abstract: "List protocol presets and the fields --set can change.",
    discussion: """
      Example:
        sgg-eval protocols
        sgg-eval score preds.jsonl --gt gt.jsonl --protocol r1sgg --set recall-iou=plain
      """)

  func run() throws {
    let names = ["default", "r1sgg", "scenegraphvlm"]
    let presets = names.compactMap { ScoringProtocol.presets[$0] }
    let width = (ScoringProtocol.fields.map(\.name.count).max() ?? 10) + 2
    func pad(_ s: String, _ n: Int) -> String {
      s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count)
    }
    print(pad("field", width) + names.map { pad($0, 34) }.joined())
    for field in ScoringProtocol.fields {
      print(
        pad(field.name, width) + presets.map { pad($0.value(of: field.name) ?? "", 34) }.joined())
    }
    print("\nvalues:")
    for field in ScoringProtocol.fields {
      print("  \(field.name): \(field.values.joined(separator: " | "))  — \(field.summary)")
    }
    print("\ndocs/protocols.md defines every metric under each choice.")
  }
}
