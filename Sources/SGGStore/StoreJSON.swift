import Foundation

/// JSON text for the `runs` table's summary columns, written with sorted keys so equal values give
/// equal text.
enum StoreJSON {
  /// A JSON object of numbers; non-finite values (JSON has none) become `null`.
  static func object(_ values: [String: Double]) -> String {
    let body = values.keys.sorted().map { key -> String in
      let v = values[key] ?? .nan
      return "\(quoted(key)):\(v.isFinite ? "\(v)" : "null")"
    }
    return "{" + body.joined(separator: ",") + "}"
  }

  static func object(_ values: [String: Int]) -> String {
    let body = values.keys.sorted().map { "\(quoted($0)):\(values[$0] ?? 0)" }
    return "{" + body.joined(separator: ",") + "}"
  }

  /// Reads what ``object(_:)-([String:Int])`` wrote; throws on anything else.
  static func intObject(_ text: String, field: String) throws -> [String: Int] {
    do {
      return try JSONDecoder().decode([String: Int].self, from: Data(text.utf8))
    } catch {
      throw StoreError.invalidJSON(field: field, reason: "expected an object of integers")
    }
  }

  /// Throws ``StoreError/invalidJSON(field:reason:)`` unless `text` parses as JSON.
  static func validate(_ text: String, field: String) throws {
    do {
      _ = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    } catch {
      throw StoreError.invalidJSON(field: field, reason: "\(error.localizedDescription)")
    }
  }

  /// A JSON string literal.
  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          out += String(format: "\\u%04x", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
