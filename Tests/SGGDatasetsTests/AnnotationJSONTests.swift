import Foundation
import SGGFormats
import Testing

@testable import SGGDatasets

/// The loaders' JSON entry point over SGGFormats' reader: positions, BOM, duplicate keys.
@Suite struct AnnotationJSONTests {
  @Test func errorNamesFileLineAndColumn() {
    // Line 3 is `  "b": tru}`: the literal starts at column 8 ("  " + `"b"` + ": " = 7 bytes).
    let e = datasetError {
      _ = try parseJSON(Data("{\n  \"a\": 1,\n  \"b\": tru}".utf8), path: "x.json")
    }
    #expect(
      e?.description.hasPrefix("x.json: line 3, column 8: ") == true, "\(String(describing: e))")
  }

  @Test func truncatedDocumentIsReportedAtItsEnd() {
    // 11 bytes, no newline: the end of input is column 12 of line 1.
    let e = datasetError { _ = try parseJSON(Data("{\"data\": [1".utf8), path: "t.json") }
    #expect(
      e?.description.hasPrefix("t.json: line 1, column 12: unexpected end") == true,
      "\(String(describing: e))")
  }

  @Test func byteOrderMarkIsSkipped() throws {
    let v = try parseJSON(Data([0xEF, 0xBB, 0xBF] + Array("[1, 2]".utf8)), path: "bom.json")
    #expect(v.arrayValue?.compactMap(\.intValue) == [1, 2])
  }

  @Test func duplicateKeysFollowPythonDict() throws {
    // json.loads('{"a": 1, "b": 2, "a": 3}') == {'a': 3, 'b': 2}, iterating a then b.
    let v = try parseJSON(Data("{\"a\": 1, \"b\": 2, \"a\": 3}".utf8), path: "d.json")
    #expect(v["a"]?.intValue == 3)
    #expect(v.members.map(\.key) == ["a", "b"])
    #expect(v.members.compactMap(\.value.intValue) == [3, 2])
  }
}
