import Foundation

/// The entries of a zip archive whose members are stored uncompressed, as `torch.save`
/// (torch ≥ 1.6) writes them: enough to find `archive/data.pkl` and `archive/data/<key>`.
///
/// Reads the end-of-central-directory record and the central directory, then each entry's
/// local header for where its bytes start. Compressed entries and zip64 archives (written by
/// torch only past 4 GiB or 65,535 entries) are reported as unsupported, not guessed at.
struct StoredZipArchive {
  struct Entry {
    var name: String
    /// Byte range of the entry's data within the archive.
    var data: Range<Int>
  }

  let path: String
  private(set) var entries: [Entry] = []

  /// True when `data` starts with a local file header (`PK\u{3}\u{4}`).
  static func looksLikeZip(_ data: Data) -> Bool {
    data.count >= 4 && data.prefix(4).elementsEqual([0x50, 0x4B, 0x03, 0x04])
  }

  init(_ data: Data, path: String) throws {
    self.path = path
    entries = try data.withUnsafeBytes { try Self.readEntries($0, path: path) }
  }

  /// The entry named `name`, if any.
  func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

  private static func readEntries(_ bytes: UnsafeRawBufferPointer, path: String) throws
    -> [Entry]
  {
    func malformed(_ detail: String) -> DatasetError {
      .malformed(path: path, detail: "zip archive: \(detail)")
    }
    func uint(_ at: Int, _ width: Int) throws -> Int {
      guard at >= 0, at + width <= bytes.count else {
        throw malformed("record at byte \(at) runs past the end of the file (truncated?)")
      }
      var v = 0
      for k in stride(from: width - 1, through: 0, by: -1) { v = v << 8 | Int(bytes[at + k]) }
      return v
    }
    // The end-of-central-directory record is 22 bytes plus a comment of up to 65,535 bytes.
    let minimum = 22
    guard bytes.count >= minimum else { throw malformed("file too short for a zip archive") }
    var eocd = -1
    var at = bytes.count - minimum
    let lowest = max(0, bytes.count - minimum - 65_535)
    while at >= lowest {
      if try uint(at, 4) == 0x0605_4B50 {
        eocd = at
        break
      }
      at -= 1
    }
    guard eocd >= 0 else {
      throw malformed("no end-of-central-directory record (truncated?)")
    }
    let count = try uint(eocd + 10, 2)
    let directorySize = try uint(eocd + 12, 4)
    let directoryOffset = try uint(eocd + 16, 4)
    if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
      throw DatasetError.unsupported(path: path, feature: "zip64 archive")
    }
    var entries: [Entry] = []
    var p = directoryOffset
    for _ in 0..<count {
      guard try uint(p, 4) == 0x0201_4B50 else {
        throw malformed("central directory entry at byte \(p) has a bad signature")
      }
      let method = try uint(p + 10, 2)
      let compressedSize = try uint(p + 20, 4)
      let nameLength = try uint(p + 28, 2)
      let extraLength = try uint(p + 30, 2)
      let commentLength = try uint(p + 32, 2)
      let localOffset = try uint(p + 42, 4)
      guard p + 46 + nameLength <= bytes.count else {
        throw malformed("central directory entry at byte \(p) runs past the end of the file")
      }
      let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
      guard compressedSize != 0xFFFF_FFFF, localOffset != 0xFFFF_FFFF else {
        throw DatasetError.unsupported(path: path, feature: "zip64 entry '\(name)'")
      }
      guard method == 0 else {
        throw DatasetError.unsupported(
          path: path,
          feature:
            "compressed zip entry '\(name)' (method \(method)); torch.save stores entries "
            + "uncompressed, so re-save the tensor with torch.save")
      }
      guard try uint(localOffset, 4) == 0x0403_4B50 else {
        throw malformed("local header of '\(name)' at byte \(localOffset) has a bad signature")
      }
      let start =
        localOffset + 30 + (try uint(localOffset + 26, 2)) + (try uint(localOffset + 28, 2))
      guard start + compressedSize <= bytes.count else {
        throw malformed(
          "entry '\(name)' needs bytes \(start)..<\(start + compressedSize) but the file has "
            + "\(bytes.count) (truncated?)")
      }
      entries.append(Entry(name: name, data: start..<(start + compressedSize)))
      p += 46 + nameLength + extraLength + commentLength
    }
    return entries
  }
}
