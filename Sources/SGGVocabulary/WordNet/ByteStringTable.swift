/// A set of byte strings, each with a dense id, stored in one arena: the hash table behind the
/// lemma index and the exception lists.
///
/// Keys are compared byte for byte, which for UTF-8 is code point for code point, exactly like
/// Python's `str` keys in nltk's dictionaries. (A `String`-keyed dictionary would compare by
/// canonical equivalence instead, so `"\u{212B}"` and `"\u{C5}"` would be one key.) One arena and
/// flat arrays instead of ~150,000 separate arrays keep opening the database fast.
///
/// Open addressing with linear probing and FNV-1a hashes; the slot array grows to keep the load
/// at most one half. Lookups are O(key length) on average.
struct ByteStringTable: Sendable {
  /// All keys, back to back.
  private var arena: [UInt8] = []
  private var starts: [Int32] = []
  private var lengths: [Int32] = []
  private var hashes: [UInt64] = []
  /// Key id per slot, -1 for an empty slot; the count is a power of two.
  private var slots: [Int32]

  /// The number of distinct keys; ids run from 0 to `count - 1` in insertion order.
  var count: Int { starts.count }

  /// An empty table sized for about `expectedCount` keys.
  init(expectedCount: Int) {
    var capacity = 16
    while capacity < expectedCount * 2 { capacity *= 2 }
    slots = Array(repeating: -1, count: capacity)
    starts.reserveCapacity(expectedCount)
    lengths.reserveCapacity(expectedCount)
    hashes.reserveCapacity(expectedCount)
  }

  /// The id of `key`, adding it when new.
  mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Int {
    let hash = Self.hash(key)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] >= 0 {
      let id = Int(slots[slot])
      if hashes[id] == hash && matches(id, key) { return id }
      slot = (slot + 1) & mask
    }
    let id = starts.count
    starts.append(Int32(arena.count))
    lengths.append(Int32(key.count))
    hashes.append(hash)
    arena.append(contentsOf: key)
    slots[slot] = Int32(id)
    if count * 2 > slots.count { grow() }
    return id
  }

  /// The id of `key`, or nil when it is not in the table.
  func id(of key: UnsafeBufferPointer<UInt8>) -> Int? {
    let hash = Self.hash(key)
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] >= 0 {
      let id = Int(slots[slot])
      if hashes[id] == hash && matches(id, key) { return id }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// The id of `key`, or nil when it is not in the table.
  func id(of key: some Collection<UInt8>) -> Int? {
    if let found = key.withContiguousStorageIfAvailable({ id(of: $0) }) { return found }
    return Array(key).withUnsafeBufferPointer { id(of: $0) }
  }

  /// The bytes of key `id`.
  func key(_ id: Int) -> ArraySlice<UInt8> {
    let start = Int(starts[id])
    return arena[start..<start + Int(lengths[id])]
  }

  private func matches(_ id: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    guard Int(lengths[id]) == key.count else { return false }
    let start = Int(starts[id])
    return arena.withUnsafeBufferPointer { arena in
      for position in 0..<key.count where arena[start + position] != key[position] {
        return false
      }
      return true
    }
  }

  private mutating func grow() {
    slots = Array(repeating: -1, count: slots.count * 2)
    let mask = slots.count - 1
    for id in 0..<count {
      var slot = Int(truncatingIfNeeded: hashes[id]) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(id)
    }
  }

  /// 64-bit FNV-1a, with the high bits folded in because slots use the low ones.
  private static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in key {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
    return hash ^ (hash >> 32)
  }
}
