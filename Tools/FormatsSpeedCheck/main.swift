// Hand-run speed check (not a test): PredictionsReader + DefaultParser on ~30 MB of JSONL.
//   swift run -c release formats-speed-check [megabytes] [file]
// Generates the file (half JSON answers in <think>/<answer>/```json, half TOON answers) unless
// it exists, then reads it with PredictionsReader.read(contentsOf:) and parses every response.
import Foundation
import SGGCore
import SGGFormats

let args = Array(CommandLine.arguments.dropFirst())
let targetMB = Double(args.first ?? "30") ?? 30
let path = args.count > 1 ? args[1] : "/tmp/sgg-formats-speed-\(Int(targetMB))mb.jsonl"
let url = URL(fileURLWithPath: path)
if !FileManager.default.fileExists(atPath: path) {
  let names = ["person", "traffic_light", "car", "tree", "window", "dining table", "bike", "dog"]
  let predicates = ["on", "near", "in front of", "riding", "wearing", "holding"]
  var rng = SystemRandomNumberGenerator()
  var lines: [String] = []
  var total = 0
  var i = 0
  while Double(total) < targetMB * 1_000_000 {
    i += 1
    let n = Int.random(in: 5...30, using: &rng)
    let m = Int.random(in: 0...40, using: &rng)
    var graph = SceneGraph()
    for _ in 0..<n {
      let x = Double(Int.random(in: 0...600, using: &rng))
      let y = Double(Int.random(in: 0...440, using: &rng))
      graph.objects.append(
        Object(
          label: names.randomElement(using: &rng)!, box: Box(x1: x, y1: y, x2: x + 37.5, y2: y + 20)
        ))
    }
    for _ in 0..<m {
      graph.relations.append(
        Relation(
          subject: Int.random(in: 0..<n, using: &rng),
          predicate: predicates.randomElement(using: &rng)!,
          object: Int.random(in: 0..<n, using: &rng)))
    }
    let body: String
    if i % 2 == 0 {
      body =
        "<think>Let me look at the image.</think><answer>```json\n" + JSONGraphWriter().write(graph)
        + "\n```</answer>"
    } else {
      body = "<answer>\n" + ToonGraphWriter().write(graph) + "\n</answer>"
    }
    let line =
      #"{"id": "img\#(i)", "response": ""# + CanonicalNumber.jsonString(body).dropFirst().dropLast()
      + #"", "box_space": "norm1000", "gen_time_s": 1.5, "usage": {"prompt_tokens": 800, "completion_tokens": 400}, "finish_reason": "stop"}"#
    lines.append(line)
    total += line.utf8.count + 1
  }
  try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: url)
  print("generated \(lines.count) lines in \(path)")
}
let mb =
  Double((try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) / 1_000_000
print(String(format: "%.1f MB", mb))

func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

let parser = DefaultParser()
for run in 1...3 {
  let c0 = cpuSeconds()
  let t0 = Date()
  let file = try PredictionsReader.read(contentsOf: url)
  if run == 1, let issue = file.issues.first { print("first issue:", issue) }
  let t1 = Date()
  var objects = 0
  var failures = 0
  for rec in file.records {
    let r = parser.parse(rec.response ?? "")
    if let g = r.graph { objects += g.objects.count } else { failures += 1 }
  }
  let t2 = Date()
  let c2 = cpuSeconds()
  if run == 1 {
    for parity in 0...1 {
      let t = Date()
      var bytesSeen = 0
      for rec in file.records where (Int(rec.id.dropFirst(3))! % 2) == parity {
        bytesSeen += rec.response!.utf8.count
        _ = parser.parse(rec.response!)
      }
      let dt = Date().timeIntervalSince(t)
      print(
        parity == 0 ? "  json responses:" : "  toon responses:",
        String(format: "%.0f MB/s of response text", Double(bytesSeen) / 1e6 / dt))
    }
  }
  let read = t1.timeIntervalSince(t0)
  let all = t2.timeIntervalSince(t0)
  print(
    "run \(run): read \(String(format: "%.0f", mb / read)) MB/s; read+parse \(String(format: "%.0f", mb / all)) MB/s "
      + "[CPU time: \(String(format: "%.0f", mb / (c2 - c0))) MB/s] "
      + "(\(file.records.count) records, \(file.issues.count) issues, \(objects) objects, \(failures) failures)"
  )
}
