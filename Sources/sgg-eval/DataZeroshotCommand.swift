import ArgumentParser
import Foundation
import SGGCore
import SGGDatasets

/// `sgg-eval data zeroshot`: the zero-shot triplet list zR@K needs, derived from a dataset's
/// splits or converted from Kaihua Tang's released `zeroshot_triplet.pytorch`.
struct DataZeroshotCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "zeroshot",
    abstract: "Write the zero-shot triplets (test triplets never seen in train) as JSON.",
    discussion: """
      Loads --split (default test) and --train-split (default train) of --dataset from the \
      original files under --root, with the same filters as `data convert`, and writes every \
      (subject, predicate, object) of the first split's ground truth that never occurs in the \
      second's, deduplicated, in first-seen order: {"triplets": [["man", "riding", "horse"], \
      ...]} (docs/datasets.md, "Zero-shot triplets"). The count goes to stderr; the JSON to \
      --output, or stdout without it.

      The VG150 train split keeps one random predicate per (subject, object) pair, as \
      Scene-Graph-Benchmark's train loader does for one epoch (how Kaihua Tang collected the \
      train triplets); --all-train-predicates keeps every annotated predicate instead.

      --from converts a released zeroshot_triplet.pytorch (or a JSON list) to the same name \
      form, resolving its 1-based indices with the VG150 class lists under --root \
      (VG-SGG-dicts*.json; the h5 is not read).

      Examples:
        sgg-eval data zeroshot --dataset vg150 --root vg -o vg150_zeroshot.json
        sgg-eval data zeroshot --from zeroshot_triplet.pytorch --root vg -o zs.json
      """)

  @OptionGroup var source: DatasetArguments

  @Option(
    name: .customLong("train-split"),
    help: "The split whose triplets count as seen (default: train).")
  var trainSplit: String?

  @Flag(
    help: "Keep every annotated train predicate per pair (no random one-per-pair train filter).")
  var allTrainPredicates = false

  @Option(
    help: ArgumentHelp(
      "Convert a released list (.pytorch, or JSON) instead of deriving one (VG150 only).",
      valueName: "file"))
  var from: String?

  @Option(
    name: [.short, .customLong("output")], help: "JSON file to write (default: stdout).")
  var output: String?

  /// The split to take triplets from (`--split`, default test).
  var testSplitName: String { source.split ?? DatasetSplit.test.rawValue }
  /// The split whose triplets are seen (`--train-split`, default train).
  var trainSplitName: String { trainSplit ?? DatasetSplit.train.rawValue }

  func validate() throws {
    if let output {
      guard !output.isEmpty else { throw ValidationError("--output must name a file") }
      try PathChecks.outputDirectoryExists(for: output)
    }
    if let from {
      guard source.split == nil, trainSplit == nil, !allTrainPredicates, source.frameList == nil
      else {
        throw ValidationError(
          "--from converts a released list; --split, --train-split, --all-train-predicates "
            + "and --frame-list apply only when deriving one")
      }
      guard (source.dataset ?? DatasetKind.vg150.rawValue).lowercased() == "vg150" else {
        throw ValidationError(
          "--from reads Kaihua Tang's VG150 list (1-based VG150 class indices); use "
            + "--dataset vg150 or leave --dataset out")
      }
      guard FileManager.default.fileExists(atPath: from) else {
        throw ValidationError("--from \(from): no such file")
      }
      _ = try vg150Root()
      return
    }
    _ = try selection(testSplitName)
    _ = try selection(trainSplitName)
  }

  /// `--root` for `--from`, checked to be a directory.
  func vg150Root() throws -> URL {
    guard let root = source.root else {
      throw ValidationError("--root is required: the directory holding VG-SGG-dicts*.json")
    }
    return try PathChecks.directory(root, option: "--root")
  }

  /// The dataset arguments with `--split` replaced by `split`, validated.
  func selection(_ split: String) throws -> DatasetArguments.Selection {
    var arguments = source
    arguments.split = split
    return try arguments.selection()
  }

  func run() throws {
    let triplets: [ZeroShotTriplet]
    let origin: String
    if let from {
      do {
        let vocabulary = try DatasetLoader.vg150Vocabulary(root: try vg150Root())
        triplets = try ZeroShotTriplets.load(contentsOf: URL(fileURLWithPath: from))
          .names(in: vocabulary)
      } catch let error as ValidationError {
        throw error
      } catch {
        throw CLIError.input("\(error)")
      }
      origin = "read from \(from)"
    } else {
      var train = try selection(trainSplitName)
      if allTrainPredicates {
        train.options.vg150.filterDuplicateRelations = false
        train.options.psg.deduplicateRelations = false
      }
      let test = try selection(testSplitName)
      let seen = try train.load()
      let evaluated = try test.load()
      triplets = ZeroShotTriplets.derive(train: seen.samples, test: evaluated.samples)
      origin = "\(test.split.rawValue) triplets never seen in \(train.split.rawValue)"
    }
    let text = ZeroShotTriplets.jsonText(triplets)
    if let output {
      do {
        try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
      } catch {
        throw CLIError.input("\(output): cannot write: \(error.localizedDescription)")
      }
    } else {
      print(text, terminator: "")
    }
    Console.note("\(triplets.count) zero-shot triplets (\(origin))")
    if let output { Console.note("wrote \(output)") }
  }
}
