import SGGTestSupport
import Testing

@testable import SGGJudge

@Suite struct JudgeAnswerTests {
  /// The vectors of eval-protocols §3.4 and the brief, worked by hand from the rule
  /// "1 if \b1\b and not \b0\b; else 0 if \b0\b; else 1 if \b1\b; else 0".
  @Test(arguments: [
    ("1", 1), ("0", 0),
    ("1 or 0", 0),  // both present → the 0 rule wins
    ("10", 0),  // "1" and "0" touch each other: neither is standalone → fallthrough 0
    ("1.", 1),  // "." is not a word character
    ("Yes", 0), ("", 0), ("  1\n", 1), ("Answer: 1", 1), ("a1", 0), ("_1", 0), ("1_", 0),
    ("0 or 1", 0), ("(1)", 1), ("11", 0), ("1, 1", 1),
  ])
  func vectors(text: String, expected: Int) {
    #expect(JudgeAnswer.parse(text) == expected)
  }

  /// Python's own `re` on the anchor's rule, including Unicode word characters (Arabic-Indic
  /// digit, accented letter, CJK numeral, superscript) where `\b` differs from an ASCII reading.
  @Test func matchesPythonRe() throws {
    let texts = [
      "1", "0", "1 or 0", "10", "1.", "Yes", "", "١1", "1é", "é1", "七1", "1²", "²1", "-1-",
      "1\u{00A0}", "x 1 y 0", "1\n0", "No, \"man", "01", "1 1", "0.", "١", "1٠", "\u{0301}1",
      "1\u{200B}",
    ]
    let script = #"""
      import json, re, sys
      def parse(text):
          text = (text or "").strip()
          if re.search(r"\b1\b", text) and not re.search(r"\b0\b", text):
              return 1
          if re.search(r"\b0\b", text):
              return 0
          if re.search(r"\b1\b", text):
              return 1
          return 0
      print(json.dumps([parse(t) for t in json.load(sys.stdin)]))
      """#
    let expected = try PythonReference.run(script, input: texts, as: [Int].self)
    #expect(texts.map { JudgeAnswer.parse($0) ?? -1 } == expected)
  }
}

@Suite struct PythonReprTests {
  @Test func handWorked() {
    #expect(PythonRepr.string("man") == "'man'")
    #expect(PythonRepr.string("it's") == "\"it's\"")
    #expect(PythonRepr.string("a'b\"c") == #"'a\'b"c'"#)
    #expect(PythonRepr.string("a\\b") == #"'a\\b'"#)
    #expect(PythonRepr.string("tab\there\n") == #"'tab\there\n'"#)
  }

  @Test func matchesPython() throws {
    let texts = [
      "man", "traffic light", "it's", "say \"hi\"", "both ' and \"", "back\\slash", "a\tb\nc\rd",
      "\u{01}\u{7f}", "café", "\u{00A0}nbsp", "\u{200B}zw", "\u{2028}", "日本", "😀", "\u{E000}",
      "\u{0301}", "", "\u{85}", "\u{AD}",
    ]
    let script = "import json, sys\nprint(json.dumps([repr(t) for t in json.load(sys.stdin)]))"
    let expected = try PythonReference.run(script, input: texts, as: [String].self)
    #expect(texts.map(PythonRepr.string) == expected)
  }
}
