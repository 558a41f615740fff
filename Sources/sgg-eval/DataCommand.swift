import ArgumentParser

/// `sgg-eval data`: the benchmarks' original files, converted or inspected.
struct DataCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "data",
    abstract: "Convert or inspect a benchmark's original files (VG150, PSG, PVSG, Action Genome).",
    discussion: """
      The loaders read the released files under --root by their standard names and reproduce \
      the published evaluation sets (index bases, box decoding, splits and filters are listed \
      in docs/datasets.md).

      Examples:
        sgg-eval data inspect --dataset vg150 --root vg --split test
        sgg-eval data convert --dataset psg --root psg --split test -o psg_test.jsonl
        sgg-eval data zeroshot --dataset vg150 --root vg -o vg150_zeroshot.json
        sgg-eval score preds.jsonl --dataset psg --root psg --split test
      """,
    subcommands: [DataConvertCommand.self, DataInspectCommand.self, DataZeroshotCommand.self])
}
