import Foundation
import Testing

@testable import SGGVocabulary

/// Each rule of R1-SGG's gather step (open-vocabulary.md), worked by hand from the spec and
/// R1-SGG's tables, through the real WordNet 3.0 files.
@Suite(
  .enabled(
    if: FileManager.default.fileExists(atPath: WordNet.debianDirectory + "/index.noun"),
    "Debian's wordnet-base is not installed in /usr/share/wordnet (apt-get install wordnet-base)"))
struct R1SGGMappingTests {
  static let wordNet = LazyWordNet()
  let vg = R1SGGNameMapper(branch: .vg150, synonyms: Self.wordNet)
  let psg = R1SGGNameMapper(branch: .psg, synonyms: Self.wordNet)

  @Test func tablesHaveTheSizesOfThePinnedCommit() {
    #expect(R1SGGTables.vg150.objects.count == 118)
    #expect(R1SGGTables.vg150.predicates.count == 248)
    #expect(R1SGGTables.vg150.passive.count == 36)
    #expect(R1SGGTables.psg.objects.count == 44)
    #expect(R1SGGTables.psg.predicates.isEmpty)
    #expect(R1SGGTables.vg150.objectClasses.count == 150)
    #expect(R1SGGTables.vg150.predicateClasses.count == 50)
    #expect(R1SGGTables.psg.objectClasses.count == 133)
    #expect(R1SGGTables.psg.predicateClasses.count == 56)
    // The gather step refines PSG object classes, not its predicates.
    #expect(R1SGGTables.psg.objectClasses.contains("tree merged"))
  }

  @Test func classesStayAndTablesMap() throws {
    #expect(try vg.object("man") == NameMapping(target: "man", path: .exact))
    #expect(try vg.object("wine bottle") == NameMapping(target: "bottle", path: .table))
    #expect(try vg.object("street sign") == NameMapping(target: "sign", path: .table))
  }

  /// WordNet's first sense and first target lemma (open-vocabulary.md step 4).
  @Test(arguments: [
    ("hands", "men"), ("bikes", "motorcycle"), ("kitty", "pot"), ("grass", "pot"),
    ("wall", "fence"), ("home", "plate"), ("dish", "bag"), ("stool", "toilet"), ("mitt", "hand"),
  ])
  func wordNetLandsOnSurprisingClasses(_ name: String, _ target: String) throws {
    #expect(try vg.object(name) == NameMapping(target: target, path: .wordnetWord))
  }

  @Test(arguments: ["puppy", "sofa", "mug", "tv", "sky", "road"])
  func everydayNamesAreDropped(_ name: String) throws {
    #expect(try vg.object(name).target == nil)
  }

  /// Phrases go word by word; the first word that maps wins; `split()` eats runs of spaces.
  @Test func phrasesMapWordByWord() throws {
    #expect(try vg.object("orange truck") == NameMapping(target: "orange", path: .wordnetPhrase))
    #expect(try vg.object("little girl") == NameMapping(target: "short", path: .wordnetPhrase))
    // Two spaces: not the table's "street sign" key, so WordNet's phrase rule gives "street".
    #expect(try vg.object("street  sign") == NameMapping(target: "street", path: .wordnetPhrase))
    #expect(try vg.predicate("is looking at").target == "at")
    #expect(try vg.predicate("standing next to").target == "to")
  }

  /// The category of "arm .2" is "arm " (only the whole id is stripped): nothing matches it.
  @Test func untrimmedCategoryIsDropped() throws {
    #expect(try vg.object("arm ").target == nil)
    // "Beer Glass .8" → "beer glass ": not the table's key, but the phrase rule still finds glass.
    #expect(try vg.object("beer glass ") == NameMapping(target: "glass", path: .wordnetPhrase))
    #expect(try vg.object("beer glass") == NameMapping(target: "glass", path: .table))
  }

  @Test func passivePredicatesSwapOnce() throws {
    let placed = try vg.predicate("placed on")
    #expect(placed.passive == PassiveRewrite(target: "placing on", swapsEndpoints: true))
    #expect(placed.target == "on")
    let worn = try vg.predicate("worn by")
    #expect(worn.swapsEndpoints && worn.target == "wearing" && worn.path == .exact)
    // Flags copied as the anchor has them.
    #expect(try vg.predicate("is surrounded by").swapsEndpoints)
    #expect(try !vg.predicate("surrounded by").swapsEndpoints)
  }

  @Test func relationTableIgnoresDirectionAndBlocksWordNet() throws {
    let contains = try vg.predicate("contains")
    #expect(contains == PredicateMapping(target: "in", path: .table))
    #expect(!contains.swapsEndpoints)
    // "is wearing" has a table entry whose target is no VG150 predicate: dropped, although
    // WordNet alone would find "wearing" through the phrase rule.
    #expect(try vg.predicate("is wearing") == PredicateMapping(target: nil, path: .table))
    let finder = SynonymFinder(source: Self.wordNet)
    #expect(
      try finder.find("is wearing", in: Set(R1SGGTables.vg150.predicateClasses))?.target
        == "wearing")
  }

  /// "located" is in both tables: the passive entry ("locating", swapped) wins, and the result is
  /// no predicate.
  @Test func locatedIsDropped() throws {
    let located = try vg.predicate("located")
    #expect(located.passive?.target == "locating")
    #expect(located.target == nil)
  }

  /// PSG: objects are looked up against the PREDICATES (the anchor's bug); only classes that
  /// WordNet leaves alone and table keys whose target is a class survive.
  @Test func psgBranchSearchesThePredicateList() throws {
    #expect(try psg.object("person") == NameMapping(target: "person", path: .exact))
    #expect(try psg.object("tree") == NameMapping(target: "tree merged", path: .table))
    // A table target that is not a PSG class drops the object.
    let sneakerKey = try #require(R1SGGTables.psg.objects.first { $0.value == "sneaker" }?.key)
    #expect(try psg.object(sneakerKey) == NameMapping(target: nil, path: .table))
    // "car" is a PSG class and no predicate has it as a lemma: kept by the last rule.
    #expect(try psg.object("car") == NameMapping(target: "car", path: .exact))
    #expect(try psg.object("man") == NameMapping(target: "person", path: .table))
    // "shirt" is a VG150 class but no PSG class nor table key, and WordNet searches predicates.
    #expect(try psg.object("shirt") == NameMapping(target: nil, path: .unmapped))
    // "inch" has the lemma "in", a PSG predicate: the bug maps an object onto a predicate, which
    // is no object class, so it is dropped.
    #expect(try psg.object("inch") == NameMapping(target: nil, path: .wordnetWord))
    // PSG has no relation table: WordNet maps predicates directly.
    #expect(try psg.predicate("on") == PredicateMapping(target: "on", path: .exact))
  }
}
