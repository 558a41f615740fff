/// One line through Python's `csv.reader([line], skipinitialspace=True)` (excel dialect:
/// delimiter `,`, quote `"`, doubled quotes inside quotes, `strict=False`).
///
/// Reproduced behaviour (CPython `_csv.c`, checked against Python 3.11 in the tests):
/// spaces at the start of a field are skipped; a quote starts a quoted field only at the
/// start of a field (elsewhere it is literal); after a closing quote, anything but `,` is
/// appended literally (`"a" b` → `a b`); an unterminated quoted field runs to the end of the
/// line; a trailing `,` yields a final empty field; an empty line yields no fields.
///
/// Generic over the element so the same state machine serves Unicode scalars (SceneGraphVLM
/// parity) and UTF-8 bytes (the fast default parser); all special characters are ASCII.
private enum CSVState { case startField, inField, inQuoted, quoteInQuoted }

func pythonCSVFields<C: Collection>(
  _ line: C, comma: C.Element, quote: C.Element, space: C.Element
) -> [[C.Element]] where C.Element: Equatable {
  var fields: [[C.Element]] = []
  var field: [C.Element] = []
  var state = CSVState.startField
  var sawAnything = false
  for c in line {
    sawAnything = true
    switch state {
    case .startField:
      if c == quote {
        state = .inQuoted
      } else if c == space {
        continue
      } else if c == comma {
        fields.append(field)
        field = []
      } else {
        field.append(c)
        state = .inField
      }
    case .inField:
      if c == comma {
        fields.append(field)
        field = []
        state = .startField
      } else {
        field.append(c)
      }
    case .inQuoted:
      if c == quote { state = .quoteInQuoted } else { field.append(c) }
    case .quoteInQuoted:
      if c == quote {
        field.append(c)
        state = .inQuoted
      } else if c == comma {
        fields.append(field)
        field = []
        state = .startField
      } else {
        field.append(c)
        state = .inField
      }
    }
  }
  if sawAnything { fields.append(field) }
  return fields
}
