import SGGCore

/// The JSON form of an Action Genome answer, defined by this toolkit (docs/video.md) as the
/// one-to-one equivalent of the `rel_pairs` TOON variant:
///
/// ```
/// {"objects": [{"id": 1, "label": "person", "box": [24, 71, 259, 268]},
///              {"id": 2, "label": "cup", "box": [120, 50, 160, 100]}],
///  "rel_pairs": [{"subject": 1, "attention": ["looking_at"], "spatial": ["in_front_of"],
///                 "contacting": ["holding"], "object": 2}]}
/// ```
///
/// Rules, chosen to give the same graph the TOON parser gives for the same content:
/// * `id`, `subject`, `object`: a non-negative integer or a string of decimal digits (read as
///   `int()`, so `"007"` is id 7); a repeated object id keeps the last object;
/// * `label`: a string, mapped by ``ActionGenomeClasses/classIndex(forName:)``;
/// * `box`: 4 finite numbers (fractions allowed, unlike the TOON rows), subject to the same
///   optional box rule (``ActionGenomeToonParser/boxLimit``): a box that breaks it drops the
///   object, as in TOON;
/// * `attention`, `spatial`, `contacting`: arrays of strings (absent or null = empty); items are
///   `strip()`ped and empty items dropped;
/// * `rel_pairs` absent or null = no pairs. Unknown keys are ignored.
///
/// Any other shape fails the answer (`badField` / `missingField`); no surviving object fails it
/// with `noObjects`.
public enum ActionGenomeJSONGraph {
  /// Reads a graph from a parsed JSON value.
  public static func graph(
    from value: JSONValue, boxLimit: (width: Double, height: Double)? = (640, 480)
  ) -> Result<ActionGenomeGraph, ParseFailure> {
    guard case .object = value else {
      return .failure(ParseFailure(.badField, "graph is \(value.kind), expected an object"))
    }
    guard let objectsValue = value["objects"] else {
      return .failure(ParseFailure(.missingField, "graph.objects is missing"))
    }
    guard case .array(let objects) = objectsValue else {
      return .failure(ParseFailure(.badField, "graph.objects is not an array"))
    }
    var rows: [ActionGenomeObject] = []
    for (i, o) in objects.enumerated() {
      let at = "graph.objects[\(i)]"
      guard case .object = o else {
        return .failure(ParseFailure(.badField, "\(at) is not an object"))
      }
      guard let id = o["id"].flatMap(idText) else {
        return .failure(ParseFailure(.badField, "\(at).id is not a non-negative integer"))
      }
      guard case .string(let rawLabel) = o["label"] ?? .null else {
        return .failure(ParseFailure(.badField, "\(at).label is not a string"))
      }
      guard case .array(let coords) = o["box"] ?? .null, coords.count == 4 else {
        return .failure(ParseFailure(.badBox, "\(at).box is not [x1, y1, x2, y2]"))
      }
      var c: [Double] = []
      for v in coords {
        guard case .number(let d, _) = v, d.isFinite else {
          return .failure(ParseFailure(.badBox, "\(at).box has a non-finite or non-number value"))
        }
        c.append(d)
      }
      let box = Box(x1: c[0], y1: c[1], x2: c[2], y2: c[3])
      if let lim = boxLimit {
        guard 0 <= box.x1, box.x1 < box.x2, box.x2 <= lim.width, 0 <= box.y1, box.y1 < box.y2,
          box.y2 <= lim.height
        else { continue }
      }
      let label = PythonText.strip(Array(rawLabel.unicodeScalars)[...]).string
      rows.append(
        ActionGenomeObject(
          id: id, label: label, classIndex: ActionGenomeClasses.classIndex(forName: label),
          box: box))
    }
    var pairs: [ActionGenomePair] = []
    switch value["rel_pairs"] ?? .null {
    case .null: break
    case .array(let list):
      for (i, p) in list.enumerated() {
        let at = "graph.rel_pairs[\(i)]"
        guard case .object = p else {
          return .failure(ParseFailure(.badField, "\(at) is not an object"))
        }
        guard let s = p["subject"].flatMap(idText), let o = p["object"].flatMap(idText) else {
          return .failure(
            ParseFailure(.badField, "\(at): subject and object must be non-negative integers"))
        }
        var lists: [[String]] = []
        for g in ActionGenomePredicateGroup.allCases {
          switch p[g.rawValue] ?? .null {
          case .null: lists.append([])
          case .array(let items):
            var out: [String] = []
            for item in items {
              guard case .string(let t) = item else {
                return .failure(ParseFailure(.badField, "\(at).\(g.rawValue) has a non-string"))
              }
              let st = PythonText.strip(Array(t.unicodeScalars)[...])
              if !st.isEmpty { out.append(st.string) }
            }
            lists.append(out)
          default:
            return .failure(ParseFailure(.badField, "\(at).\(g.rawValue) is not an array"))
          }
        }
        pairs.append(
          ActionGenomePair(
            subject: s, object: o, attention: lists[0], spatial: lists[1], contacting: lists[2]))
      }
    default:
      return .failure(ParseFailure(.badField, "graph.rel_pairs is not an array"))
    }
    let graph = ActionGenomeGraph(objectRows: rows, pairs: pairs)
    if graph.objects.isEmpty {
      return .failure(ParseFailure(.noObjects, "no object survived"))
    }
    return .success(graph)
  }

  /// A non-negative integer (or digit string) as canonical decimal text.
  static func idText(_ v: JSONValue) -> String? {
    switch v {
    case .number(let d, let isInteger):
      guard isInteger, d >= 0, d < 9e15 else { return nil }
      return String(Int(d))
    case .string(let s):
      let u = Array(s.unicodeScalars)
      guard !u.isEmpty, u.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }) else { return nil }
      return PythonText.intText(u)
    default: return nil
    }
  }
}
