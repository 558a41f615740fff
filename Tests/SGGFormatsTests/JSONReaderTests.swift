import Foundation
import Testing

@testable import SGGFormats

/// A canonical dump used on both sides of the Python cross-check: Python dict semantics for
/// objects (first-seen key order, last value wins), numbers as IEEE bit patterns.
func canonical(_ v: JSONValue) -> String {
  switch v {
  case .null: return "n"
  case .bool(let b): return b ? "t" : "f"
  case .number(let d, let isInteger):
    let bits = String(d.bitPattern, radix: 16)
    return (isInteger ? "i" : "d")
      + (d.isNaN ? "nan" : String(repeating: "0", count: 16 - bits.count) + bits)
  case .string(let s): return "s" + hex(Array(s.utf8)) + ";"
  case .array(let items): return "[" + items.map(canonical).joined(separator: ",") + "]"
  case .object(let members):
    var order: [String] = []
    var last: [String: JSONValue] = [:]
    for (k, v) in members {
      if last[k] == nil { order.append(k) }
      last[k] = v
    }
    return "{"
      + order.map { "s" + hex(Array($0.utf8)) + ";:" + canonical(last[$0]!) }.joined(separator: ",")
      + "}"
  }
}

func hex(_ bytes: [UInt8]) -> String {
  bytes.map { String(format: "%02x", $0) }.joined()
}

func unhex(_ s: Substring) -> [UInt8] {
  var out: [UInt8] = []
  var i = s.startIndex
  while i < s.endIndex {
    let j = s.index(i, offsetBy: 2)
    out.append(UInt8(s[i..<j], radix: 16)!)
    i = j
  }
  return out
}

func parse(_ text: String) throws(JSONParseError) -> JSONValue { try JSONValue.parse(text) }

func parseError(_ text: String) -> JSONParseError? {
  do throws(JSONParseError) {
    _ = try JSONValue.parse(text)
    return nil
  } catch {
    return error
  }
}

@Suite struct JSONReaderTests {
  @Test func scalarsAndContainers() throws {
    #expect(try parse(" null ") == .null)
    #expect(try parse("true") == .bool(true))
    #expect(
      try parse("[1, 2.5, \"a\", false]")
        == .array([
          .number(1, isInteger: true), .number(2.5, isInteger: false), .string("a"), .bool(false),
        ]))
    #expect(try parse("{}") == .object([]))
    #expect(try parse("[]") == .array([]))
  }

  @Test func duplicateKeysAreKeptInOrderAndLastWins() throws {
    let v = try parse(#"{"a": 1, "b": 2, "a": 3}"#)
    guard case .object(let m) = v else {
      Issue.record("not an object")
      return
    }
    #expect(m.map(\.key) == ["a", "b", "a"])
    #expect(v["a"] == .number(3, isInteger: true))
    #expect(v.duplicateKeys == ["a"])
  }

  @Test func escapes() throws {
    #expect(try parse(#""\"\\\/\b\f\n\r\t""#) == .string("\"\\/\u{08}\u{0C}\n\r\t"))
    #expect(try parse(#""\u00e9\u4e2D""#) == .string("é中"))
    // Surrogate pair U+1F600 (😀) = \ud83d\ude00.
    #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
    // Lone surrogates become U+FFFD (Python keeps the lone code point; Swift cannot).
    #expect(try parse(#""a\ud83dz""#) == .string("a\u{FFFD}z"))
    #expect(try parse(#""\ude00\ud83d""#) == .string("\u{FFFD}\u{FFFD}"))
    // High surrogate followed by a non-surrogate escape: both kept separately.
    #expect(try parse(#""\ud83d\u0041""#) == .string("\u{FFFD}A"))
    #expect(parseError(#""\x""#)?.kind == .syntax)
    #expect(parseError(#""\u12G4""#)?.kind == .syntax)
    // Raw control characters are rejected (Python strict=True), DEL is not.
    #expect(parseError("\"a\u{01}b\"")?.kind == .syntax)
    #expect(try parse("\"a\u{7F}b\"") == .string("a\u{7F}b"))
  }

  @Test func numbers() throws {
    func num(_ s: String) throws -> (Double, Bool) {
      guard case .number(let d, let i) = try parse(s) else {
        throw PythonReference.Failure(description: "not a number")
      }
      return (d, i)
    }
    #expect(try num("1e-7") == (1e-7, false))
    #expect(try num("1E+2") == (100, false))
    #expect(try num("0.1") == (0.1, false))
    // Integer -0 is Python int 0 → +0.0; float -0.0 keeps its sign.
    #expect(try num("-0").0.sign == .plus)
    #expect(try num("-0.0").0.sign == .minus)
    #expect(try num("-0.0").1 == false)
    // 2^53 + 1 rounds to 2^53 (ties to even), 20 digits go to the fallback path.
    #expect(try num("9007199254740993") == (9_007_199_254_740_992, true))
    #expect(try num("123456789012345678901234567890") == (1.2345678901234568e29, true))
    #expect(try num("1.7976931348623157e308").0 == .greatestFiniteMagnitude)
    #expect(try num("1e400").0 == .infinity)  // Python float('1e400') = inf
    #expect(try num("4.9e-324").0 == .leastNonzeroMagnitude)
    #expect(try num("2.2250738585072014e-308").0 == .leastNormalMagnitude)
    #expect(try num("0.30000000000000004").0 == 0.1 + 0.2)
    #expect(try num("1234.5e-2").0 == 12.345)
  }

  @Test func pythonNonFiniteLiterals() throws {
    var count = 0
    let bytes = Array("[NaN, Infinity, -Infinity]".utf8)
    let v: JSONValue = try bytes.withUnsafeBytes { raw in
      var r = JSONReader(bytes: raw)
      let v = try r.readValue()
      count = r.nonFiniteLiterals
      return v
    }
    guard case .array(let a) = v, a.count == 3, case .number(let n, _) = a[0],
      case .number(let p, _) = a[1],
      case .number(let m, _) = a[2]
    else {
      Issue.record("unexpected \(v)")
      return
    }
    #expect(n.isNaN && p == .infinity && m == -.infinity)
    #expect(count == 3)
    #expect(parseError("-NaN")?.kind == .syntax)
    #expect(parseError("nan")?.kind == .syntax)
    #expect(parseError("Infinit")?.isUnexpectedEnd == true)
  }

  @Test func rejectsWhatPythonRejects() {
    for bad in [
      "01", "-01", ".5", "+1", "1.e5", "[1,]", "{\"a\":1,}", "[,1]", "{'a':1}", "\u{FEFF}{}",
      "tru e", "[1 2]", "{\"a\" 1}", "1 2", "\"\u{0A}\"",
    ] {
      let e = parseError(bad)
      #expect(
        e != nil && e?.isUnexpectedEnd == false,
        "\(bad.debugDescription) should be a syntax error, got \(String(describing: e))")
    }
  }

  @Test func truncatedInputIsReportedAsUnexpectedEnd() {
    for cut in [
      "", "   ", "[", "[1,", "{\"a\"", "{\"a\":", "{\"a\": [1, 2", "\"abc", "\"ab\\", "\"\\u12",
      "-", "1.", "1e", "1e+", "tr", "nul", "{\"objects\": [{\"id\": \"person.1\", \"bbox\": [1, 2,",
    ] {
      let e = parseError(cut)
      #expect(e?.isUnexpectedEnd == true, "\(cut.debugDescription): \(String(describing: e))")
      #expect(e?.offset == cut.utf8.count)
    }
  }

  @Test func errorsCarryOffsets() {
    let e = parseError("[1, 2, x]")
    #expect(e?.offset == 7)
    #expect(e?.description == "byte 7: expected a value, found 'x'")
  }

  @Test func nestingIsCappedWithoutStackOverflow() throws {
    let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
    _ = try parse(ok)
    let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
    #expect(parseError(tooDeep)?.kind == .depthLimit)
    // Far deeper than any stack could take recursively: still a clean error.
    let huge = String(repeating: "{\"a\":", count: 200_000)
    #expect(parseError(huge)?.kind == .depthLimit)
    // skipValue shares the cap.
    let bytes = Array(String(repeating: "[", count: 2000).utf8)
    bytes.withUnsafeBytes { raw in
      var r = JSONReader(bytes: raw)
      do throws(JSONParseError) {
        try r.skipValue()
        Issue.record("no error")
      } catch {
        #expect(error.kind == .depthLimit)
      }
    }
  }

  @Test func pullAPI() throws {
    let text = #"{"id": "img\u0031", "n": 3, "skip": {"x": [1, {"y": null}]}, "ok": true}"#
    let bytes = Array(text.utf8)
    try bytes.withUnsafeBytes { raw in
      var r = JSONReader(bytes: raw)
      try r.beginObject()
      var seen: [String] = []
      while let key = try r.nextKey() {
        seen.append(key.string)
        if key.matches("id") {
          #expect(try r.readString() == "img1")
        } else if key.matches("n") {
          #expect(try r.readNumber() == JSONNumber(value: 3, isInteger: true))
        } else if key.matches("ok") {
          #expect(try r.readBool())
        } else {
          // A type mismatch consumes nothing and names both kinds.
          do throws(JSONParseError) {
            _ = try r.readString()
          } catch {
            #expect(error.kind == .typeMismatch(expected: .string, found: .object))
          }
          try r.skipValue()
        }
      }
      try r.finish()
      #expect(seen == ["id", "n", "skip", "ok"])
    }
  }

  @Test func escapedKeysMatch() throws {
    let bytes = Array(#"{"\u0069d": 1}"#.utf8)
    try bytes.withUnsafeBytes { raw in
      var r = JSONReader(bytes: raw)
      try r.beginObject()
      let k = try r.nextKey()
      #expect(k?.matches("id") == true)
      #expect(k?.matches("i") == false)
    }
  }

  /// Randomized corpus generated and parsed by Python's `json.loads`; the Swift reader must
  /// accept exactly the same documents and produce the same values (IEEE bits, Python dict
  /// semantics for objects).
  @Test func agreesWithPythonJsonLoads() throws {
    let script = #"""
      import json, random, struct, sys
      rnd = random.Random(20261122)
      CH = ['a', 'Z', ' ', '"', '\\', '/', '\n', '\t', '\x00', '\x1f', '\x7f', 'é', '中', '😀', '\u2028', '\ud800', '\udfff']
      def rstr(allow_lone):
          pool = CH if allow_lone else CH[:-2]
          return ''.join(rnd.choice(pool) for _ in range(rnd.randint(0, 6)))
      NUMS = ['0', '-0', '-0.0', '1e-7', '1E+2', '0.1e1', '123456789012345678901234567890', '9007199254740993',
              '1.7976931348623157e308', '2.2250738585072014e-308', '4.9e-324', '1e400', '-1e400', '1e-400',
              '0.30000000000000004', '123.456e-5', '1e22', '1e23', '8.98846567431158e307', '2.5e-324',
              '18446744073709551615', '18446744073709551616', '0.000001', '100000000000000000000000e-20']
      def rnum():
          c = rnd.random()
          if c < 0.25: return str(rnd.randint(-10**6, 10**6))
          if c < 0.35: return str(rnd.randint(-10**30, 10**30))
          if c < 0.6: return repr(rnd.uniform(-1e6, 1e6))
          if c < 0.8:
              m = ''.join(rnd.choice('0123456789') for _ in range(rnd.randint(1, 25))).lstrip('0') or '0'
              s = m
              if rnd.random() < 0.6:
                  f = ''.join(rnd.choice('0123456789') for _ in range(rnd.randint(1, 20)))
                  s += '.' + f
              if rnd.random() < 0.6:
                  s += rnd.choice('eE') + rnd.choice(['', '+', '-']) + str(rnd.randint(0, 330))
              return rnd.choice(['', '-']) + s
          return rnd.choice(NUMS)
      def rval(d, lone):
          c = rnd.random()
          if d > 3 or c < 0.5:
              k = rnd.random()
              if k < 0.1: return rnd.choice(['null', 'true', 'false'])
              if k < 0.15: return rnd.choice(['NaN', 'Infinity', '-Infinity'])
              if k < 0.55: return rnum()
              return json.dumps(rstr(lone), ensure_ascii=lone or rnd.random() < 0.5)
          ws = lambda: rnd.choice(['', ' ', '\n  ', '\t', '\r\n'])
          if c < 0.75:
              return '[' + ws() + (',' + ws()).join(rval(d + 1, lone) for _ in range(rnd.randint(0, 4))) + ws() + ']'
          items = []
          for _ in range(rnd.randint(0, 4)):
              key = rnd.choice(['a', 'b', 'id', rstr(lone)])
              items.append(json.dumps(key, ensure_ascii=lone or rnd.random() < 0.5) + ws() + ':' + ws() + rval(d + 1, lone))
          return '{' + ws() + (',' + ws()).join(items) + ws() + '}'
      def fix(s): return ''.join('\ufffd' if 0xd800 <= ord(ch) <= 0xdfff else ch for ch in s)
      def canon(v):
          if v is None: return 'n'
          if v is True: return 't'
          if v is False: return 'f'
          if isinstance(v, int): return 'i' + struct.pack('>d', float(v)).hex()
          if isinstance(v, float): return 'dnan' if v != v else 'd' + struct.pack('>d', v).hex()
          if isinstance(v, str): return 's' + fix(v).encode('utf-8').hex() + ';'
          if isinstance(v, list): return '[' + ','.join(canon(x) for x in v) + ']'
          # Keys that differ only in lone surrogates collapse to one key on the Swift side.
          d = {}
          for k, x in v.items(): d[fix(k)] = x
          return '{' + ','.join('s' + k.encode('utf-8').hex() + ';:' + canon(x) for k, x in d.items()) + '}'
      MUT = list('{}[],:"\\ aE.-+0tfnN')
      out = []
      for i in range(4000):
          lone = rnd.random() < 0.3
          text = rval(0, lone)
          if rnd.random() < 0.1: text = rnd.choice([' ', '\n', '']) + text + rnd.choice([' ', '\r\n', '', ' x'])
          if i % 3 == 2 and text:
              p = rnd.randrange(len(text))
              m = rnd.random()
              if m < 0.4: text = text[:p] + text[p + 1:]
              elif m < 0.8: text = text[:p] + rnd.choice(MUT) + text[p:]
              else: text = text[:p]
          try:
              v = json.loads(text)
              ok, c = '1', canon(v)
          except (ValueError, RecursionError):
              ok, c = '0', '-'
              # Valid JSON must never fail in canon(): surface it instead of hiding it.
              try: json.loads(text); ok = 'E'
              except (ValueError, RecursionError): pass
          out.append(text.encode('utf-8', 'surrogatepass').hex() + '\t' + ok + '\t' + c)
      sys.stdout.write('\n'.join(out))
      """#
    let output = try PythonReference.run(script)
    var compared = 0
    var rejected = 0
    for line in output.split(separator: "\n") {
      let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard parts.count == 3 else { continue }
      let bytes = unhex(parts[0])
      let pythonOK = parts[1] == "1"
      var result: Result<JSONValue, JSONParseError>!
      bytes.withUnsafeBytes { raw in
        result = Result { () throws(JSONParseError) -> JSONValue in try JSONValue.parse(raw) }
      }
      let text = String(decoding: bytes, as: UTF8.self)
      switch result! {
      case .success(let v):
        #expect(pythonOK, "Python rejects \(text.debugDescription) but Swift accepts it")
        if pythonOK {
          #expect(canonical(v) == String(parts[2]), "value differs for \(text.debugDescription)")
          compared += 1
        }
      case .failure(let e):
        #expect(!pythonOK, "Python accepts \(text.debugDescription) but Swift fails: \(e)")
        rejected += 1
      }
    }
    #expect(compared > 2000)
    #expect(rejected > 500)
  }

  /// Every proper prefix of a valid document either parses or fails with "unexpected end".
  @Test func everyPrefixOfValidJSONIsUnexpectedEndOrValid() throws {
    let docs = [
      #"{"objects": [{"id": "person.1", "bbox": [1.5, -2e3, 3, 4]}], "relationships": [{"subject": "a\u00e9", "predicate": "on", "object": "b"}]}"#,
      #"[true, false, null, NaN, -Infinity, "x\"y", {"k": [[], {}]}, 0.25e-2, -0]"#,
    ]
    for doc in docs {
      let bytes = Array(doc.utf8)
      for n in 0..<bytes.count {
        let prefix = Array(bytes[0..<n])
        do throws(JSONParseError) {
          _ = try JSONValue.parse(prefix)
        } catch {
          #expect(error.isUnexpectedEnd, "prefix \(n) of \(doc): \(error)")
        }
      }
    }
  }
}
