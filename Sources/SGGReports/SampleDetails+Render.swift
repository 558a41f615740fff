import Foundation
import SGGCore
import SGGMetrics

extension SampleDetails {
  private func objectName(_ objects: [DetailObject], _ i: Int) -> String {
    i >= 0 && i < objects.count ? "\(objects[i].label)#\(i)" : "?"
  }

  /// `person#0 riding horse#1` for a GT (or predicted) relation.
  public func triplet(_ r: DetailRelation, predicted: Bool) -> String {
    let objects = predicted ? predictedObjects : groundTruthObjects
    return "\(objectName(objects, r.subject)) \(r.predicate) \(objectName(objects, r.object))"
  }

  /// GT relations that were matched, missed, and predicted relations that matched nothing.
  public var matchedRelations: [DetailRelation] { groundTruthRelations.filter { $0.match != nil } }
  public var missedRelations: [DetailRelation] { groundTruthRelations.filter { $0.match == nil } }
  public var spuriousRelations: [DetailRelation] { predictedRelations.filter { $0.match == nil } }

  /// A plain-text account for the terminal.
  public func text() -> String {
    var lines = [
      "sample \(id) (\(MetricFormat.fixed(width, digits: 0))x\(MetricFormat.fixed(height, digits: 0)))"
    ]
    if let line = predictionLine { lines.append("prediction: line \(line)") }
    if let failure { lines.append("failure: \(failure.rawValue)") }
    lines.append(
      "objects: \(objectTruePositives) of \(predictedObjects.count) predicted matched, \(groundTruthObjects.count) in ground truth"
    )
    func box(_ b: Box) -> String {
      "["
        + [b.x1, b.y1, b.x2, b.y2].map { MetricFormat.fixed($0, digits: 1) }.joined(separator: ", ")
        + "]"
    }
    for (i, o) in groundTruthObjects.enumerated() {
      lines.append(
        "  GT   #\(i) \(o.label) \(box(o.box))"
          + (o.match.map { " ← predicted #\($0)" } ?? " (missed)"))
    }
    for (j, o) in predictedObjects.enumerated() {
      lines.append(
        "  pred #\(j) \(o.label) \(box(o.box))" + (o.match.map { " → GT #\($0)" } ?? " (no match)"))
    }
    lines.append(
      "relations: \(relationTruePositives) of \(groundTruthRelations.count) ground-truth relations matched, \(predictedRelations.count) predicted"
    )
    for r in matchedRelations { lines.append("  matched   \(triplet(r, predicted: false))") }
    for r in missedRelations { lines.append("  missed    \(triplet(r, predicted: false))") }
    for r in spuriousRelations { lines.append("  spurious  \(triplet(r, predicted: true))") }
    if !nameMappings.isEmpty {
      lines.append("names (open-vocabulary mapping):")
      for n in nameMappings {
        var text = "  \(MetricFormat.pad(n.kind, 10)) \"\(n.name)\""
        if let passive = n.passive {
          text +=
            " → \"\(passive.target)\" (passive"
            + (passive.swapsEndpoints ? ", subject and object swapped)" : ")")
        }
        text += n.target.map { " → \($0) (\(n.path.rawValue))" } ?? " dropped (\(n.path.rawValue))"
        lines.append(text)
      }
    }
    return lines.joined(separator: "\n")
  }

  /// `image` with GT boxes (green) and predicted boxes (blue when matched, red otherwise) drawn,
  /// scaled from the sample's size to the image's when they differ.
  public func annotate(_ image: RGBImage) -> RGBImage {
    var out = image
    let sx = width > 0 ? Double(image.width) / width : 1
    let sy = height > 0 ? Double(image.height) / height : 1
    func scaled(_ b: Box) -> Box { Box(x1: b.x1 * sx, y1: b.y1 * sy, x2: b.x2 * sx, y2: b.y2 * sy) }
    let thickness = max(2, min(image.width, image.height) / 160)
    for o in groundTruthObjects { out.strokeBox(scaled(o.box), thickness: thickness, .groundTruth) }
    for o in predictedObjects {
      out.strokeBox(
        scaled(o.box), thickness: max(1, thickness - 1), o.match == nil ? .unmatched : .matched)
    }
    return out
  }
}

/// The gallery page: the worst samples of a run, each with its annotated image and relations.
public struct SampleGallery: Sendable {
  public struct Item: Sendable {
    public var details: SampleDetails
    public var score: SampleResultSummary
    /// The annotated image as JPEG, when the image was found.
    public var jpeg: Data?
    /// Why there is no image (not found, unreadable).
    public var imageNote: String?

    public init(details: SampleDetails, score: SampleResultSummary, jpeg: Data?, imageNote: String?)
    {
      self.details = details
      self.score = score
      self.jpeg = jpeg
      self.imageNote = imageNote
    }
  }

  public var title: String
  public var items: [Item]

  public init(title: String, items: [Item]) {
    self.title = title
    self.items = items
  }

  /// A self-contained page: images are embedded as `data:` URLs.
  public func html() -> String {
    var body = "<h1>\(HTMLPage.escape(title))</h1>\n"
    body +=
      "<p class=\"legend\"><span><i class=\"swatch\" style=\"background:#1f9d55\"></i>ground truth</span>"
    body += "<span><i class=\"swatch\" style=\"background:#226fe0\"></i>predicted, matched</span>"
    body +=
      "<span><i class=\"swatch\" style=\"background:#e03c31\"></i>predicted, unmatched</span></p>\n"
    for item in items {
      let d = item.details
      body += "<div class=\"sample\" id=\"sample-\(HTMLPage.escape(d.id))\">\n"
      body += "<h2>\(HTMLPage.escape(d.id))</h2>\n"
      body += "<p class=\"meta\">\(HTMLPage.escape(item.score.line))</p>\n"
      if let jpeg = item.jpeg {
        body +=
          "<img alt=\"\(HTMLPage.escape(d.id)) with boxes\" src=\"data:image/jpeg;base64,\(jpeg.base64EncodedString())\">\n"
      } else if let note = item.imageNote {
        body += "<p class=\"note\">\(HTMLPage.escape(note))</p>\n"
      }
      body += "<ul class=\"rels\">\n"
      for r in d.matchedRelations {
        body +=
          "<li class=\"hit\">matched: \(HTMLPage.escape(d.triplet(r, predicted: false)))</li>\n"
      }
      for r in d.missedRelations {
        body +=
          "<li class=\"miss\">missed: \(HTMLPage.escape(d.triplet(r, predicted: false)))</li>\n"
      }
      for r in d.spuriousRelations {
        body +=
          "<li class=\"extra\">spurious: \(HTMLPage.escape(d.triplet(r, predicted: true)))</li>\n"
      }
      if d.groundTruthRelations.isEmpty && d.predictedRelations.isEmpty {
        body += "<li>no relations</li>\n"
      }
      body += "</ul>\n</div>\n"
    }
    return HTMLPage.document(title: title, body: body)
  }
}

/// The stored scores of a sample, as one line for the gallery.
public struct SampleResultSummary: Sendable {
  public var line: String

  public init(line: String) {
    self.line = line
  }
}
