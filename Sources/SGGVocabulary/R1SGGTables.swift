import Foundation
import SGGCore

/// Which of R1-SGG's two gather branches a mapping follows (open-vocabulary.md).
public enum OpenVocabularyBranch: String, Hashable, Sendable, Codable, CaseIterable {
  /// `sgg_gather_preds.py vg`: `obj2vg_list`, `rel2vg_list`, WordNet against the 150 classes.
  case vg150
  /// `sgg_gather_preds.py psg`: `obj2psg_list`, no relation table, and WordNet for objects
  /// searching the PREDICATE list (the anchor's bug, eval-protocols.md §2.3).
  case psg
}

/// One passive-to-active entry of `pass2act_list`.
public struct PassiveRewrite: Hashable, Sendable {
  /// The active predicate that replaces the written one.
  public var target: String
  /// Subject and object are exchanged (`passive == 1`; the flags are copied as the anchor has
  /// them, inconsistencies included).
  public var swapsEndpoints: Bool
}

/// R1-SGG's static mapping tables and class lists for one branch, read from the embedded data
/// files (gpt4vision/R1-SGG e4de64d `src/vg_synonyms.py`, `src/psg_categories.json`; each file
/// in `Tables/` names its source).
public struct R1SGGTables: Sendable {
  public let branch: OpenVocabularyBranch
  /// Object name → class (`obj2vg_list` or `obj2psg_list`); targets need not be classes.
  public let objects: [String: String]
  /// Predicate → predicate (`rel2vg_list`; empty for PSG, as the gather step has it).
  public let predicates: [String: String]
  /// `pass2act_list`, shared by both branches.
  public let passive: [String: PassiveRewrite]
  /// The branch's object classes as the gather step compares them (PSG names refined).
  public let objectClasses: [String]
  /// The branch's predicates without `__background__`.
  public let predicateClasses: [String]

  /// The VG150 branch.
  public static let vg150 = R1SGGTables(branch: .vg150)
  /// The PSG branch.
  public static let psg = R1SGGTables(branch: .psg)

  /// Tables for `branch`.
  public static func tables(for branch: OpenVocabularyBranch) -> R1SGGTables {
    branch == .vg150 ? vg150 : psg
  }

  private init(branch: OpenVocabularyBranch) {
    self.branch = branch
    passive = Dictionary(
      Self.entries("pass2act.json", PassiveEntry.self).map {
        ($0.source, PassiveRewrite(target: $0.target, swapsEndpoints: $0.passive == 1))
      }, uniquingKeysWith: { _, last in last })
    switch branch {
    case .vg150:
      objects = Self.pairs("obj2vg.json")
      predicates = Self.pairs("rel2vg.json")
      let lists = Self.entries("vg150_classes.json", ClassLists.self)[0]
      objectClasses = lists.objects.filter { $0 != "__background__" }
      predicateClasses = lists.predicates.filter { $0 != "__background__" }
    case .psg:
      objects = Self.pairs("obj2psg.json")
      predicates = [:]
      let lists = Self.entries("psg_classes.json", ClassLists.self)[0]
      // The gather step refines PSG object classes ("tree-merged" → "tree merged") but not its
      // predicates.
      objectClasses = lists.objects.map(LabelNormalizer.refine)
      predicateClasses = lists.predicates
    }
  }

  private struct PairEntry: Decodable {
    var source: String
    var target: String
  }

  private struct PassiveEntry: Decodable {
    var source: String
    var target: String
    var passive: Int
  }

  private struct ClassLists: Decodable {
    var objects: [String]
    var predicates: [String]
  }

  private struct TableFile<Entry: Decodable>: Decodable {
    var entries: [Entry]
  }

  /// `{e['source']: e['target'] for e in list}`: a repeated source keeps its last target.
  private static func pairs(_ file: String) -> [String: String] {
    Dictionary(
      entries(file, PairEntry.self).map { ($0.source, $0.target) },
      uniquingKeysWith: { _, last in last })
  }

  private static func entries<Entry: Decodable>(_ file: String, _: Entry.Type) -> [Entry] {
    // The files are part of the build: a decoding failure is a packaging bug, not user input.
    do {
      let bytes = SGGVocabularyModule.tableFiles[file] ?? []
      return try JSONDecoder().decode(TableFile<Entry>.self, from: Data(bytes)).entries
    } catch {
      preconditionFailure("embedded table \(file) does not decode: \(error)")
    }
  }
}
