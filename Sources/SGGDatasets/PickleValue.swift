/// A value read from a Python pickle by ``Unpickler``.
///
/// Lists, dicts, numpy arrays and dtypes are reference types because pickle mutates them after
/// they are memoized (`EMPTY_LIST, BINPUT, …, APPENDS`; a dtype is memoized before its `BUILD`
/// sets the byte order) and a later `BINGET` must see the finished object.
public enum PickleValue: @unchecked Sendable {
  case none
  case bool(Bool)
  case int(Int)
  case float(Double)
  case string(String)
  /// Python `bytes`/`bytearray` (and Python-2 `str`).
  case bytes([UInt8])
  case tuple([PickleValue])
  case list(PickleList)
  case dict(PickleDict)
  case ndarray(NDArray)
  case dtype(NumpyDType)
  /// A whitelisted global not yet called: a malformed stream, or a class passed as a value
  /// (torch's storage reference names `torch.LongStorage` this way).
  case global(module: String, name: String)
  /// An integer that does not fit `Int`, as LONG1/LONG4 store it: little-endian two's
  /// complement bytes (torch's magic number 0x1950a86a20f9469cfc6c arrives this way).
  case largeInt([UInt8])
  /// A persistent id (`BINPERSID`/`PERSID`): a reference the pickler left for the reader to
  /// resolve. torch stores each tensor's storage as
  /// `('storage', torch.LongStorage, key, location, numel[, view_metadata])`.
  indirect case persistentID(PickleValue)
  /// A call to a whitelisted function that is recorded, never executed (torch's
  /// `torch._utils._rebuild_tensor_v2(storage, offset, size, stride, …)`).
  case call(function: String, arguments: [PickleValue])

  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }
  /// The items of a list or tuple.
  public var sequence: [PickleValue]? {
    switch self {
    case .list(let l): return l.items
    case .tuple(let t): return t
    default: return nil
    }
  }
  public var dictValue: PickleDict? {
    if case .dict(let d) = self { return d }
    return nil
  }
  public var isNone: Bool {
    if case .none = self { return true }
    return false
  }
  /// An int, float or bool as a Double.
  public var doubleValue: Double? {
    switch self {
    case .float(let d): return d
    case .int(let i): return Double(i)
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
  }
  public var intValue: Int? {
    switch self {
    case .int(let i): return i
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
  }
  /// Python truthiness for the scalar cases the annotation files use.
  public var truthy: Bool {
    switch self {
    case .none: return false
    case .bool(let b): return b
    case .int(let i): return i != 0
    case .float(let d): return d != 0
    case .string(let s): return !s.isEmpty
    case .bytes(let b): return !b.isEmpty
    case .tuple(let t): return !t.isEmpty
    case .list(let l): return !l.items.isEmpty
    case .dict(let d): return !d.keys.isEmpty
    case .ndarray, .dtype, .global, .persistentID, .call: return true
    case .largeInt(let b): return b.contains { $0 != 0 }
    }
  }
  /// A short type name for error messages ("list", "NoneType", …).
  public var typeName: String {
    switch self {
    case .none: return "NoneType"
    case .bool: return "bool"
    case .int: return "int"
    case .float: return "float"
    case .string: return "str"
    case .bytes: return "bytes"
    case .tuple: return "tuple"
    case .list: return "list"
    case .dict: return "dict"
    case .ndarray: return "numpy.ndarray"
    case .dtype: return "numpy.dtype"
    case .global(let m, let n): return "\(m).\(n)"
    case .largeInt: return "int"
    case .persistentID: return "persistent id"
    case .call(let f, _): return "\(f)(…)"
    }
  }
}

/// The product of non-negative dimensions, nil on overflow or a negative entry.
func safeProduct(_ dims: [Int]) -> Int? {
  var p = 1
  for d in dims {
    guard d >= 0 else { return nil }
    let (r, o) = p.multipliedReportingOverflow(by: d)
    if o { return nil }
    p = r
  }
  return p
}

/// A Python list.
public final class PickleList: @unchecked Sendable {
  public internal(set) var items: [PickleValue]
  init(_ items: [PickleValue] = []) { self.items = items }
}

/// A Python dict, keys in insertion order.
public final class PickleDict: @unchecked Sendable {
  public internal(set) var keys: [PickleValue] = []
  public internal(set) var values: [PickleValue] = []
  init() {}

  func set(_ key: PickleValue, _ value: PickleValue) {
    // Python replaces the value of an existing key; files built from dict literals never repeat
    // a key, so only small dicts are searched (a 288k-key frame dict is appended to directly).
    if keys.count <= 16, case .string(let k) = key,
      let i = keys.firstIndex(where: { $0.stringValue == k })
    {
      values[i] = value
      return
    }
    keys.append(key)
    values.append(value)
  }

  /// The value under the string key `key` (linear search: meant for small record dicts).
  public subscript(key: String) -> PickleValue? {
    for (i, k) in keys.enumerated() where k.stringValue == key { return values[i] }
    return nil
  }
}

/// A numpy dtype as reconstructed from `numpy.dtype(spec, align, copy)` + `BUILD`.
public final class NumpyDType: @unchecked Sendable {
  /// The constructor's spec, e.g. `f4`, `i8`, `b1`, `u1`.
  public let spec: String
  /// `<`, `>`, `|` or `=` (native; the state of a dtype before its BUILD).
  public internal(set) var byteOrder: String = "="
  init(spec: String) { self.spec = spec }

  /// The kind letter (`f`, `i`, `u`, `b`, …).
  public var kind: Character? { spec.first }
  /// Bytes per element, from the spec's digits (nil if absent).
  public var itemSize: Int? { Int(spec.dropFirst()) }
}

/// A numpy ndarray: dtype, shape and the raw element bytes.
public final class NDArray: @unchecked Sendable {
  public internal(set) var dtype: NumpyDType?
  public internal(set) var shape: [Int] = []
  /// True when ``data`` is in Fortran (column-major) order.
  public internal(set) var isFortran = false
  public internal(set) var data: [UInt8] = []
  init() {}

  /// Product of the shape (nil when it overflows: a corrupt file).
  public var elementCount: Int? { safeProduct(shape) }

  /// The elements as Doubles in C (row-major) order; nil for unsupported dtypes or when the
  /// byte count does not match the shape.
  public func doubles() -> [Double]? {
    guard let dtype, let kind = dtype.kind, let size = dtype.itemSize else { return nil }
    guard let n = elementCount, n.multipliedReportingOverflow(by: size) == (data.count, false)
    else { return nil }
    let bigEndian = dtype.byteOrder == ">"
    var out = [Double]()
    out.reserveCapacity(n)
    for k in 0..<n {
      var raw: UInt64 = 0
      let p = k * size
      for b in 0..<size {
        let byte = UInt64(data[bigEndian ? p + b : p + size - 1 - b])
        raw = raw << 8 | byte
      }
      switch (kind, size) {
      case ("f", 4): out.append(Double(Float(bitPattern: UInt32(truncatingIfNeeded: raw))))
      case ("f", 8): out.append(Double(bitPattern: raw))
      case ("i", _):
        let shift = UInt64(64 - 8 * size)
        out.append(Double(Int64(bitPattern: raw << shift) >> Int64(shift)))
      case ("u", _), ("b", 1): out.append(Double(raw))
      default: return nil
      }
    }
    if isFortran && shape.count > 1 { return Self.fortranToC(out, shape: shape) }
    return out
  }

  private static func fortranToC(_ values: [Double], shape: [Int]) -> [Double] {
    var out = values
    let rank = shape.count
    var index = [Int](repeating: 0, count: rank)
    for c in 0..<values.count {
      var f = 0
      var stride = 1
      for d in 0..<rank {
        f += index[d] * stride
        stride *= shape[d]
      }
      out[c] = values[f]
      var d = rank - 1
      while d >= 0 {
        index[d] += 1
        if index[d] < shape[d] { break }
        index[d] = 0
        d -= 1
      }
    }
    return out
  }
}
