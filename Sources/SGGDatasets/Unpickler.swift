import Foundation

/// A safe reader for Python pickles, protocols 2–5, covering what CPython 3 writes for the
/// Action Genome annotation files (datasets.md §5.2): containers, scalars, strings, bytes and
/// numpy arrays / dtypes (`_reconstruct` + `BUILD`, or protocol 5 `_frombuffer`).
///
/// Only whitelisted globals are accepted (numpy array and dtype reconstruction, `_codecs.encode`
/// and `bytes` for protocol-2 byte strings); anything else is an error. Nothing is executed.
///
/// ``TorchFile`` also reads the pickles inside `torch.save` files through the internal
/// ``load(_:path:from:torch:)``, which additionally accepts persistent ids and torch's tensor
/// globals as opaque values.
public struct Unpickler {
  /// Unpickles `data`; `path` names the file in errors.
  public static func load(_ data: Data, path: String) throws -> PickleValue {
    try data.withUnsafeBytes { raw in
      var machine = PickleMachine(bytes: raw.bindMemory(to: UInt8.self), path: path)
      return try machine.run()
    }
  }

  /// Reads and unpickles the file at `url`.
  public static func load(contentsOf url: URL) throws -> PickleValue {
    try load(readFile(url, expected: "a Python pickle"), path: url.path)
  }

  /// Unpickles the pickle that starts at byte `offset` of `data` and returns it with the offset
  /// just past its STOP, so a caller can read pickles written back to back (legacy
  /// `torch.save` writes five). With `torch`, torch's tensor globals
  /// (`torch._utils._rebuild_tensor_v2`, `torch.*Storage`, `collections.OrderedDict`) are
  /// accepted as opaque values; they are still never executed.
  static func load(_ data: Data, path: String, from offset: Int, torch: Bool) throws -> (
    value: PickleValue, end: Int
  ) {
    try data.withUnsafeBytes { raw in
      var machine = PickleMachine(
        bytes: raw.bindMemory(to: UInt8.self), path: path, allowTorch: torch)
      machine.pos = offset
      let value = try machine.run()
      return (value, machine.pos)
    }
  }
}

private let reconstructGlobals: Set<String> = [
  "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct",
]
private let frombufferGlobals: Set<String> = [
  "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer",
]
private let scalarGlobals: Set<String> = [
  "numpy.core.multiarray.scalar", "numpy._core.multiarray.scalar",
]
private let bytesGlobals: Set<String> = [
  "__builtin__.bytes", "builtins.bytes", "builtins.bytearray", "__builtin__.bytearray",
]
private let allowedGlobals: Set<String> =
  reconstructGlobals.union(frombufferGlobals).union(scalarGlobals).union(bytesGlobals).union([
    "numpy.dtype", "numpy.ndarray", "_codecs.encode",
  ])
/// The function `torch.save` names to rebuild a tensor from its storage reference.
let torchRebuildTensor = "torch._utils._rebuild_tensor_v2"
/// Globals of `torch.save` pickles, accepted only when a caller asks for them: the tensor
/// rebuild function, the storage classes (passed as values inside storage references) and
/// `OrderedDict` (a tensor's backward hooks).
private let torchGlobals: Set<String> = Set(
  ["Double", "Float", "Half", "BFloat16", "Long", "Int", "Short", "Char", "Byte", "Bool"].map {
    "torch.\($0)Storage"
  }
).union([torchRebuildTensor, "collections.OrderedDict"])

private struct PickleMachine {
  let bytes: UnsafeBufferPointer<UInt8>
  let path: String
  let allowTorch: Bool
  var pos = 0
  var stack: [PickleValue] = []
  var marks: [Int] = []
  var memo: [PickleValue] = []

  init(bytes: UnsafeBufferPointer<UInt8>, path: String, allowTorch: Bool = false) {
    self.bytes = bytes
    self.path = path
    self.allowTorch = allowTorch
  }

  func fail(_ what: String, at: Int? = nil) -> DatasetError {
    .malformed(path: path, detail: "pickle byte \(at ?? pos): \(what)")
  }

  mutating func take(_ n: Int) throws -> UnsafeBufferPointer<UInt8> {
    guard n >= 0, n <= bytes.count - pos else {
      throw fail("needs \(n) more bytes but the file ends (truncated?)")
    }
    defer { pos += n }
    return UnsafeBufferPointer(rebasing: bytes[pos..<(pos + n)])
  }
  mutating func uint(_ n: Int) throws -> UInt64 {
    let b = try take(n)
    var v: UInt64 = 0
    for k in stride(from: n - 1, through: 0, by: -1) { v = v << 8 | UInt64(b[k]) }
    return v
  }
  mutating func length(_ n: Int) throws -> Int {
    let v = try uint(n)
    guard v <= UInt64(bytes.count) else {
      throw fail("length \(v) exceeds the file size (truncated or corrupt)")
    }
    return Int(v)
  }
  mutating func pop() throws -> PickleValue {
    guard let v = stack.popLast(), stack.count >= (marks.last ?? 0) else {
      throw fail("stack underflow")
    }
    return v
  }
  /// Pops everything above the topmost MARK, returning it in push order. The mark is removed
  /// before the caller touches the outer stack (the trap noted in datasets.md §5.2).
  mutating func popMark() throws -> [PickleValue] {
    guard let m = marks.popLast(), m <= stack.count else { throw fail("no MARK on the stack") }
    let items = Array(stack[m...])
    stack.removeSubrange(m...)
    return items
  }
  mutating func top() throws -> PickleValue {
    guard let v = stack.last, stack.count > (marks.last ?? 0) else { throw fail("empty stack") }
    return v
  }
  mutating func memoPut(_ index: Int) throws {
    let v = try top()
    // Picklers number memo entries 0, 1, 2, … and each entry costs at least one opcode byte, so
    // an index beyond the file size is corrupt (and must not allocate gigabytes).
    guard index <= bytes.count else { throw fail("memo index \(index) too large") }
    if index >= memo.count {
      memo.append(contentsOf: repeatElement(.none, count: index - memo.count + 1))
    }
    memo[index] = v
  }
  mutating func memoGet(_ index: Int) throws {
    guard index < memo.count else { throw fail("memo index \(index) was never stored") }
    stack.append(memo[index])
  }
  func text(_ b: UnsafeBufferPointer<UInt8>) -> String { String(decoding: b, as: UTF8.self) }

  mutating func run() throws -> PickleValue {
    while true {
      let at = pos
      guard pos < bytes.count else { throw fail("file ends before STOP (truncated?)") }
      let op = bytes[pos]
      pos += 1
      switch op {
      case 0x80:  // PROTO
        let v = try uint(1)
        guard (2...5).contains(v) else {
          throw fail("pickle protocol \(v) (supported: 2–5)", at: at)
        }
      case 0x95: _ = try uint(8)  // FRAME: a length hint only
      case 0x2E:  // STOP
        guard marks.isEmpty, stack.count == 1, let v = stack.last else {
          throw fail("STOP with \(stack.count) values on the stack", at: at)
        }
        return v
      case 0x28: marks.append(stack.count)  // MARK
      case 0x4E: stack.append(.none)
      case 0x88: stack.append(.bool(true))
      case 0x89: stack.append(.bool(false))
      case 0x4A: stack.append(.int(Int(Int32(truncatingIfNeeded: try uint(4)))))  // BININT
      case 0x4B: stack.append(.int(Int(try uint(1))))  // BININT1
      case 0x4D: stack.append(.int(Int(try uint(2))))  // BININT2
      case 0x8A, 0x8B:  // LONG1, LONG4
        let n = try length(op == 0x8A ? 1 : 4)
        let b = try take(n)
        guard n <= 8 else {
          stack.append(.largeInt(Array(b)))
          continue
        }
        var v: UInt64 = 0
        for k in stride(from: n - 1, through: 0, by: -1) { v = v << 8 | UInt64(b[k]) }
        if n == 0 {
          stack.append(.int(0))
        } else {
          let shift = UInt64(64 - 8 * n)
          stack.append(.int(Int(Int64(bitPattern: v << shift) >> Int64(shift))))
        }
      case 0x47:  // BINFLOAT, big-endian
        let b = try take(8)
        var v: UInt64 = 0
        for k in 0..<8 { v = v << 8 | UInt64(b[k]) }
        stack.append(.float(Double(bitPattern: v)))
      case 0x8C: stack.append(.string(text(try take(try length(1)))))  // SHORT_BINUNICODE
      case 0x58: stack.append(.string(text(try take(try length(4)))))  // BINUNICODE
      case 0x8D: stack.append(.string(text(try take(try length(8)))))  // BINUNICODE8
      // SHORT_BINBYTES, SHORT_BINSTRING (Python 2 str)
      case 0x43, 0x55: stack.append(.bytes(Array(try take(try length(1)))))
      // BINBYTES, BINSTRING
      case 0x42, 0x54: stack.append(.bytes(Array(try take(try length(4)))))
      // BINBYTES8, BYTEARRAY8
      case 0x8E, 0x96: stack.append(.bytes(Array(try take(try length(8)))))
      case 0x5D: stack.append(.list(PickleList()))  // EMPTY_LIST
      case 0x7D: stack.append(.dict(PickleDict()))  // EMPTY_DICT
      case 0x29: stack.append(.tuple([]))  // EMPTY_TUPLE
      case 0x8F: stack.append(.list(PickleList()))  // EMPTY_SET (read as a list)
      case 0x61:  // APPEND
        let v = try pop()
        guard case .list(let l) = try top() else { throw fail("APPEND to a non-list", at: at) }
        l.items.append(v)
      case 0x65, 0x90:  // APPENDS, ADDITEMS
        let items = try popMark()
        guard case .list(let l) = try top() else { throw fail("APPENDS to a non-list", at: at) }
        l.items.append(contentsOf: items)
      case 0x91:  // FROZENSET
        stack.append(.list(PickleList(try popMark())))
      case 0x73:  // SETITEM
        let v = try pop()
        let k = try pop()
        guard case .dict(let d) = try top() else { throw fail("SETITEM on a non-dict", at: at) }
        d.set(k, v)
      case 0x75:  // SETITEMS
        let items = try popMark()
        guard items.count % 2 == 0 else { throw fail("SETITEMS with an odd item count", at: at) }
        guard case .dict(let d) = try top() else { throw fail("SETITEMS on a non-dict", at: at) }
        var k = 0
        while k < items.count {
          d.set(items[k], items[k + 1])
          k += 2
        }
      case 0x74: stack.append(.tuple(try popMark()))  // TUPLE
      case 0x85, 0x86, 0x87:  // TUPLE1/2/3
        let n = Int(op - 0x84)
        guard stack.count - (marks.last ?? 0) >= n else { throw fail("stack underflow", at: at) }
        let items = Array(stack.suffix(n))
        stack.removeLast(n)
        stack.append(.tuple(items))
      case 0x30: _ = try pop()  // POP
      case 0x31: _ = try popMark()  // POP_MARK
      case 0x32: stack.append(try top())  // DUP
      case 0x71: try memoPut(Int(try uint(1)))  // BINPUT
      case 0x72: try memoPut(Int(try uint(4)))  // LONG_BINPUT
      case 0x94: try memoPut(memo.count)  // MEMOIZE
      case 0x68: try memoGet(Int(try uint(1)))  // BINGET
      case 0x6A: try memoGet(Int(try uint(4)))  // LONG_BINGET
      case 0x63:  // GLOBAL "module\nname\n"
        let module = try line()
        let name = try line()
        stack.append(try global(module, name, at: at))
      case 0x93:  // STACK_GLOBAL
        let name = try pop()
        let module = try pop()
        guard let m = module.stringValue, let n = name.stringValue else {
          throw fail("STACK_GLOBAL needs two strings", at: at)
        }
        stack.append(try global(m, n, at: at))
      case 0x52:  // REDUCE
        let args = try pop()
        let fn = try pop()
        guard case .global(let m, let n) = fn, case .tuple(let a) = args else {
          throw fail("REDUCE of \(fn.typeName) with \(args.typeName)", at: at)
        }
        stack.append(try call("\(m).\(n)", a, at: at))
      case 0x51, 0x50:  // BINPERSID, PERSID "id\n"
        // Like pickle.load without a persistent_load: only torch.save files carry them.
        guard allowTorch else {
          throw fail("persistent id in a plain pickle (only torch.save files use them)", at: at)
        }
        stack.append(.persistentID(op == 0x51 ? try pop() : .string(try line())))
      case 0x62:  // BUILD
        let state = try pop()
        try build(try top(), state: state, at: at)
      default:
        throw fail(String(format: "unsupported pickle opcode 0x%02x", op), at: at)
      }
    }
  }

  mutating func line() throws -> String {
    let start = pos
    while pos < bytes.count, bytes[pos] != 0x0A { pos += 1 }
    guard pos < bytes.count else { throw fail("unterminated GLOBAL name", at: start) }
    let s = text(UnsafeBufferPointer(rebasing: bytes[start..<pos]))
    pos += 1
    return s
  }

  func global(_ module: String, _ name: String, at: Int) throws -> PickleValue {
    let full = "\(module).\(name)"
    guard allowedGlobals.contains(full) || (allowTorch && torchGlobals.contains(full)) else {
      throw fail("global '\(module).\(name)' is not allowed (only numpy arrays/dtypes)", at: at)
    }
    return .global(module: module, name: name)
  }

  func call(_ fn: String, _ args: [PickleValue], at: Int) throws -> PickleValue {
    if reconstructGlobals.contains(fn) {
      // _reconstruct(ndarray, (0,), b'b'): an empty array that the next BUILD fills in.
      return .ndarray(NDArray())
    }
    if fn == "numpy.dtype" {
      guard let spec = args.first?.stringValue else {
        throw fail("numpy.dtype without a spec", at: at)
      }
      return .dtype(NumpyDType(spec: spec))
    }
    if frombufferGlobals.contains(fn) {
      // Protocol 5: _frombuffer(buffer, dtype, shape, order).
      guard args.count == 4, case .bytes(let buf) = args[0], case .dtype(let dt) = args[1],
        let shape = try? ints(args[2]), let order = args[3].stringValue
      else { throw fail("numpy _frombuffer with unexpected arguments", at: at) }
      let a = NDArray()
      a.dtype = dt
      a.shape = shape
      a.isFortran = order == "F"
      a.data = buf
      return .ndarray(a)
    }
    if scalarGlobals.contains(fn) {
      guard args.count == 2, case .dtype(let dt) = args[0], case .bytes(let raw) = args[1] else {
        throw fail("numpy scalar with unexpected arguments", at: at)
      }
      let a = NDArray()
      a.dtype = dt
      a.data = raw
      guard let v = a.doubles()?.first else {
        throw fail("numpy scalar of dtype \(dt.spec)", at: at)
      }
      return dt.kind == "f" ? .float(v) : .int(Int(v))
    }
    if fn == "_codecs.encode" {
      // Protocol 2 writes bytes as encode(latin-1-decoded str, 'latin1').
      guard let s = args.first?.stringValue else {
        throw fail("_codecs.encode without a str", at: at)
      }
      var out = [UInt8]()
      out.reserveCapacity(s.unicodeScalars.count)
      for u in s.unicodeScalars {
        guard u.value < 256 else { throw fail("_codecs.encode: non-latin-1 character", at: at) }
        out.append(UInt8(u.value))
      }
      return .bytes(out)
    }
    if fn == torchRebuildTensor {
      // Recorded for TorchFile, which resolves the storage reference itself.
      return .call(function: fn, arguments: args)
    }
    if fn == "collections.OrderedDict" {
      // protocol 2 writes OrderedDict() then SETITEMS, so the call itself has no arguments.
      guard args.isEmpty else { throw fail("OrderedDict with arguments", at: at) }
      return .dict(PickleDict())
    }
    // bytes() / bytearray() / bytes(b)
    if bytesGlobals.contains(fn) {
      if args.isEmpty { return .bytes([]) }
      if case .bytes(let b) = args[0] { return .bytes(b) }
    }
    throw fail("\(fn) with \(args.count) arguments", at: at)
  }

  func ints(_ v: PickleValue) throws -> [Int] {
    guard let items = v.sequence else { throw fail("expected a shape tuple") }
    return try items.map {
      guard let i = $0.intValue, i >= 0 else { throw fail("bad shape entry") }
      return i
    }
  }

  func build(_ target: PickleValue, state: PickleValue, at: Int) throws {
    switch target {
    case .dtype(let dt):
      // state = (3, '<', None, None, None, -1, -1, 0)
      if let items = state.sequence, items.count > 1, let order = items[1].stringValue {
        dt.byteOrder = order
      }
    case .ndarray(let a):
      // state = (1, shape, dtype, is_fortran, raw bytes | latin-1 str)
      guard let s = state.sequence, s.count == 5, case .dtype(let dt) = s[2] else {
        throw fail("ndarray BUILD state is not (version, shape, dtype, fortran, data)", at: at)
      }
      let shape = try ints(s[1])
      var raw: [UInt8]
      switch s[4] {
      case .bytes(let b): raw = b
      case .string(let str): raw = str.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
      default: throw fail("ndarray of dtype '\(dt.spec)' (object arrays are not supported)", at: at)
      }
      let count = safeProduct(shape) ?? -1
      if let size = dt.itemSize, count.multipliedReportingOverflow(by: size) != (raw.count, false) {
        throw fail("ndarray shape \(shape) × \(size) bytes ≠ \(raw.count) data bytes", at: at)
      }
      a.dtype = dt
      a.shape = shape
      a.isFortran = s[3].truthy
      a.data = raw
    default:
      throw fail("BUILD on \(target.typeName) (only numpy arrays and dtypes)", at: at)
    }
  }
}
