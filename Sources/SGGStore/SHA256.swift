import Foundation

/// SHA-256 (FIPS 180-4), used to record which exact predictions, ground-truth and vocabulary files
/// a run read (``FileReference/sha256``).
///
/// Written here because Foundation on Linux has no CryptoKit and the project takes no new package
/// dependencies. Streaming: ``update(_:)`` any number of times, then ``finalize()``. Each 64-byte
/// block costs a fixed 64 rounds, so hashing is O(n) in the input length.
public struct SHA256: Sendable {
  private static let k: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4,
    0xab1c_5ed5, 0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe,
    0x9bdc_06a7, 0xc19b_f174, 0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f,
    0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da, 0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7,
    0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967, 0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc,
    0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85, 0xa2bf_e8a1, 0xa81a_664b,
    0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070, 0x19a4_c116,
    0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7,
    0xc671_78f2,
  ]

  private var state: [UInt32] = [
    0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
    0x5be0_cd19,
  ]
  /// Bytes of an incomplete block waiting for more input (always fewer than 64).
  private var pending: [UInt8] = []
  private var byteCount: UInt64 = 0

  public init() {}

  /// Feeds `bytes` into the hash.
  public mutating func update(_ bytes: UnsafeRawBufferPointer) {
    byteCount &+= UInt64(bytes.count)
    var rest = bytes[...]
    if !pending.isEmpty {
      let take = min(64 - pending.count, rest.count)
      pending.append(contentsOf: rest.prefix(take))
      rest = rest.dropFirst(take)
      guard pending.count == 64 else { return }
      pending.withUnsafeBytes { compress(blocks: $0) }
      pending.removeAll(keepingCapacity: true)
    }
    let whole = rest.count / 64 * 64
    if whole > 0 {
      compress(blocks: UnsafeRawBufferPointer(rebasing: rest.prefix(whole)))
    }
    pending.append(contentsOf: rest.dropFirst(whole))
  }

  /// Feeds `bytes` into the hash.
  public mutating func update(_ bytes: some Collection<UInt8>) {
    if let done: Void = bytes.withContiguousStorageIfAvailable({
      update(UnsafeRawBufferPointer($0))
    }) {
      return done
    }
    let copy = Array(bytes)
    copy.withUnsafeBytes { update($0) }
  }

  /// The 32-byte digest of everything fed so far.
  public func finalize() -> [UInt8] {
    var copy = self
    let bitLength = byteCount &* 8
    var tail: [UInt8] = [0x80]
    let used = (pending.count + 1) % 64
    tail.append(contentsOf: repeatElement(0, count: used <= 56 ? 56 - used : 120 - used))
    for shift in stride(from: 56, through: 0, by: -8) {
      tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
    }
    // Padding is not message data: keep byteCount as it was.
    let count = copy.byteCount
    tail.withUnsafeBytes { copy.update($0) }
    copy.byteCount = count
    return copy.state.flatMap { word in
      [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: word >> UInt32($0)) }
    }
  }

  /// Lower-case hex digest of `bytes`.
  public static func hexDigest(of bytes: some Collection<UInt8>) -> String {
    var hasher = SHA256()
    hasher.update(bytes)
    return hex(hasher.finalize())
  }

  /// Lower-case hex digest of the bytes of the file at `path`, read in 1 MiB chunks.
  /// - Throws: ``StoreError/unreadableFile(path:reason:)``.
  public static func hexDigest(ofFileAtPath path: String) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw StoreError.unreadableFile(path: path, reason: "cannot open it for reading")
    }
    defer { try? handle.close() }
    var hasher = SHA256()
    do {
      while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
        chunk.withUnsafeBytes { hasher.update($0) }
      }
    } catch {
      throw StoreError.unreadableFile(path: path, reason: error.localizedDescription)
    }
    return hex(hasher.finalize())
  }

  private static func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Runs the compression function over whole 64-byte blocks.
  private mutating func compress(blocks: UnsafeRawBufferPointer) {
    var w = [UInt32](repeating: 0, count: 64)
    var h = state
    Self.k.withUnsafeBufferPointer { k in
      w.withUnsafeMutableBufferPointer { w in
        var offset = 0
        while offset + 64 <= blocks.count {
          for t in 0..<16 {
            w[t] = UInt32(
              bigEndian: blocks.loadUnaligned(fromByteOffset: offset + 4 * t, as: UInt32.self))
          }
          for t in 16..<64 {
            let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
            let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
            w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
          }
          var a = h[0]
          var b = h[1]
          var c = h[2]
          var d = h[3]
          var e = h[4]
          var f = h[5]
          var g = h[6]
          var hh = h[7]
          for t in 0..<64 {
            let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
            let ch = (e & f) ^ (~e & g)
            let t1 = hh &+ s1 &+ ch &+ k[t] &+ w[t]
            let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
            let maj = (a & b) ^ (a & c) ^ (b & c)
            let t2 = s0 &+ maj
            hh = g
            g = f
            f = e
            e = d &+ t1
            d = c
            c = b
            b = a
            a = t1 &+ t2
          }
          h[0] &+= a
          h[1] &+= b
          h[2] &+= c
          h[3] &+= d
          h[4] &+= e
          h[5] &+= f
          h[6] &+= g
          h[7] &+= hh
          offset += 64
        }
      }
    }
    state = h
  }
}

@inline(__always)
private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 {
  (x >> n) | (x << (32 - n))
}

extension FileReference {
  /// A reference to the file at `path` with the SHA-256 of its current bytes.
  /// - Throws: ``StoreError/unreadableFile(path:reason:)``.
  public init(hashingFileAt path: String) throws {
    self.init(path: path, sha256: try SHA256.hexDigest(ofFileAtPath: path))
  }
}
