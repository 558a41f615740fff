import Foundation
import SGGCore
import SGGFormats

/// PVSG per-frame graphs from `pvsg.json` and the palette masks, following SceneGraphVLM's
/// `prepare_original_pvsg_sft.py` steps 1–4 at native resolution (datasets.md §3.3).
enum PVSGLoader {
  static func load(
    root: URL, split: DatasetSplit, options: DatasetOptions,
    progress: DatasetProgressHandler? = nil
  ) throws -> LoadedDataset {
    let opts = options.pvsg
    let url = root.appendingPathComponent(opts.annotationFile)
    let path = url.path
    let json = try parseJSON(readFile(url, expected: "the PVSG annotation file"), path: path)
    func bad(_ what: String) -> DatasetError { .malformed(path: path, detail: what) }
    guard let top = json.objectValue else { throw bad("expected a JSON object at top level") }
    func strings(_ v: JSONValue?, _ what: String) throws -> [String] {
      guard let a = v?.arrayValue else { throw bad("missing '\(what)' list") }
      return try a.enumerated().map { k, x in
        guard let s = x.stringValue else { throw bad("'\(what)'[\(k)] is not a string") }
        return s
      }
    }
    guard let objectLists = top["objects"]?.objectValue else { throw bad("missing 'objects'") }
    let vocabulary = Vocabulary(
      objects: try strings(objectLists["thing"], "objects.thing")
        + strings(objectLists["stuff"], "objects.stuff"),
      predicates: try strings(top["relations"], "relations"))

    // PVSG defines train/val; val is the evaluation split (SceneGraphVLM), so test = val.
    let splitKey = split == .train ? "train" : "val"
    guard let splits = top["split"]?.objectValue else { throw bad("missing 'split'") }
    var sourceOf: [String: String] = [:]
    for (source, v) in splits.members {
      for id in try strings(v.objectValue?[splitKey], "split.\(source).\(splitKey)") {
        sourceOf[id] = source
      }
    }
    let frameList = try opts.frameList.map(readFrameList)
    guard let data = top["data"]?.arrayValue else { throw bad("missing 'data' list") }

    // Pass 1 (serial, cheap): each split video's objects, relations and mask files.
    var plans: [VideoPlan] = []
    var noMaskVideos: [String] = []
    for (k, item) in data.enumerated() {
      guard let v = item.objectValue, let vid = v["video_id"]?.stringValue else {
        throw bad("data[\(k)] has no 'video_id'")
      }
      guard let source = sourceOf[vid] else { continue }
      var categoryOf: [Int: String] = [:]
      for (j, o) in (v["objects"]?.arrayValue ?? []).enumerated() {
        guard let oo = o.objectValue, let oid = oo["object_id"]?.intValue,
          let cat = oo["category"]?.stringValue
        else { throw bad("video \(vid): objects[\(j)] needs 'object_id' and 'category'") }
        categoryOf[oid] = cat
      }
      var relations: [VideoPlan.SpannedRelation] = []
      for (j, r) in (v["relations"]?.arrayValue ?? []).enumerated() {
        guard let t = r.arrayValue, t.count >= 3, let s = t[0].intValue, let o = t[1].intValue,
          let p = t[2].stringValue
        else {
          throw bad("video \(vid): relations[\(j)] is not [subject, object, predicate, spans]")
        }
        var spans: [VideoPlan.Span] = []
        for span in (t.count > 3 ? t[3].arrayValue ?? [] : []) {
          guard let pair = span.arrayValue, pair.count == 2, let a = pair[0].intValue,
            let b = pair[1].intValue
          else {
            throw bad("video \(vid): relations[\(j)] has a frame span that is not [start, end]")
          }
          spans.append(VideoPlan.Span(start: a, end: b))
        }
        relations.append(VideoPlan.SpannedRelation(s: s, o: o, p: p, spans: spans))
      }
      let meta = v["meta"]?.objectValue
      let dirs = [
        root.appendingPathComponent(source).appendingPathComponent("masks")
          .appendingPathComponent(vid),
        root.appendingPathComponent("masks").appendingPathComponent(vid),
      ]
      guard let dir = dirs.first(where: { isDirectory($0) }) else {
        noMaskVideos.append(vid)
        continue
      }
      let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
      let frames = files.compactMap { name -> VideoPlan.Frame? in
        guard name.hasSuffix(".png"), let t = Int(name.dropLast(4)) else { return nil }
        return VideoPlan.Frame(index: t, file: name)
      }.sorted { $0.index < $1.index }
      plans.append(
        VideoPlan(
          id: vid, directory: dir, frames: frames, categoryOf: categoryOf, relations: relations,
          metaWidth: meta?["width"]?.doubleValue, metaHeight: meta?["height"]?.doubleValue))
    }

    // Pass 2 (parallel, one video per iteration): decode the masks. A full PVSG split is
    // ~150k PNGs; single-threaded decoding took minutes.
    let listed: @Sendable (VideoPlan.Frame, String) -> Bool = { frame, vid in
      frameList.map { $0.contains(frameID(vid, frame.index)) } ?? true
    }
    let toDecode = plans.reduce(0) { n, p in n + p.frames.filter { listed($0, p.id) }.count }
    let counter = ProgressCounter(stage: "PVSG masks decoded", total: toDecode, handler: progress)
    let results = ParallelSlots<Result<VideoFrames, Error>>(count: plans.count)
    let dropEmpty = opts.dropFramesWithoutRelations
    let videos = plans
    DispatchQueue.concurrentPerform(iterations: videos.count) { i in
      results.set(
        i,
        Result {
          try decodeVideo(videos[i], dropFramesWithoutRelations: dropEmpty, listed: listed) {
            counter.step()
          }
        })
    }
    var samples: [Sample] = []
    var candidates = 0
    var noObjectFrames = 0
    var notListed = 0
    var noRelationFrames = 0
    var sizeMismatch = 0
    // Merged in video order, so the output (and the first error thrown) does not depend on
    // thread scheduling.
    for slot in results.values {
      guard let slot else { continue }
      let r = try slot.get()
      samples += r.samples
      candidates += r.candidates
      noObjectFrames += r.noObjectFrames
      notListed += r.notListed
      noRelationFrames += r.noRelationFrames
      sizeMismatch += r.sizeMismatch
    }
    if !noMaskVideos.isEmpty && samples.isEmpty && candidates == 0 {
      throw DatasetError.missingFile(
        path: root.appendingPathComponent("<source>/masks/\(noMaskVideos[0])").path,
        expected: "mask PNGs for the \(splitKey) videos (<source>/masks/<video_id>/NNNN.png or "
          + "masks/<video_id>/NNNN.png)")
    }
    var dropped: [DatasetStatistics.Drop] = [
      .init(filter: "videos without a mask directory", count: noMaskVideos.count, unit: "videos")
    ]
    if frameList != nil {
      dropped.append(
        .init(filter: "frames not in the frame list", count: notListed, unit: "frames"))
    }
    dropped.append(
      .init(
        filter: "frames without an annotated object", count: noObjectFrames,
        unit: "frames"))
    if opts.dropFramesWithoutRelations {
      dropped.append(
        .init(
          filter: "frames without an active relation", count: noRelationFrames,
          unit: "frames"))
    }
    var notes: [String] = []
    if sizeMismatch > 0 {
      notes.append("\(sizeMismatch) masks differ in size from meta width/height; mask size used")
    }
    if !noMaskVideos.isEmpty {
      notes.append(
        "no masks for: \(noMaskVideos.prefix(5).joined(separator: ", "))"
          + (noMaskVideos.count > 5 ? ", …" : ""))
    }
    return LoadedDataset(
      kind: .pvsg, split: split, samples: samples, vocabulary: vocabulary,
      statistics: DatasetStatistics(
        kind: .pvsg, split: split, candidates: candidates, samples: samples,
        vocabulary: vocabulary, dropped: dropped, notes: notes))
  }

  /// `<video_id>_<frame:04d>`, SceneGraphVLM's image id.
  static func frameID(_ video: String, _ frame: Int) -> String {
    "\(video)_\(String(format: "%04d", frame))"
  }

  /// One split video as read from pvsg.json plus its mask files.
  struct VideoPlan: Sendable {
    struct Span: Sendable {
      var start: Int
      var end: Int
    }
    struct SpannedRelation: Sendable {
      var s: Int
      var o: Int
      var p: String
      var spans: [Span]
    }
    struct Frame: Sendable {
      var index: Int
      var file: String
    }
    var id: String
    var directory: URL
    var frames: [Frame]
    var categoryOf: [Int: String]
    var relations: [SpannedRelation]
    var metaWidth: Double?
    var metaHeight: Double?
  }

  /// One video's frames and what its filters removed.
  struct VideoFrames: Sendable {
    var samples: [Sample] = []
    var candidates = 0
    var notListed = 0
    var noObjectFrames = 0
    var noRelationFrames = 0
    var sizeMismatch = 0
  }

  /// Decodes one video's masks into frame graphs; `decoded` is called after each mask.
  static func decodeVideo(
    _ v: VideoPlan, dropFramesWithoutRelations: Bool, listed: (VideoPlan.Frame, String) -> Bool,
    decoded: () -> Void
  ) throws -> VideoFrames {
    var out = VideoFrames()
    for frame in v.frames {
      let t = frame.index
      out.candidates += 1
      guard listed(frame, v.id) else {
        out.notListed += 1
        continue
      }
      let mask = try PNGLabelImage(contentsOf: v.directory.appendingPathComponent(frame.file))
      decoded()
      if let w = v.metaWidth, let h = v.metaHeight,
        w != Double(mask.width) || h != Double(mask.height)
      {
        out.sizeMismatch += 1
      }
      // Steps 1–2: boxes with inclusive max; keep ids declared in the video; renumber in
      // ascending object_id order.
      let boxes = mask.labelBoxes()
      let present = boxes.keys.map { Int($0) }.filter { v.categoryOf[$0] != nil }.sorted()
      if present.isEmpty {
        out.noObjectFrames += 1
        continue
      }
      var slot: [Int: Int] = [:]
      var objects: [Object] = []
      for oid in present {
        guard let b = boxes[UInt32(oid)], let cat = v.categoryOf[oid] else { continue }
        slot[oid] = objects.count
        objects.append(
          Object(
            label: cat,
            box: Box(
              x1: Double(b.minX), y1: Double(b.minY), x2: Double(b.maxX), y2: Double(b.maxY))))
      }
      // Step 3: active spans (inclusive; no spans = always), both ends present, no
      // self-relations, exact duplicates removed.
      var seen = Set<String>()
      var rels: [Relation] = []
      for r in v.relations {
        guard r.spans.isEmpty || r.spans.contains(where: { $0.start <= t && t <= $0.end }) else {
          continue
        }
        guard let s = slot[r.s], let o = slot[r.o], s != o else { continue }
        guard seen.insert("\(s)\u{1}\(o)\u{1}\(r.p)").inserted else { continue }
        rels.append(Relation(subject: s, predicate: r.p, object: o))
      }
      if dropFramesWithoutRelations && rels.isEmpty {
        out.noRelationFrames += 1
        continue
      }
      out.samples.append(
        Sample(
          id: frameID(v.id, t), width: Double(mask.width), height: Double(mask.height),
          graph: SceneGraph(objects: objects, relations: rels), video: v.id, frame: t))
    }
    return out
  }

  static func isDirectory(_ url: URL) -> Bool {
    var dir: ObjCBool = false
    return FileManager.default.fileExists(atPath: url.path, isDirectory: &dir) && dir.boolValue
  }

  /// Sample ids from a thinned-variant list: plain ids, or JSONL rows with `image_id` / `id`.
  static func readFrameList(_ url: URL) throws -> Set<String> {
    let data = try readFile(url, expected: "a PVSG frame list")
    var ids = Set<String>()
    for (n, raw) in String(decoding: data, as: UTF8.self).split(separator: "\n").enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      if line.hasPrefix("{") {
        let row = try parseJSON(Data(line.utf8), path: "\(url.path):\(n + 1)")
        guard
          let id = row.objectValue?["image_id"]?.stringValue ?? row.objectValue?["id"]?.stringValue
        else {
          throw DatasetError.malformed(
            path: "\(url.path):\(n + 1)", detail: "JSONL row without a string 'image_id' or 'id'")
        }
        ids.insert(id)
      } else {
        ids.insert(line)
      }
    }
    return ids
  }
}
