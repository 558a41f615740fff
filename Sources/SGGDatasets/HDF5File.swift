import Foundation

/// A reader for the subset of HDF5 that h5py writes with default settings
/// (`create_dataset(name, data=...)`, libver "earliest"), which is what the released VG150
/// files use (datasets.md §5.1b):
///
/// - superblock version 0 or 1 with 8-byte offsets and lengths (a user block is allowed);
/// - version-1 object headers with continuation blocks;
/// - an old-style root group (symbol-table message → v1 B-tree → symbol nodes + local heap);
/// - dataspace messages v1/v2, datatypes fixed-point (class 0) or enum over fixed-point
///   (class 8, h5py's bool), layout message v3 contiguous or compact, no filters.
///
/// Anything else (chunked or compressed datasets, v2 object headers, new-style groups, floats)
/// raises ``DatasetError/unsupported(path:feature:)`` naming the feature, never a crash.
/// Dataset bytes are read as one contiguous range (no per-element decoding when the stored
/// type already matches the requested one), which keeps the full 1.1 M-box file well under a
/// second.
public struct HDF5File: Sendable {
  /// The file path, used in error messages.
  public let path: String
  private let bytes: Data
  private let base: Int
  /// Root-group member names → object header addresses, in B-tree (name) order.
  private let members: [(name: String, address: Int)]

  /// Opens and indexes the root group of the file at `url` (memory-mapped).
  public init(contentsOf url: URL) throws {
    try self.init(data: readFile(url, expected: "an HDF5 file", mapped: true), path: url.path)
  }

  /// Parses HDF5 bytes already in memory; `path` names them in errors.
  public init(data: Data, path: String) throws {
    self.path = path
    // Normalise to a zero-based Data so offsets can be used directly.
    let bytes = data.startIndex == 0 ? data : Data(data)
    self.bytes = bytes
    var reader = HDF5Reader(bytes: bytes, path: path)
    let superblock = try reader.findSuperblock()
    self.base = superblock.base
    reader.base = superblock.base
    self.members = try reader.listGroup(objectHeader: superblock.rootObjectHeader)
  }

  /// Names of all root-group members (datasets and groups), in stored order.
  public var memberNames: [String] { members.map(\.name) }

  /// Describes the root-group dataset `name`.
  public func dataset(_ name: String) throws -> HDF5Dataset {
    guard let member = members.first(where: { $0.name == name }) else {
      throw DatasetError.malformed(
        path: path,
        detail:
          "no dataset '\(name)' in the root group (found: \(memberNames.joined(separator: ", ")))")
    }
    var reader = HDF5Reader(bytes: bytes, path: path)
    reader.base = base
    return try reader.dataset(named: name, objectHeader: member.address)
  }

  /// True when the root group has a member called `name`.
  public func contains(_ name: String) -> Bool { members.contains { $0.name == name } }

  /// Reads dataset `name` as a flat C-order array converted to `T`.
  ///
  /// When the stored element already has `T`'s size and signedness the bytes are copied in one
  /// block; otherwise each element is widened or narrowed, and a value that does not fit `T`
  /// is an error naming the dataset and row.
  public func read<T: FixedWidthInteger>(_ name: String, as type: T.Type = T.self) throws -> [T] {
    let ds = try dataset(name)
    return try read(ds, as: type)
  }

  /// Reads `dataset` (from ``dataset(_:)``) as a flat C-order array converted to `T`.
  public func read<T: FixedWidthInteger>(_ ds: HDF5Dataset, as type: T.Type = T.self) throws -> [T]
  {
    let count = ds.elementCount
    guard count > 0 else { return [] }
    guard let offset = ds.dataOffset else {
      throw DatasetError.malformed(
        path: path, detail: "dataset '\(ds.name)' has \(count) elements but no stored data")
    }
    let size = ds.elementSize
    let (byteCount, overflow) = count.multipliedReportingOverflow(by: size)
    guard !overflow, offset >= 0, offset <= bytes.count, byteCount <= bytes.count - offset else {
      throw DatasetError.malformed(
        path: path,
        detail:
          "dataset '\(ds.name)' needs \(count)×\(size) bytes at offset \(offset) but the file has "
          + "\(bytes.count) bytes (truncated?)")
    }
    return try bytes.withUnsafeBytes { raw -> [T] in
      let src = UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + byteCount)])
      if size == MemoryLayout<T>.size && (ds.isSigned == T.isSigned || size == 1 && ds.isEnum) {
        return [T](unsafeUninitializedCapacity: count) { buf, initialized in
          UnsafeMutableRawBufferPointer(buf).copyMemory(from: src)
          initialized = count
          #if _endian(big)
            for k in 0..<count { buf[k] = T(littleEndian: buf[k]) }
          #endif
        }
      }
      var out = [T]()
      out.reserveCapacity(count)
      for k in 0..<count {
        let v: Int64
        let p = k * size
        switch (size, ds.isSigned) {
        case (1, true): v = Int64(Int8(bitPattern: src[p]))
        case (1, false): v = Int64(src[p])
        case (2, true):
          v = Int64(Int16(littleEndian: src.loadUnaligned(fromByteOffset: p, as: Int16.self)))
        case (2, false):
          v = Int64(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: p, as: UInt16.self)))
        case (4, true):
          v = Int64(Int32(littleEndian: src.loadUnaligned(fromByteOffset: p, as: Int32.self)))
        case (4, false):
          v = Int64(UInt32(littleEndian: src.loadUnaligned(fromByteOffset: p, as: UInt32.self)))
        case (8, true):
          v = Int64(littleEndian: src.loadUnaligned(fromByteOffset: p, as: Int64.self))
        default:
          let u = UInt64(littleEndian: src.loadUnaligned(fromByteOffset: p, as: UInt64.self))
          guard let s = Int64(exactly: u) else {
            throw DatasetError.malformed(
              path: path, detail: "dataset '\(ds.name)' element \(k) = \(u) does not fit Int64")
          }
          v = s
        }
        guard let t = T(exactly: v) else {
          throw DatasetError.malformed(
            path: path, detail: "dataset '\(ds.name)' element \(k) = \(v) does not fit \(T.self)")
        }
        out.append(t)
      }
      return out
    }
  }
}

/// Shape and storage of one HDF5 dataset.
public struct HDF5Dataset: Hashable, Sendable {
  public var name: String
  /// Dimensions, slowest-varying first (C order), e.g. `[1145398, 4]`.
  public var shape: [Int]
  /// Bytes per element (1, 2, 4 or 8).
  public var elementSize: Int
  public var isSigned: Bool
  /// True for an enum type (h5py stores `bool` as an enum over int8).
  public var isEnum: Bool
  /// Absolute file offset of the first element; nil when nothing was ever written.
  public var dataOffset: Int?

  /// Product of ``shape`` (1 for a scalar dataspace), saturating at `Int.max` for corrupt shapes.
  public var elementCount: Int { safeProduct(shape) ?? .max }

  /// The h5py/numpy spelling of the element type, e.g. `<i4`.
  public var typeDescription: String {
    isEnum
      ? "enum<\(isSigned ? "i" : "u")\(elementSize)>" : "<\(isSigned ? "i" : "u")\(elementSize)"
  }
}

/// Bounds-checked little-endian reads over the file bytes, plus the structure walkers.
private struct HDF5Reader {
  let bytes: Data
  let path: String
  var base = 0
  static let undefined = UInt64.max

  init(bytes: Data, path: String) {
    self.bytes = bytes
    self.path = path
  }

  func malformed(_ what: String) -> DatasetError { .malformed(path: path, detail: "HDF5: \(what)") }
  func unsupported(_ what: String) -> DatasetError {
    .unsupported(
      path: path,
      feature: "HDF5 \(what) (only contiguous, uncompressed datasets in "
        + "an h5py-default file are supported)")
  }

  func u8(_ at: Int) throws -> Int {
    guard at >= 0, at < bytes.count else { throw malformed("read past end of file at \(at)") }
    return Int(bytes[at])
  }
  func uint(_ at: Int, _ width: Int) throws -> UInt64 {
    guard at >= 0, width <= bytes.count, at <= bytes.count - width else {
      throw malformed("read of \(width) bytes past end of file at offset \(at) (truncated?)")
    }
    var v: UInt64 = 0
    for k in stride(from: width - 1, through: 0, by: -1) { v = v << 8 | UInt64(bytes[at + k]) }
    return v
  }
  func int(_ at: Int, _ width: Int, _ what: String) throws -> Int {
    let v = try uint(at, width)
    guard let i = Int(exactly: v), i < Int.max / 2 else {
      throw malformed("\(what) \(v) out of range")
    }
    return i
  }
  /// An address field (relative to the base address), checked to lie inside the file.
  func address(_ at: Int, _ what: String) throws -> Int? {
    let v = try uint(at, 8)
    if v == Self.undefined { return nil }
    guard let i = Int(exactly: v), i <= bytes.count, base + i <= bytes.count else {
      throw malformed("\(what) address \(v) lies beyond the end of the file (truncated?)")
    }
    return base + i
  }
  func signature(_ at: Int, _ sig: String, _ what: String) throws {
    let s = Array(sig.utf8)
    guard at >= 0, at <= bytes.count - s.count, bytes[at..<(at + s.count)].elementsEqual(s) else {
      throw malformed("expected \(what) signature '\(sig)' at offset \(at)")
    }
  }

  func findSuperblock() throws -> (base: Int, rootObjectHeader: Int) {
    let magic: [UInt8] = [0x89, 0x48, 0x44, 0x46, 0x0D, 0x0A, 0x1A, 0x0A]
    var at = 0
    var found: Int?
    while at + 8 <= bytes.count {
      if bytes[at..<(at + 8)].elementsEqual(magic) {
        found = at
        break
      }
      at = at == 0 ? 512 : at * 2
    }
    guard let sb = found else {
      throw DatasetError.malformed(
        path: path, detail: "not an HDF5 file (no \\x89HDF signature at offset 0, 512, 1024, ...)")
    }
    let version = try u8(sb + 8)
    guard version == 0 || version == 1 else { throw unsupported("superblock version \(version)") }
    let offsetSize = try u8(sb + 13)
    let lengthSize = try u8(sb + 14)
    guard offsetSize == 8, lengthSize == 8 else {
      throw unsupported("offset/length sizes \(offsetSize)/\(lengthSize) (expected 8/8)")
    }
    let p = sb + 24 + (version == 1 ? 4 : 0)
    let baseAddress = try int(p, 8, "base address")
    // Root group symbol-table entry follows base, free-space, end-of-file and driver addresses.
    let entry = p + 32
    var rel = self
    rel.base = baseAddress
    guard let root = try rel.address(entry + 8, "root group object header") else {
      throw malformed("root group has no object header")
    }
    return (baseAddress, root)
  }

  /// The (type, data offset, size) of every message of a v1 object header.
  func messages(_ header: Int) throws -> [(type: Int, at: Int, size: Int)] {
    let version = try u8(header)
    guard version == 1 else {
      throw unsupported("object header version \(version) at \(header) ('OHDR' = v2)")
    }
    let count = try int(header + 2, 2, "message count")
    let size = try int(header + 8, 4, "object header size")
    var blocks = [(header + 16, size)]
    var out: [(type: Int, at: Int, size: Int)] = []
    var visitedBlocks = 0
    while !blocks.isEmpty, out.count < count {
      visitedBlocks += 1
      guard visitedBlocks < 10_000 else { throw malformed("object header continuation loop") }
      var (p, n) = blocks.removeFirst()
      guard n <= bytes.count, p <= bytes.count - n else {
        throw malformed("object header block at \(p) of \(n) bytes past end of file (truncated?)")
      }
      let end = p + n
      while p + 8 <= end, out.count < count {
        let type = try int(p, 2, "message type")
        let msize = try int(p + 2, 2, "message size")
        let flags = try u8(p + 4)
        let data = p + 8
        guard data + msize <= end else { throw malformed("message at \(p) overruns its header") }
        if flags & 0x02 != 0 { throw unsupported("shared object header message (type \(type))") }
        if type == 0x0010 {
          guard let next = try address(data, "continuation block") else {
            throw malformed("continuation message without address")
          }
          blocks.append((next, try int(data + 8, 8, "continuation length")))
        }
        out.append((type, data, msize))
        p = data + msize
      }
    }
    return out
  }

  func listGroup(objectHeader: Int) throws -> [(name: String, address: Int)] {
    let msgs = try messages(objectHeader)
    guard let table = msgs.first(where: { $0.type == 0x0011 }) else {
      if msgs.contains(where: { $0.type == 0x0006 || $0.type == 0x0002 }) {
        throw unsupported("new-style group (link messages; file written with libver='latest')")
      }
      throw malformed("root object is not a group (no symbol-table message)")
    }
    guard let btree = try address(table.at, "group B-tree"),
      let heap = try address(table.at + 8, "group local heap")
    else { throw malformed("group symbol table without B-tree or heap") }
    try signature(heap, "HEAP", "local heap")
    let heapSize = try int(heap + 8, 8, "local heap size")
    guard let heapData = try address(heap + 24, "local heap data") else {
      throw malformed("local heap without data segment")
    }
    var entries: [(name: String, address: Int)] = []
    var budget = 100_000
    try walkBTree(
      btree, heapData: heapData, heapSize: heapSize, depth: 0, budget: &budget,
      into: &entries)
    return entries
  }

  func walkBTree(
    _ node: Int, heapData: Int, heapSize: Int, depth: Int, budget: inout Int,
    into entries: inout [(name: String, address: Int)]
  ) throws {
    budget -= 1
    guard depth < 64, budget > 0 else { throw malformed("group B-tree too deep or cyclic") }
    try signature(node, "TREE", "v1 B-tree node")
    let type = try u8(node + 4)
    guard type == 0 else { throw malformed("B-tree node type \(type), expected 0 (group)") }
    let level = try u8(node + 5)
    let used = try int(node + 6, 2, "B-tree entries")
    var p = node + 8 + 16 + 8  // signature+type+level+used, two siblings, key 0
    for _ in 0..<used {
      guard let child = try address(p, "B-tree child") else { throw malformed("B-tree null child") }
      p += 16
      if level > 0 {
        try walkBTree(
          child, heapData: heapData, heapSize: heapSize, depth: depth + 1,
          budget: &budget, into: &entries)
        continue
      }
      try signature(child, "SNOD", "symbol table node")
      let symbols = try int(child + 6, 2, "symbol count")
      var q = child + 8
      for _ in 0..<symbols {
        let nameOffset = try int(q, 8, "link name offset")
        guard let header = try address(q + 8, "member object header") else {
          throw malformed("group member without object header")
        }
        guard nameOffset < heapSize else { throw malformed("member name outside the local heap") }
        let start = heapData + nameOffset
        var end = start
        while end < bytes.count, end < heapData + heapSize, bytes[end] != 0 { end += 1 }
        guard end < bytes.count else { throw malformed("unterminated member name") }
        entries.append((String(decoding: bytes[start..<end], as: UTF8.self), header))
        q += 40
      }
    }
  }

  func dataset(named name: String, objectHeader: Int) throws -> HDF5Dataset {
    var shape: [Int]?
    var type: (size: Int, signed: Bool, isEnum: Bool)?
    var offset: Int??
    var storedBytes = 0
    for m in try messages(objectHeader) {
      switch m.type {
      case 0x0001:
        let version = try u8(m.at)
        let rank = try u8(m.at + 1)
        guard version == 1 || version == 2 else {
          throw unsupported("dataspace version \(version)")
        }
        if version == 2, try u8(m.at + 3) == 2 {
          shape = [0]
        }  // null dataspace
        else {
          let first = m.at + (version == 1 ? 8 : 4)
          shape = try (0..<rank).map { try int(first + 8 * $0, 8, "dimension") }
        }
      case 0x0003:
        type = try datatype(at: m.at, name: name)
      case 0x0008:
        let version = try u8(m.at)
        guard version == 3 else { throw unsupported("layout message version \(version)") }
        switch try u8(m.at + 1) {
        case 0:
          storedBytes = try int(m.at + 2, 2, "compact size")
          offset = .some(m.at + 4)
        case 1:
          offset = .some(try address(m.at + 2, "dataset '\(name)' data"))
          storedBytes = try int(m.at + 10, 8, "contiguous size")
        case 2: throw unsupported("chunked dataset '\(name)'")
        case let c: throw unsupported("layout class \(c) in dataset '\(name)'")
        }
      case 0x000B: throw unsupported("filter pipeline (compression) on dataset '\(name)'")
      case 0x0007: throw unsupported("external storage for dataset '\(name)'")
      default: break
      }
    }
    guard let shape, let type, let offset else {
      throw malformed("'\(name)' is not a dataset (missing dataspace, datatype or layout message)")
    }
    let ds = HDF5Dataset(
      name: name, shape: shape, elementSize: type.size, isSigned: type.signed, isEnum: type.isEnum,
      dataOffset: offset)
    let (needed, overflow) = ds.elementCount.multipliedReportingOverflow(by: type.size)
    if offset != nil, overflow || storedBytes != needed {
      throw malformed(
        "dataset '\(name)' stores \(storedBytes) bytes, expected \(ds.elementCount)×\(type.size)")
    }
    return ds
  }

  func datatype(at d: Int, name: String) throws -> (size: Int, signed: Bool, isEnum: Bool) {
    let classByte = try u8(d)
    let cls = classByte & 0x0F
    let bits0 = try u8(d + 1)
    let size = try int(d + 4, 4, "datatype size")
    if cls == 8 {
      let inner = try datatype(at: d + 8, name: name)
      return (inner.size, inner.signed, true)
    }
    guard cls == 0 else {
      let names = [1: "floating-point", 3: "string", 6: "compound", 9: "variable-length"]
      throw unsupported("datatype class \(cls) (\(names[cls] ?? "other")) in dataset '\(name)'")
    }
    guard bits0 & 1 == 0 else { throw unsupported("big-endian integers in dataset '\(name)'") }
    guard [1, 2, 4, 8].contains(size) else {
      throw unsupported("\(size)-byte integers in dataset '\(name)'")
    }
    return (size, bits0 & 0x08 != 0, false)
  }
}
