import Foundation

/// Reads the single integer tensor of a file written by `torch.save(tensor, f)`, without torch
/// and without executing anything in it.
///
/// Both layouts `torch.save` has used are read:
///
/// - **legacy** (torch < 1.6, or `_use_new_zipfile_serialization=False`; Kaihua Tang's
///   `zeroshot_triplet.pytorch`): five protocol-2 pickles back to back — the magic number
///   `0x1950a86a20f9469cfc6c`, the protocol version `1001`, a sys-info dict
///   (`little_endian`, `type_sizes`), the tensor
///   `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks)`
///   whose storage is a persistent id `('storage', torch.LongStorage, key, 'cpu', numel, None)`,
///   and the list of storage keys — then, per key in that order, an int64 little-endian
///   element count followed by the raw little-endian elements;
/// - **zip** (torch ≥ 1.6): a zip archive with `<name>/data.pkl` (the same tensor pickle, storage
///   id without the trailing view metadata) and `<name>/data/<key>` (raw elements), entries
///   stored uncompressed.
///
/// Only a lone tensor over integer storage (`Long`, `Int`, `Short`, `Char`, `Byte`, `Bool`) is
/// accepted; a dict of tensors, a float tensor or a storage view is an error naming the file.
///
/// ```swift
/// let t = try TorchFile.loadIntegerTensor(contentsOf: URL(fileURLWithPath: "zeroshot_triplet.pytorch"))
/// // t.storageType == "LongStorage", t.shape == [5971, 3]
/// ```
public enum TorchFile {
  /// Reads and decodes the file at `url`.
  public static func loadIntegerTensor(contentsOf url: URL) throws -> TorchTensor {
    try loadIntegerTensor(
      readFile(url, expected: "a torch.save file (.pytorch / .pt / .pth)"), path: url.path)
  }

  /// Decodes `data`; `path` names the file in errors.
  public static func loadIntegerTensor(_ data: Data, path: String) throws -> TorchTensor {
    if StoredZipArchive.looksLikeZip(data) { return try zipTensor(data, path: path) }
    guard data.first == 0x80 else {
      let found = data.first.map { String(format: "byte 0x%02x", $0) } ?? "an empty file"
      throw DatasetError.malformed(
        path: path,
        detail:
          "not a torch.save file: expected a zip archive (PK) or a legacy pickle stream "
          + "(byte 0x80), found \(found)")
    }
    return try legacyTensor(data, path: path)
  }

  /// torch's magic number 0x1950a86a20f9469cfc6c as LONG1 stores it (little-endian bytes).
  static let legacyMagic: [UInt8] = [0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19]

  private static func legacyTensor(_ data: Data, path: String) throws -> TorchTensor {
    func malformed(_ detail: String) -> DatasetError { .malformed(path: path, detail: detail) }
    let magic = try Unpickler.load(data, path: path, from: 0, torch: false)
    guard case .largeInt(let bytes) = magic.value, bytes == legacyMagic else {
      throw malformed(
        "bad magic number \(describe(magic.value)): a legacy torch.save file starts with "
          + "0x1950a86a20f9469cfc6c")
    }
    let version = try Unpickler.load(data, path: path, from: magic.end, torch: false)
    guard version.value.intValue == 1001 else {
      throw malformed(
        "torch serialization protocol \(describe(version.value)), expected 1001")
    }
    let info = try Unpickler.load(data, path: path, from: version.end, torch: false)
    if let littleEndian = info.value.dictValue?["little_endian"], !littleEndian.truthy {
      throw DatasetError.unsupported(path: path, feature: "a big-endian torch.save file")
    }
    let object = try Unpickler.load(data, path: path, from: info.end, torch: true)
    let tensor = try reference(object.value, path: path)
    let keysValue = try Unpickler.load(data, path: path, from: object.end, torch: false)
    guard let keys = keysValue.value.sequence?.compactMap(\.stringValue),
      keys.count == keysValue.value.sequence?.count
    else {
      throw malformed("the storage key list is a \(keysValue.value.typeName), not a list of str")
    }
    // A lone tensor has one storage; with several, their element sizes (needed to skip them)
    // would come from tensors this reader does not decode.
    guard keys == [tensor.key] else {
      throw DatasetError.unsupported(
        path: path,
        feature: "storages \(keys) (a lone tensor has exactly its own storage '\(tensor.key)')")
    }
    return try data.withUnsafeBytes { raw in
      let at = keysValue.end
      guard at + 8 <= raw.count else {
        throw malformed(
          "truncated: the element count of storage '\(tensor.key)' should be at byte \(at), "
            + "the file has \(raw.count) bytes")
      }
      var count: UInt64 = 0
      for k in stride(from: 7, through: 0, by: -1) { count = count << 8 | UInt64(raw[at + k]) }
      let width = tensor.layout.byteWidth
      guard count == UInt64(tensor.numel) else {
        throw malformed(
          "storage '\(tensor.key)' holds \(count) elements but the tensor's reference says "
            + "\(tensor.numel)")
      }
      let base = at + 8
      let (needed, overflow) = tensor.numel.multipliedReportingOverflow(by: width)
      guard !overflow, raw.count - base >= needed else {
        throw malformed(
          "truncated: storage '\(tensor.key)' needs \(tensor.numel) × \(width) bytes from byte "
            + "\(base), the file has \(raw.count) bytes")
      }
      return try gather(tensor, raw, base: base, elements: tensor.numel, path: path)
    }
  }

  private static func zipTensor(_ data: Data, path: String) throws -> TorchTensor {
    let zip = try StoredZipArchive(data, path: path)
    guard
      let pickle = zip.entries.first(where: {
        $0.name == "data.pkl" || $0.name.hasSuffix("/data.pkl")
      })
    else {
      throw DatasetError.malformed(
        path: path, detail: "zip archive without a data.pkl entry: not a torch.save file")
    }
    let prefix = String(pickle.name.dropLast("data.pkl".count))
    func bytes(_ r: Range<Int>) -> Data {
      data.subdata(in: (data.startIndex + r.lowerBound)..<(data.startIndex + r.upperBound))
    }
    if let order = zip.entry(prefix + "byteorder"),
      String(decoding: bytes(order.data), as: UTF8.self).hasPrefix("big")
    {
      throw DatasetError.unsupported(path: path, feature: "a big-endian torch.save file")
    }
    let object = try Unpickler.load(
      bytes(pickle.data), path: "\(path):\(pickle.name)", from: 0, torch: true)
    let tensor = try reference(object.value, path: path)
    let storageName = prefix + "data/" + tensor.key
    guard let storage = zip.entry(storageName) else {
      throw DatasetError.malformed(
        path: path, detail: "zip archive has no entry '\(storageName)' for the tensor's storage")
    }
    let width = tensor.layout.byteWidth
    guard storage.data.count % width == 0 else {
      throw DatasetError.malformed(
        path: path,
        detail:
          "entry '\(storageName)' has \(storage.data.count) bytes, not a multiple of "
          + "\(width) (torch.\(tensor.storageType))")
    }
    return try data.withUnsafeBytes { raw in
      try gather(
        tensor, raw, base: storage.data.lowerBound, elements: storage.data.count / width,
        path: path)
    }
  }

  /// What the tensor pickle says: its storage and the view over it.
  struct Reference {
    var key: String
    var storageType: String
    var layout: TorchIntegerStorage
    var numel: Int
    var offset: Int
    var shape: [Int]
    var stride: [Int]
  }

  static func reference(_ object: PickleValue, path: String) throws -> Reference {
    func malformed(_ detail: String) -> DatasetError { .malformed(path: path, detail: detail) }
    guard case .call(let function, let args) = object, function == torchRebuildTensor,
      args.count >= 4
    else {
      throw DatasetError.unsupported(
        path: path,
        feature: "a saved \(object.typeName); only a lone tensor (torch.save(tensor, f)) is read")
    }
    guard case .persistentID(let id) = args[0], let fields = id.sequence, fields.count >= 5,
      fields[0].stringValue == "storage", case .global("torch", let storageType) = fields[1],
      let key = fields[2].stringValue, let numel = fields[4].intValue, numel >= 0
    else {
      throw malformed(
        "the tensor's storage is not a reference ('storage', torch.<Type>Storage, key, "
          + "location, numel)")
    }
    if fields.count > 5, !fields[5].isNone {
      throw DatasetError.unsupported(path: path, feature: "a tensor over a storage view")
    }
    guard let layout = TorchIntegerStorage(storageType) else {
      throw DatasetError.unsupported(
        path: path,
        feature:
          "tensor dtype torch.\(storageType); only integer tensors (LongStorage, IntStorage, "
          + "ShortStorage, CharStorage, ByteStorage, BoolStorage) are read")
    }
    func ints(_ v: PickleValue, _ what: String) throws -> [Int] {
      guard let items = v.sequence else { throw malformed("tensor \(what) is a \(v.typeName)") }
      return try items.map {
        guard let i = $0.intValue, i >= 0 else {
          throw malformed("tensor \(what) has an entry that is not a non-negative int")
        }
        return i
      }
    }
    guard let offset = args[1].intValue, offset >= 0 else {
      throw malformed("tensor storage offset is not a non-negative int")
    }
    let shape = try ints(args[2], "size")
    let stride = try ints(args[3], "stride")
    guard shape.count == stride.count else {
      throw malformed("tensor size \(shape) and stride \(stride) differ in length")
    }
    return Reference(
      key: key, storageType: storageType, layout: layout, numel: numel, offset: offset,
      shape: shape, stride: stride)
  }

  /// The tensor's elements in C order, read through its offset and strides from storage bytes
  /// at `base` holding `elements` elements.
  static func gather(
    _ t: Reference, _ raw: UnsafeRawBufferPointer, base: Int, elements: Int, path: String
  ) throws -> TorchTensor {
    guard let total = safeProduct(t.shape) else {
      throw DatasetError.malformed(path: path, detail: "tensor size \(t.shape) overflows")
    }
    var values: [Int64] = []
    if total > 0 {
      // Strides are non-negative, so the farthest element is at the last index.
      var reach = t.offset
      for (n, s) in zip(t.shape, t.stride) {
        let (step, o1) = (n - 1).multipliedReportingOverflow(by: s)
        let (sum, o2) = reach.addingReportingOverflow(step)
        guard !o1, !o2 else {
          throw DatasetError.malformed(path: path, detail: "tensor view overflows")
        }
        reach = sum
      }
      guard reach < min(elements, t.numel) else {
        throw DatasetError.malformed(
          path: path,
          detail:
            "tensor view (offset \(t.offset), size \(t.shape), stride \(t.stride)) reaches "
            + "element \(reach) of a storage of \(min(elements, t.numel))")
      }
      values.reserveCapacity(total)
      var index = [Int](repeating: 0, count: t.shape.count)
      for _ in 0..<total {
        var at = t.offset
        for d in index.indices { at += index[d] * t.stride[d] }
        values.append(t.layout.element(raw, base: base, index: at))
        var d = index.count - 1
        while d >= 0 {
          index[d] += 1
          if index[d] < t.shape[d] { break }
          index[d] = 0
          d -= 1
        }
      }
    }
    return TorchTensor(storageType: t.storageType, shape: t.shape, values: values)
  }

  private static func describe(_ v: PickleValue) -> String {
    switch v {
    case .int(let i): return String(i)
    case .largeInt(let b):
      return "0x" + b.reversed().map { String(format: "%02x", $0) }.joined()
    default: return "(a \(v.typeName))"
    }
  }
}
