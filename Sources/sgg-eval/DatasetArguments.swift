import ArgumentParser
import Foundation
import SGGDatasets

/// `--dataset`, `--root`, `--split` (and PVSG's `--frame-list`): which original download to read.
///
/// All are optional here so `score` can offer them as the alternative to `--gt`; ``selection()``
/// enforces that the three come together.
struct DatasetArguments: ParsableArguments {
  @Option(help: "Dataset: vg150, psg, pvsg or ag.")
  var dataset: String?

  @Option(help: "Directory holding the dataset's original files (docs/datasets.md lists them).")
  var root: String?

  @Option(
    help:
      "Split: vg150 train|val|test, psg train|test, pvsg train|val (test = val), ag train|test.")
  var split: String?

  @Option(
    help: ArgumentHelp(
      "PVSG only: keep the frames listed in FILE (ids <video>_<frame:04d>, or JSONL with image_id).",
      valueName: "file"))
  var frameList: String?

  /// True when any of the options was given.
  var isGiven: Bool { dataset != nil || root != nil || split != nil || frameList != nil }

  /// What to load, validated.
  struct Selection {
    var kind: DatasetKind
    var root: URL
    var split: DatasetSplit
    var options: DatasetOptions

    /// `vg150:test`, the file name issues and the store show for this source.
    var label: String { "\(kind.rawValue):\(split.rawValue)" }
  }

  /// Checks the options and resolves them; every failure is a usage error naming the option.
  func selection() throws -> Selection {
    let names = DatasetKind.allCases.map(\.rawValue).joined(separator: ", ")
    guard let dataset else { throw ValidationError("--dataset is required (one of \(names))") }
    guard let kind = DatasetKind(rawValue: dataset.lowercased()) else {
      throw ValidationError("--dataset must be one of \(names), not '\(dataset)'")
    }
    let splits = kind.splits.map(\.rawValue).joined(separator: ", ")
    guard let split else {
      throw ValidationError("--split is required (\(kind.rawValue): \(splits))")
    }
    guard let s = DatasetSplit(rawValue: split.lowercased()), kind.splits.contains(s) else {
      throw ValidationError("\(kind.rawValue) has no '\(split)' split (available: \(splits))")
    }
    guard let root else {
      throw ValidationError("--root is required: the directory holding \(kind.rawValue)'s files")
    }
    let rootURL = try PathChecks.directory(root, option: "--root")
    var options = DatasetOptions()
    if let frameList {
      guard kind == .pvsg else { throw ValidationError("--frame-list applies to pvsg only") }
      guard FileManager.default.fileExists(atPath: frameList) else {
        throw ValidationError("--frame-list \(frameList): no such file")
      }
      options.pvsg.frameList = URL(fileURLWithPath: frameList)
    }
    return Selection(
      kind: kind, root: rootURL, split: s, options: options)
  }
}

extension DatasetArguments.Selection {
  /// Loads the split, with a progress line on stderr for long loads; load errors (they name
  /// the file) become input errors.
  func load() throws -> LoadedDataset {
    Console.note("loading \(label) from \(root.path)")
    let started = Date()
    let line = ProgressLine()
    do {
      let loaded = try DatasetLoader.load(
        kind: kind, root: root, split: split, options: options, progress: line.update)
      Console.note(
        "loaded \(loaded.samples.count) samples in \(String(format: "%.3f", Date().timeIntervalSince(started))) s"
      )
      return loaded
    } catch {
      line.abandon()
      throw CLIError.input("\(error)")
    }
  }
}
