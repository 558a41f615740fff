import Foundation
import SGGCore
import SGGFormats

/// The files a zero-shot list comes in:
///
/// - Kaihua Tang's `zeroshot_triplet.pytorch`: `torch.save` of an integer tensor (N, 3),
///   columns (subject, object, predicate), legacy or zip layout (``TorchFile``);
/// - JSON, name form `{"triplets": [["man", "riding", "horse"], …]}` — each entry
///   **[subject, predicate, object]** in reading order;
/// - JSON, index form `[[s, o, p], …]` — integers in the tensor's column order
///   **[subject, object, predicate]** (also accepted under `"triplets"`).
///
/// A list uses one form throughout; ``jsonText(_:)`` writes the name form.
extension ZeroShotTriplets {
  /// Reads a list from `url`: JSON when the first non-blank byte is `{` or `[`, otherwise a
  /// `torch.save` file.
  public static func load(contentsOf url: URL) throws -> ZeroShotTriplets {
    let data = try readFile(url, expected: "a zero-shot triplet list (.pytorch or .json)")
    let first = data.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
    if first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
      return try decodeJSON(data, path: url.path)
    }
    return try decodeTorch(data, path: url.path)
  }

  /// Decodes a `torch.save` file holding an integer tensor of shape (N, 3) whose rows are
  /// (subject, object, predicate) class indices; `path` names the file in errors.
  public static func decodeTorch(_ data: Data, path: String) throws -> ZeroShotTriplets {
    let tensor = try TorchFile.loadIntegerTensor(data, path: path)
    guard tensor.shape.count == 2, tensor.shape[1] == 3 else {
      throw DatasetError.malformed(
        path: path,
        detail:
          "tensor has shape \(tensor.shape), expected (N, 3) rows of (subject, object, predicate)"
      )
    }
    var entries: [Entry] = []
    entries.reserveCapacity(tensor.shape[0])
    for row in 0..<tensor.shape[0] {
      let v = tensor.values[(3 * row)..<(3 * row + 3)].map { Int($0) }
      entries.append(.indices(subject: v[0], object: v[1], predicate: v[2]))
    }
    return ZeroShotTriplets(entries: entries)
  }

  /// Decodes either JSON form; `path` names the file in errors.
  public static func decodeJSON(_ data: Data, path: String) throws -> ZeroShotTriplets {
    let json = try parseJSON(data, path: path)
    func malformed(_ detail: String) -> DatasetError { .malformed(path: path, detail: detail) }
    let list: [JSONValue]
    if let items = json.arrayValue {
      list = items
    } else if json.objectValue != nil {
      guard let items = json["triplets"]?.arrayValue else {
        throw malformed("expected a \"triplets\" array in the top-level object")
      }
      list = items
    } else {
      throw malformed("expected {\"triplets\": [...]} or a top-level array")
    }
    var entries: [Entry] = []
    entries.reserveCapacity(list.count)
    for (k, item) in list.enumerated() {
      let fields = item.arrayValue ?? []
      let strings = fields.compactMap(\.stringValue)
      let ints = fields.compactMap(\.intValue)
      let entry: Entry
      if fields.count == 3, strings.count == 3 {
        entry = .names(subject: strings[0], object: strings[2], predicate: strings[1])
      } else if fields.count == 3, ints.count == 3 {
        entry = .indices(subject: ints[0], object: ints[1], predicate: ints[2])
      } else {
        throw malformed(
          "triplet \(k): expected [subject, predicate, object] names or [subject, object, "
            + "predicate] integers")
      }
      if let first = entries.first, first.isNames != entry.isNames {
        throw malformed(
          "triplet \(k) is \(entry.isNames ? "names" : "integers") but triplet 0 is "
            + "\(first.isNames ? "names" : "integers"): a list uses one form")
      }
      entries.append(entry)
    }
    return ZeroShotTriplets(entries: entries)
  }

  /// The name form, one triplet a line: `{"triplets": [["man", "riding", "horse"], …]}`,
  /// each entry [subject, predicate, object]. Ends with a newline.
  public static func jsonText(_ triplets: [ZeroShotTriplet]) -> String {
    guard !triplets.isEmpty else { return "{\"triplets\": []}\n" }
    let rows = triplets.map {
      "  ["
        + [$0.subject, $0.predicate, $0.object].map(CanonicalNumber.jsonString)
        .joined(separator: ", ") + "]"
    }
    return "{\"triplets\": [\n" + rows.joined(separator: ",\n") + "\n]}\n"
  }
}

extension ZeroShotTriplets.Entry {
  fileprivate var isNames: Bool {
    if case .names = self { return true }
    return false
  }
}
