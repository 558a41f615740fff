import SGGCore
import SGGFormats
import Testing

@Suite struct ActionGenomeParserTests {
  let parser = ActionGenomeToonParser()

  func graph(_ text: String) -> ActionGenomeGraph? {
    if case .success(let g) = parser.parse(text) { return g }
    return nil
  }

  @Test func parsesTheSpecRows() throws {
    let text = """
      <think>obj[9]{id,name,x1,y1,x2,y2}:
      5,door,1,1,2,2</think><answer>
      obj[3]{id,name,x1,y1,x2,y2}:
        1,person,24,71,259,268
        3,Sofa_Couch,0,0,10,10
        2,glass,120,50,160,100
      rel_pairs[2]{subj,attention,spatial,contacting,obj}:
        1,[unsure],[in_front_of],[not_contacting],2
        1,[not_looking_at],[beneath, behind],[sitting_on,leaning_on],3
      </answer>
      """
    let g = try #require(graph(text))
    // Sorted by id; the thinking block's door is gone.
    #expect(g.objects.map(\.id) == ["1", "2", "3"])
    // glass → cup/glass/bottle (11) by substring; "sofa couch" is neither a key nor a
    // substring of one (the key is "sofa/couch") → background 0, as the anchor computes.
    #expect(g.objects.map(\.classIndex) == [1, 11, 0])
    #expect(g.pairs.count == 2)
    #expect(g.pairs[1].spatial == ["beneath", "behind"])
    #expect(g.pairs[1].contacting == ["sitting_on", "leaning_on"])
    #expect(g.pairs[0].attention == ["unsure"])
  }

  @Test func nameMappingMatchesTheAnchor() {
    // Values printed by the anchor's `_obj_name_to_idx` (python3, by hand).
    let cases: [(String, Int)] = [
      ("glass", 11), ("flashlight", 20), ("round", 0), ("Sofa-Couch", 0),
      ("Cup/Glass/Bottle", 11), (" TV ", 0), ("bookshelf", 5), ("doorknob", 14),
      ("door knob", 13), ("", 0),
    ]
    for (name, index) in cases {
      #expect(ActionGenomeClasses.classIndex(forName: name) == index, "\(name)")
    }
  }

  @Test func emptyListsFloatsBoxesAndDuplicates() throws {
    let text = """
      <answer>
      1,person,0,0,100,100
      2,cup,1.5,0,10,10
      3,cup,0,0,641,10
      4,cup,10,10,5,20
      5,bag,0,0,10,10
      5,book,0,0,20,20
      6,box,0,0,10,10
      6,bed,0,0,700,20
      1,[],[ , ],[],5
      </answer>
      """
    let g = try #require(graph(text))
    // 2: float coordinate (int regex), 3: x2 > 640, 4: x1 >= x2 → dropped. 5: last row wins.
    // 6: the second row breaks the box rule, so the first survives.
    #expect(g.objects.map(\.id) == ["1", "5", "6"])
    #expect(g.objects[1].label == "book")
    #expect(g.objects[2].label == "box")
    #expect(g.pairs == [ActionGenomePair(subject: "1", object: "5")])
  }

  @Test func failures() {
    #expect(failure("no tags") == .noAnswer)
    #expect(failure("<answer>1,person,0,0,10,10") == .truncated)
    #expect(failure("<answer>1,[a],[],[],2</answer>") == .noObjects)
    // A row split across lines is one regex match (`\s` spans newlines).
    #expect(graph("<answer>1,person,0,0,\n10,10</answer>")?.objects.count == 1)
  }

  func failure(_ text: String) -> FailureKind? {
    if case .failure(let f) = parser.parse(text) { return f.kind }
    return nil
  }

  @Test func jsonFormIsTheSameGraph() throws {
    let toon = try #require(
      graph(
        "<answer>\n1,person,10,10,100,200\n2,cup,120,50,160,100\n1,[looking_at],[in_front_of],[holding],2\n</answer>"
      ))
    let json = try JSONValue.parse(
      """
      {"objects": [{"id": 2, "label": "cup", "box": [120, 50, 160, 100]},
                   {"id": "1", "label": "person", "box": [10, 10, 100, 200]}],
       "rel_pairs": [{"subject": 1, "object": 2, "attention": ["looking_at"],
                      "spatial": ["in_front_of"], "contacting": ["holding"]}]}
      """)
    guard case .success(let g) = ActionGenomeJSONGraph.graph(from: json) else {
      Issue.record("JSON graph failed")
      return
    }
    #expect(g == toon)
    let bad = try JSONValue.parse(#"{"objects": [{"id": -1, "label": "cup", "box": [0,0,1,1]}]}"#)
    if case .failure(let f) = ActionGenomeJSONGraph.graph(from: bad) {
      #expect(f.kind == .badField)
    } else {
      Issue.record("negative id accepted")
    }
  }
}
