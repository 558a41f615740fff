import Foundation
import Testing

@testable import SGGStore

@Suite struct SHA256Tests {
  // FIPS 180-4 appendix examples.
  @Test func standardVectors() {
    #expect(
      SHA256.hexDigest(of: Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hexDigest(of: [UInt8]())
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hexDigest(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  /// Lengths around the padding boundaries (55, 56, 63, 64, 65 bytes …) and a file over 1 MiB
  /// (several read chunks), against Python's hashlib.
  @Test func filesMatchHashlib() throws {
    let dir = try makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    var generator = SystemRandomNumberGenerator()
    var paths: [String] = []
    for length in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, (1 << 20) + 4_099] {
      let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
      let path = dir.appendingPathComponent("f\(length).bin").path
      try Data(bytes).write(to: URL(fileURLWithPath: path))
      paths.append(path)
    }
    let script = """
      import hashlib, sys
      for p in sys.argv[1:]:
          print(hashlib.sha256(open(p, 'rb').read()).hexdigest())
      """
    let expected = try runPython(script, arguments: paths).split(separator: "\n").map(String.init)
    #expect(expected.count == paths.count)
    for (path, want) in zip(paths, expected) {
      #expect(try SHA256.hexDigest(ofFileAtPath: path) == want, "\(path)")
      #expect(try FileReference(hashingFileAt: path).sha256 == want)
    }
  }

  /// Feeding the input in uneven pieces gives hashlib's digest of the whole.
  @Test func streamingInPiecesMatchesHashlib() throws {
    let bytes = (0..<1_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
    var hasher = SHA256()
    var start = 0
    for size in [1, 62, 3, 64, 129, 7] + Array(repeating: 100, count: 8) {
      let end = min(start + size, bytes.count)
      hasher.update(bytes[start..<end])
      start = end
    }
    hasher.update(bytes[start...])
    let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
    let want = try runPython(
      "import hashlib; print(hashlib.sha256(bytes((i * 31 + 7) & 255 for i in range(1000))).hexdigest())"
    ).trimmingCharacters(in: .whitespacesAndNewlines)
    #expect(hex == want)
  }

  @Test func missingFileIsAnError() {
    #expect(throws: StoreError.self) { try SHA256.hexDigest(ofFileAtPath: "/no/such/file") }
  }
}
