import Foundation

/// One `data.<pos>` file, mapped into memory, from which synset lines are parsed on demand.
///
/// Only the fields nltk needs for ``Synset`` are read: the offset, the synset type and the
/// words. Parsing one line costs microseconds, so nothing is cached and the value stays
/// immutable (and thread-safe).
struct SynsetDataFile: Sendable {
  let partOfSpeech: PartOfSpeech
  private let bytes: Data

  /// Maps `data.noun`, `data.verb`, `data.adj` or `data.adv` from `directory`.
  init(directory: String, partOfSpeech: PartOfSpeech) throws(WordNetError) {
    self.partOfSpeech = partOfSpeech
    bytes = try DatabaseFile.read("data." + partOfSpeech.fileSuffix, in: directory, mapped: true)
  }

  /// The synset whose line starts at byte `offset`, as nltk's `synset_from_pos_and_offset`.
  ///
  /// nil when the line there does not begin with `offset` as eight digits, which nltk also
  /// checks (it then warns and yields `None`), or when the line lacks the fields nltk would
  /// read (nltk raises); neither happens with intact WordNet 3.0 files.
  func synset(at offset: Int) -> Synset? {
    bytes.withUnsafeBytes { raw in
      parse(raw.bindMemory(to: UInt8.self), at: offset)
    }
  }

  private func parse(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Synset? {
    guard offset >= 0, offset + 8 <= bytes.count, Self.startsWith(bytes, offset) else {
      return nil
    }
    var end = WhitespaceTokens.lineEnd(in: bytes, from: offset)
    // The fields end at the gloss separator (nltk: `line.strip().split("|")`).
    if let bar = (offset..<end).first(where: { bytes[$0] == UInt8(ascii: "|") }) {
      end = bar
    }
    var tokens = WhitespaceTokens(bytes, offset..<end)
    guard tokens.next() != nil, tokens.next() != nil, let type = tokens.next(),
      let countField = tokens.next(),
      let wordCount = WhitespaceTokens.hexadecimal(bytes, countField)
    else { return nil }
    var names: [String] = []
    names.reserveCapacity(wordCount)
    for _ in 0..<wordCount {
      guard let word = tokens.next(), tokens.next() != nil else { return nil }
      names.append(String(decoding: Self.stripMarker(bytes, word), as: UTF8.self))
    }
    let isSatellite = type.count == 1 && bytes[type.lowerBound] == UInt8(ascii: "s")
    return Synset(
      partOfSpeech: partOfSpeech, offset: offset, isAdjectiveSatellite: isSatellite,
      lemmaNames: names)
  }

  /// nltk's check that the line at `offset` is that synset's: its first eight characters are
  /// `offset` zero-padded to eight digits.
  private static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
    var value = offset
    for position in stride(from: offset + 7, through: offset, by: -1) {
      guard bytes[position] == UInt8(ascii: "0") + UInt8(value % 10) else { return false }
      value /= 10
    }
    return value == 0
  }

  /// The word without a trailing syntactic marker such as `(a)`, `(p)` or `(ip)`: nltk's
  /// `re.match(r"(.*?)(\([^()]*\))?$", name)` keeps everything before a final parenthesised
  /// group that holds no other parenthesis.
  private static func stripMarker(_ bytes: UnsafeBufferPointer<UInt8>, _ word: Range<Int>)
    -> UnsafeBufferPointer<UInt8>
  {
    let whole = UnsafeBufferPointer(rebasing: bytes[word])
    guard whole.last == UInt8(ascii: ")") else { return whole }
    var position = whole.count - 2
    while position >= 0 {
      switch whole[position] {
      case UInt8(ascii: "("): return UnsafeBufferPointer(rebasing: whole[..<position])
      case UInt8(ascii: ")"): return whole
      default: position -= 1
      }
    }
    return whole
  }
}
