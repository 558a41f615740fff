import ArgumentParser
import Foundation
import SGGCore
import SGGDatasets
import SGGReports

/// `sgg-eval data inspect`: what a split holds and what each filter removed.
struct DataInspectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "inspect",
    abstract: "Count a dataset split's samples, objects, relations, classes and filtered items.",
    discussion: """
      Loads --split of --dataset from --root exactly as `data convert` and `score --dataset` do \
      and prints the counts: candidate images (frames) before filtering, samples kept, videos \
      (PVSG, AG), objects, relations, the vocabulary sizes and how many classes occur, and \
      every filter with the number of items it removed, in the order applied. Compare them \
      with the published counts in docs/datasets.md.

      Examples:
        sgg-eval data inspect --dataset vg150 --root vg --split test
        sgg-eval data inspect --dataset ag --root ag --split test --json
      """)

  @OptionGroup var source: DatasetArguments

  @Flag(help: "Print one JSON object (keys in docs/datasets.md) instead of text.")
  var json = false

  func validate() throws {
    _ = try source.selection()
  }

  func run() throws {
    let selection = try source.selection()
    let loaded = try selection.load()
    let s = loaded.statistics
    let present = Vocabulary.observed(in: loaded.samples)
    let unit = loaded.kind == .pvsg || loaded.kind == .ag ? "frames" : "images"
    if json {
      var pairs: [(String, JSONOutput)] = [
        ("dataset", .string(s.dataset.rawValue)), ("split", .string(s.split.rawValue)),
        ("root", .string(selection.root.path)), ("sample_unit", .string(unit)),
        ("candidates", .integer(s.candidates)), ("samples", .integer(s.samples)),
      ]
      if let v = s.videos { pairs.append(("videos", .integer(v))) }
      pairs += [
        ("objects", .integer(s.objects)), ("relations", .integer(s.relations)),
        ("object_classes", .integer(s.objectClasses)),
        ("predicate_classes", .integer(s.predicateClasses)),
        ("object_classes_present", .integer(present.objects.count)),
        ("predicate_classes_present", .integer(present.predicates.count)),
        (
          "dropped",
          .array(
            s.dropped.map {
              .object([
                ("filter", .string($0.filter)), ("count", .integer($0.count)),
                ("unit", .string($0.unit)),
              ])
            })
        ),
        ("notes", .array(s.notes.map { .string($0) })),
      ]
      print(JSONOutput.object(pairs).rendered())
    } else {
      print(s.report)
      print(
        "  present:    \(present.objects.count) object classes, \(present.predicates.count) predicates occur in the \(unit)"
      )
    }
  }
}
