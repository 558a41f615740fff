import Foundation

/// The four index files as nltk's `_lemma_pos_offset_map`: lemma → part of speech → synset
/// offsets in file order.
///
/// Like `_load_lemma_pos_offset_map`, a line is filed under the part of speech its second field
/// names, lines starting with a space (the license header) are skipped, and a later line for the
/// same lemma and part of speech replaces an earlier one. The files are read in nltk's order
/// (adj, adv, noun, verb) so that even that replacement happens as in nltk.
struct LemmaIndex: Sendable {
  private var lemmas = ByteStringTable(expectedCount: 160_000)
  /// Per lemma id, four (start, count) pairs into `offsets`, one per part of speech in
  /// `PartOfSpeech.allCases` order; count 0 means the lemma has no line for that part of speech.
  private var ranges: [Int32] = []
  private var offsets: [Int32] = []

  /// Reads `index.adj`, `index.adv`, `index.noun` and `index.verb` from `directory`.
  init(directory: String) throws(WordNetError) {
    ranges.reserveCapacity(160_000 * 8)
    offsets.reserveCapacity(220_000)
    for pos in [PartOfSpeech.adjective, .adverb, .noun, .verb] {
      let name = "index." + pos.fileSuffix
      let data = try DatabaseFile.read(name, in: directory)
      let failure = data.withUnsafeBytes { raw in
        parse(raw.bindMemory(to: UInt8.self), path: directory + "/" + name)
      }
      if let failure { throw failure }
    }
  }

  /// The id of `lemma` (any part of speech), or nil when no index line names it.
  func id(of lemma: some Collection<UInt8>) -> Int? {
    lemmas.id(of: lemma)
  }

  /// Whether lemma `id` has an index line for `pos` (nltk: `pos in map[lemma]`).
  func has(_ id: Int, _ pos: PartOfSpeech) -> Bool {
    ranges[id * 8 + pos.index * 2 + 1] > 0
  }

  /// The synset offsets of lemma `id` under `pos`, in index line order; empty without a line.
  func offsets(of id: Int, _ pos: PartOfSpeech) -> ArraySlice<Int32> {
    let start = Int(ranges[id * 8 + pos.index * 2])
    return offsets[start..<start + Int(ranges[id * 8 + pos.index * 2 + 1])]
  }

  /// The lemma `id` as written in the index (lower case, underscores for spaces).
  func lemma(_ id: Int) -> String {
    String(decoding: lemmas.key(id), as: UTF8.self)
  }

  /// Adds every line of one index file; returns the first malformed line's error.
  private mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) -> WordNetError? {
    var lineStart = 0
    var lineNumber = 0
    while lineStart < bytes.count {
      let lineEnd = WhitespaceTokens.lineEnd(in: bytes, from: lineStart)
      lineNumber += 1
      defer { lineStart = lineEnd + 1 }
      if bytes[lineStart] == UInt8(ascii: " ") { continue }
      if let reason = parseLine(bytes, lineStart..<lineEnd) {
        return .malformedIndexLine(path: path, line: lineNumber, reason: reason)
      }
    }
    return nil
  }

  /// Files one index line (wndb(5): `lemma pos synset_cnt p_cnt [ptr_symbol...] sense_cnt
  /// tagsense_cnt synset_offset...`), or says what is wrong with it, checking what nltk checks.
  private mutating func parseLine(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>)
    -> String?
  {
    var tokens = WhitespaceTokens(bytes, line)
    guard let lemma = tokens.next(), let posField = tokens.next() else {
      return "fewer than two fields"
    }
    guard let synsetCountField = tokens.next(),
      let synsetCount = WhitespaceTokens.decimal(bytes, synsetCountField), synsetCount > 0
    else { return "synset_cnt is not a positive integer" }
    guard let pointerCountField = tokens.next(),
      let pointerCount = WhitespaceTokens.decimal(bytes, pointerCountField)
    else { return "p_cnt is not an integer" }
    for _ in 0..<pointerCount where tokens.next() == nil {
      return "fewer pointer symbols than p_cnt"
    }
    guard let senseCountField = tokens.next(),
      WhitespaceTokens.decimal(bytes, senseCountField) == synsetCount
    else { return "sense_cnt differs from synset_cnt" }
    guard tokens.next() != nil else { return "no tagsense_cnt" }
    let firstOffset = offsets.count
    for _ in 0..<synsetCount {
      guard let field = tokens.next(), let offset = WhitespaceTokens.decimal(bytes, field),
        offset <= Int(Int32.max)
      else {
        offsets.removeSubrange(firstOffset...)
        return "fewer than synset_cnt synset offsets"
      }
      offsets.append(Int32(offset))
    }
    // nltk files a line under any part-of-speech string; only n, v, a and r can be looked up.
    guard posField.count == 1, let pos = PartOfSpeech(indexByte: bytes[posField.lowerBound])
    else {
      offsets.removeSubrange(firstOffset...)
      return nil
    }
    let id = lemmas.insert(UnsafeBufferPointer(rebasing: bytes[lemma]))
    if id * 8 == ranges.count {
      ranges.append(contentsOf: repeatElement(0, count: 8))
    }
    ranges[id * 8 + pos.index * 2] = Int32(firstOffset)
    ranges[id * 8 + pos.index * 2 + 1] = Int32(synsetCount)
    return nil
  }
}
