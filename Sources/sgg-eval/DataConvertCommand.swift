import ArgumentParser
import Foundation
import SGGCore
import SGGDatasets
import SGGFormats

/// `sgg-eval data convert`: a split of original files → normalized ground-truth JSONL + vocabulary.
struct DataConvertCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "convert",
    abstract: "Write a dataset split as normalized ground-truth JSONL plus its vocabulary JSON.",
    discussion: """
      Loads --split of --dataset from the original files under --root (the published filters \
      applied; docs/datasets.md) and writes one sample per line to --output, in the dataset's \
      order: {"id", "width", "height", "objects": [{"label", "box": [x1, y1, x2, y2]}], \
      "relations": [{"subject", "predicate", "object"}], "video"?, "frame"?}; boxes in \
      original pixels. The dataset's closed label lists go to --vocab-out \
      ({"objects": [...], "predicates": [...]}, dataset index order, no background entry); by \
      default beside the output with .jsonl replaced by .vocab.json (gt.jsonl → \
      gt.vocab.json; other names get .vocab.json appended). Both are what `score --gt --vocab` \
      reads.

      Examples (the first writes vg_test.jsonl and vg_test.vocab.json):
        sgg-eval data convert --dataset vg150 --root vg --split test -o vg_test.jsonl
        sgg-eval data convert --dataset pvsg --root pvsg --split val -o gt.jsonl -v v.json
      """)

  @OptionGroup var source: DatasetArguments

  @Option(name: [.short, .customLong("output")], help: "Ground-truth JSONL to write.")
  var output: String

  @Option(
    name: [.short, .customLong("vocab-out")],
    help: "Vocabulary JSON to write (default: the output name with .jsonl → .vocab.json).")
  var vocabOut: String?

  /// Where the vocabulary goes: `--vocab-out`, else `X.jsonl` → `X.vocab.json`.
  var vocabularyPath: String {
    if let vocabOut { return vocabOut }
    let stem = output.hasSuffix(".jsonl") ? String(output.dropLast(6)) : output
    return stem + ".vocab.json"
  }

  func validate() throws {
    _ = try source.selection()
    guard !output.isEmpty else { throw ValidationError("--output must name a file") }
    guard vocabularyPath != output else {
      throw ValidationError("--vocab-out must differ from --output (\(output))")
    }
    for path in [output, vocabularyPath] { try PathChecks.outputDirectoryExists(for: path) }
  }

  func run() throws {
    let selection = try source.selection()
    let loaded = try selection.load()
    if loaded.samples.isEmpty {
      Console.note("warning: \(selection.label) has no samples after filtering")
    }
    do {
      try GroundTruthWriter.write(loaded.samples, to: URL(fileURLWithPath: output))
    } catch {
      throw CLIError.input("\(output): cannot write: \(error.localizedDescription)")
    }
    do {
      try VocabularyWriter.write(loaded.vocabulary, to: URL(fileURLWithPath: vocabularyPath))
    } catch {
      throw CLIError.input("\(vocabularyPath): cannot write: \(error.localizedDescription)")
    }
    let s = loaded.statistics
    print(s.report)
    print(
      "wrote \(s.samples) samples (\(s.objects) objects, \(s.relations) relations) to \(output)")
    print(
      "wrote vocabulary (\(loaded.vocabulary.objects.count) objects, \(loaded.vocabulary.predicates.count) predicates) to \(vocabularyPath)"
    )
  }
}
