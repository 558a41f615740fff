import ArgumentParser

@main
struct SGGEval: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sgg-eval",
    abstract: "Score generative scene graph outputs exactly, as the published evaluators do.",
    subcommands: [])
}
