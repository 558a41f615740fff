import ArgumentParser
import Foundation
import SGGDatasets
import SGGJudge
import SGGMetrics
import SGGStore

/// `--aliases` and `--judge-*`: where soft-matching verdicts come from (docs/judge.md).
struct SoftMatchingOptions: ParsableArguments {
  @Option(
    help:
      "Alias table JSON (docs/judge.md): listed label / predicate pairs count as equal in the soft_* metrics."
  )
  var aliases: String?

  @Option(help: "OpenAI-compatible base URL of an LLM judge, e.g. http://127.0.0.1:8000/v1.")
  var judgeURL: String?

  @Option(help: "Model name the judge server expects.")
  var judgeModel: String?

  @Option(
    help:
      "Environment variable holding the judge's API key (Bearer token); default OPENAI_API_KEY when set, else none (local servers)."
  )
  var judgeAPIKeyEnv: String?

  @Option(help: "Judge requests in flight at once.")
  var judgeConcurrency: Int = 4

  @Option(
    help: "At most this many judge HTTP requests (retries included); the rest stay unanswered.")
  var judgeBudget: Int?

  @Option(
    help: "scenegraphvlm (scene summaries in every question, the anchor's prompts) or context-free."
  )
  var judgeMode: String = "scenegraphvlm"

  @Option(help: "Seconds before a judge request times out.")
  var judgeTimeout: Double = 60

  var isConfigured: Bool { aliases != nil || judgeURL != nil }

  func validate() throws {
    if (judgeURL == nil) != (judgeModel == nil) {
      throw ValidationError("--judge-url and --judge-model go together")
    }
    guard ["scenegraphvlm", "context-free"].contains(judgeMode) else {
      throw ValidationError(
        "--judge-mode must be scenegraphvlm or context-free, not '\(judgeMode)'")
    }
    guard judgeConcurrency >= 1 else {
      throw ValidationError("--judge-concurrency must be at least 1")
    }
  }

  /// The configured source, the judge (for its report) and whether questions carry the scene.
  func make(store: ResultsStore?) throws -> (SoftMatching, LLMJudge?)? {
    var sources: [any LabelEquivalence] = []
    if let aliases {
      do {
        sources.append(try AliasTable(contentsOfFile: aliases))
      } catch {
        throw CLIError.input("\(error)")
      }
    }
    var judge: LLMJudge?
    let contextFree = judgeMode == "context-free"
    if let judgeURL, let judgeModel {
      let endpoint: JudgeEndpoint
      do {
        endpoint = try JudgeEndpoint(
          baseURL: judgeURL, model: judgeModel,
          apiKeyEnvironmentVariable: judgeAPIKeyEnv
            ?? (ProcessInfo.processInfo.environment["OPENAI_API_KEY"]?.isEmpty == false
              ? "OPENAI_API_KEY" : nil),
          timeout: judgeTimeout)
      } catch {
        throw CLIError.input("\(error)")
      }
      let progress = ProgressLine()
      let made = LLMJudge(
        client: ChatCompletionsClient(endpoint: endpoint),
        prompts: contextFree ? .contextFree : .scenegraphvlm, store: store,
        // The evaluator already renames endpoints from the object verdicts.
        options: LLMJudgeOptions(
          concurrency: judgeConcurrency, budget: judgeBudget, substituteEndpoints: false),
        progress: { p in
          progress.update(DatasetProgress(stage: p.line, done: p.done, total: p.total))
        })
      judge = made
      sources.append(made)
    }
    guard !sources.isEmpty else { return nil }
    let equivalence: any LabelEquivalence =
      sources.count == 1 ? sources[0] : FirstAnswerEquivalence(sources: sources)
    // Alias tables answer by labels alone; scene context matters only to a judge.
    return (
      SoftMatching(equivalence: equivalence, sceneContext: judge != nil && !contextFree), judge
    )
  }
}
