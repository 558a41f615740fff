/// An integer tensor read by ``TorchFile`` from a file written by `torch.save`.
///
/// The view the file describes (storage offset, size, stride) is already applied: ``values``
/// holds the tensor's elements in C (row-major) order, widened to `Int64`.
public struct TorchTensor: Hashable, Sendable {
  /// The storage class the file names, without the module: `LongStorage`, `IntStorage`, ….
  public var storageType: String
  /// The tensor's size, e.g. `[5971, 3]` for Kaihua's zero-shot triplet list.
  public var shape: [Int]
  /// The elements in C order; `values.count` is the product of ``shape``.
  public var values: [Int64]

  public init(storageType: String, shape: [Int], values: [Int64]) {
    self.storageType = storageType
    self.shape = shape
    self.values = values
  }
}

/// How the elements of an integer storage class are laid out.
struct TorchIntegerStorage {
  var byteWidth: Int
  var isSigned: Bool

  /// The integer storage classes `torch.save` writes; floating-point ones are nil.
  init?(_ storageType: String) {
    switch storageType {
    case "LongStorage": (byteWidth, isSigned) = (8, true)
    case "IntStorage": (byteWidth, isSigned) = (4, true)
    case "ShortStorage": (byteWidth, isSigned) = (2, true)
    case "CharStorage": (byteWidth, isSigned) = (1, true)
    case "ByteStorage", "BoolStorage": (byteWidth, isSigned) = (1, false)
    default: return nil
    }
  }

  /// Element `index` of little-endian storage bytes starting at `base`.
  func element(_ bytes: UnsafeRawBufferPointer, base: Int, index: Int) -> Int64 {
    let p = base + index * byteWidth
    var raw: UInt64 = 0
    for b in stride(from: byteWidth - 1, through: 0, by: -1) {
      raw = raw << 8 | UInt64(bytes[p + b])
    }
    guard isSigned, byteWidth < 8 else { return Int64(bitPattern: raw) }
    let shift = UInt64(64 - 8 * byteWidth)
    return Int64(bitPattern: raw << shift) >> Int64(shift)
  }
}
