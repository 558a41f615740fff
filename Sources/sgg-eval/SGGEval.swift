import ArgumentParser

@main
struct SGGEval: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sgg-eval",
    abstract: "Score generative scene graph outputs exactly, as the published evaluators do.",
    discussion: """
      Example:
        sgg-eval score preds.jsonl --gt gt.jsonl --vocab vocab.json --protocol r1sgg
      """,
    version: "0.1.0",
    subcommands: [
      ScoreCommand.self, DataCommand.self, ProtocolsCommand.self, RunsCommand.self, TagCommand.self,
      LeaderboardCommand.self, CompareCommand.self, ShowCommand.self, RunCommand.self,
    ])

  /// Maps our errors to exit statuses: input and store problems exit 66 / 74 with one line.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let error as CLIError {
      Console.error(error.description)
      switch error {
      case .input: Self.exit(withError: ExitCode(66))
      case .store: Self.exit(withError: ExitCode(74))
      }
    } catch {
      exit(withError: error)
    }
  }
}
