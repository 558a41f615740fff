import ArgumentParser
import Foundation
import SGGCore
import SGGDatasets
import SGGJudge
import SGGMetrics
import SGGVocabulary

/// `--wordnet`: where the open-vocabulary mapping finds WordNet (docs/open-vocabulary.md).
struct OpenVocabularyOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "WordNet 3.0 database folder for open-vocab=r1sgg (Debian's wordnet-base).",
      valueName: "DIR"))
  var wordnet: String = WordNet.debianDirectory

  @Option(
    help: ArgumentHelp(
      "Zero-shot triplets for zR@K / ng-zR@K: the released zeroshot_triplet.pytorch or JSON (docs/datasets.md).",
      valueName: "FILE"))
  var zeroshot: String?

  /// The zero-shot triplets of `--zeroshot` as names (index files resolve through the
  /// vocabulary's VG150 order).
  func zeroShotTriplets(vocabulary: Vocabulary?) throws -> Set<ZeroShotTriplet>? {
    guard let zeroshot else { return nil }
    let names: [ZeroShotTriplet]
    do {
      let list = try ZeroShotTriplets.load(contentsOf: URL(fileURLWithPath: zeroshot))
      let needsClasses = list.entries.contains {
        if case .indices = $0 { return true }
        return false
      }
      if needsClasses, vocabulary?.objects.isEmpty != false {
        throw CLIError.input(
          "\(zeroshot): class indices need the dataset's class lists: give --vocab FILE or --dataset vg150"
        )
      }
      names = try list.names(in: vocabulary ?? Vocabulary(objects: [], predicates: []))
    } catch let error as CLIError {
      throw error
    } catch {
      throw CLIError.input("\(error)")
    }
    return Set(names)
  }

  /// The mapper `options` asks for, with WordNet checked up front (it loads on first use) and
  /// the alias table read for `open-vocab=aliases`.
  func mapper(for options: ScoringProtocol, vocabulary: Vocabulary?, aliases: String?) throws
    -> OpenVocabularyMapper?
  {
    var aliasMapping: AliasMapping?
    let wordNet = LazyWordNet(directory: wordnet)
    switch options.openVocabulary {
    case .none:
      return nil
    case .aliases:
      guard let aliases else {
        throw CLIError.input("open-vocab=aliases needs an alias table: --aliases FILE")
      }
      guard let vocabulary, !vocabulary.objects.isEmpty else {
        throw CLIError.input(
          "open-vocab=aliases maps names onto the vocabulary's classes: give --vocab FILE or --dataset"
        )
      }
      let table: AliasTable
      do {
        table = try AliasTable(contentsOfFile: aliases)
      } catch {
        throw CLIError.input("\(error)")
      }
      aliasMapping = AliasMapping(
        objectGroups: table.objectGroups, predicateGroups: table.predicateGroups,
        vocabulary: vocabulary)
    case .r1sgg:
      do {
        try wordNet.checkFiles()
      } catch {
        throw CLIError.input(
          "\(error)\nprotocol field open-vocab=r1sgg maps names through WordNet 3.0: install Debian's wordnet-base (apt-get install wordnet-base), point --wordnet DIR at its files, or use --set open-vocab=none"
        )
      }
    }
    return OpenVocabularyMapper.forProtocol(
      options, vocabulary: vocabulary, aliases: aliasMapping, synonyms: wordNet)
  }
}
