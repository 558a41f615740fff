import Foundation

/// One `*.exc` file as nltk's `_exception_map[pos]`: an inflected form → its base forms.
///
/// Each line is split on whitespace; the first field is the key and the rest, in order, its
/// base forms. A later line with the same key replaces an earlier one, as in a Python dict.
struct ExceptionList: Sendable {
  private var inflections: ByteStringTable
  /// Per inflection id: (start, count) into `forms`.
  private var entries: [Int32] = []
  /// Per base form: (start, length) into `arena`.
  private var forms: [Int32] = []
  private var arena: [UInt8] = []

  /// Reads `<pos>.exc` (`noun.exc`, `verb.exc`, `adj.exc`, `adv.exc`) from `directory`.
  init(directory: String, partOfSpeech: PartOfSpeech) throws(WordNetError) {
    let data = try DatabaseFile.read(partOfSpeech.fileSuffix + ".exc", in: directory)
    inflections = ByteStringTable(expectedCount: data.count / 12)
    data.withUnsafeBytes { raw in parse(raw.bindMemory(to: UInt8.self)) }
  }

  /// The base forms listed for `form`, or nil when the file has no line for it.
  func baseForms(of form: some Collection<UInt8>) -> [ArraySlice<UInt8>]? {
    guard let id = inflections.id(of: form) else { return nil }
    let start = Int(entries[id * 2])
    return (start..<start + Int(entries[id * 2 + 1])).map { index in
      let formStart = Int(forms[index * 2])
      return arena[formStart..<formStart + Int(forms[index * 2 + 1])]
    }
  }

  private mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>) {
    var lineStart = 0
    while lineStart < bytes.count {
      let lineEnd = WhitespaceTokens.lineEnd(in: bytes, from: lineStart)
      defer { lineStart = lineEnd + 1 }
      var tokens = WhitespaceTokens(bytes, lineStart..<lineEnd)
      // nltk fails on a blank line (`terms[0]`); there is nothing to file from one.
      guard let key = tokens.next() else { continue }
      let first = forms.count / 2
      while let field = tokens.next() {
        forms.append(Int32(arena.count))
        forms.append(Int32(field.count))
        arena.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[field]))
      }
      let id = inflections.insert(UnsafeBufferPointer(rebasing: bytes[key]))
      if id * 2 == entries.count {
        entries.append(contentsOf: [0, 0])
      }
      entries[id * 2] = Int32(first)
      entries[id * 2 + 1] = Int32(forms.count / 2 - first)
    }
  }
}
