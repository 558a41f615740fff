import Foundation
import SGGCore
import SGGReports
import Testing

@testable import SGGRunner

@Suite struct ImageAndSummaryTests {
  @Test func bilinearDownscaleAveragesLikePillow() {
    // 4×1 → 2×1: scale 2, support 2. Output 0: centre 1.0, inputs 0..2 with triangle weights
    // 1-|x-1+0.5|/2 = 0.75, 0.75, 0.25 (sum 1.75) → 3/7, 3/7, 1/7;
    // value 0·3/7 + 70·3/7 + 140·1/7 = 30 + 20 = 50.
    // Output 1: centre 3.0, inputs 1..3 (xmin = int(1.5) = 1): t = 0.75, 0.25, 0.25 →
    // 0.25, 0.75, 0.75 → 1/7, 3/7, 3/7; value 70/7 + 140·3/7 + 210·3/7 = 10 + 60 + 90 = 160.
    let row: [UInt8] = [0, 70, 140, 210].flatMap { [$0, $0, $0] }
    let image = RGBImage(width: 4, height: 1, pixels: row)!
    let out = ImageResize.bilinear(image, width: 2, height: 1)
    #expect(out.width == 2 && out.height == 1)
    #expect(out.pixels == [50, 50, 50, 160, 160, 160])
  }

  @Test func bilinearUpscaleInterpolates() {
    // 2×1 → 4×1: scale 0.5, support 1. Centres 0.25, 0.75, 1.25, 1.75:
    // [p0], [0.75 p0 + 0.25 p1], [0.25 p0 + 0.75 p1], [p1] with p0 = 0, p1 = 200
    // → 0, 50, 150, 200.
    let image = RGBImage(width: 2, height: 1, pixels: [0, 0, 0, 200, 200, 200])!
    let out = ImageResize.bilinear(image, width: 4, height: 1)
    #expect(out.pixels == [0, 0, 0, 50, 50, 50, 150, 150, 150, 200, 200, 200])
    // Vertical pass, same arithmetic on a 1×2 column.
    let column = RGBImage(width: 1, height: 2, pixels: [0, 0, 0, 200, 200, 200])!
    #expect(ImageResize.bilinear(column, width: 1, height: 4).pixels == out.pixels)
    #expect(ImageResize.bilinear(image, width: 2, height: 1) == image)
  }

  @Test func preparedImageSizesAndDataURL() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("img-\(UUID())")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let jpeg = try JPEGCodec.encode(RGBImage(width: 100, height: 50, fill: RGBColor(9, 9, 9)))
    try jpeg.write(to: dir.appendingPathComponent("a.jpg"))
    let asIs = try ImagePreparation(directory: dir, resize: .none).prepare(id: "a")
    #expect(asIs.width == 100 && asIs.height == 50)
    // Sent byte for byte when not resized.
    #expect(asIs.dataURL == "data:image/jpeg;base64," + jpeg.base64EncodedString())
    let resized = try ImagePreparation(directory: dir, resize: .exact(width: 64, height: 48))
      .prepare(id: "a")
    #expect(resized.width == 64 && resized.height == 48)
    let data = Data(
      base64Encoded: String(resized.dataURL.dropFirst("data:image/jpeg;base64,".count)))!
    let decoded = try JPEGCodec.decode(data)
    #expect(decoded.width == 64 && decoded.height == 48)
    #expect(throws: RunnerError.self) {
      try ImagePreparation(directory: dir, resize: .none).prepare(id: "missing")
    }
    try Data("not an image".utf8).write(to: dir.appendingPathComponent("bad.jpg"))
    #expect(throws: RunnerError.self) {
      try ImagePreparation(directory: dir, resize: .none).prepare(id: "bad")
    }
    try Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 4]).write(to: dir.appendingPathComponent("cut.jpg"))
    #expect(throws: RunnerError.self) {
      try ImagePreparation(directory: dir, resize: .exact(width: 2, height: 2)).prepare(id: "cut")
    }
  }

  @Test func qwenSmartResizeByHand() {
    // 640×480: round(480/28)=17 → 476, round(640/28)=23 → 644; 476·644 = 306544 within bounds.
    let a = QwenSmartResize.size(height: 480, width: 640, minPixels: 3136, maxPixels: 802816)
    #expect(a.height == 476 && a.width == 644)
    // 2000×2000: 2016² > 802816 → beta = sqrt(4e6/802816) = 2.2321...; 2000/beta = 896.0 → 896.
    let b = QwenSmartResize.size(height: 2000, width: 2000, minPixels: 3136, maxPixels: 802816)
    #expect(b.height == 896 && b.width == 896)
    // 20×20: 28·28 = 784 < 3136 → beta = sqrt(3136/400) = 2.8; ceil(56/28)·28 = 56.
    let c = QwenSmartResize.size(height: 20, width: 20, minPixels: 3136, maxPixels: 802816)
    #expect(c.height == 56 && c.width == 56)
    #expect(
      RunnerBoxSpace.qwen25VL(minPixels: 3136, maxPixels: 802816).space(
        sentWidth: 640, sentHeight: 480, originalWidth: 640, originalHeight: 480)
        == .resized(width: 644, height: 476))
    #expect(
      RunnerBoxSpace.sent.space(
        sentWidth: 640, sentHeight: 480, originalWidth: 640, originalHeight: 480) == .pixel)
  }

  @Test func latencySummaryAgreesWithNumpy() throws {
    let values = [0.31, 1.2, 0.05, 2.5, 0.7, 0.7, 3.9, 0.11, 1.05]
    let s = try #require(
      RunLatencySummary(
        latencies: values, promptTokens: values.map { _ in 10 },
        completionTokens: [100, 200, nil, 50, 70, 70, 390, 11, 105], wallSeconds: 3,
        sessionCount: 9))
    let reference = try python(
      "import numpy as np; v=np.array(\(values)); print(repr(float(v.mean())), repr(float(np.percentile(v,50))), repr(float(np.percentile(v,95))))"
    ).split(separator: " ").compactMap {
      Double($0.trimmingCharacters(in: .whitespacesAndNewlines))
    }
    #expect(reference.count == 3)
    #expect(abs(s.meanSeconds - reference[0]) < 1e-12)
    #expect(abs(s.p50Seconds - reference[1]) < 1e-12)
    #expect(abs(s.p95Seconds - reference[2]) < 1e-12)
    // Tokens/s by hand: tokens 100+200+50+70+70+390+11+105 = 996 over the seconds of the
    // requests that report them: 10.52 total − 0.05 = 10.47 → 996 / 10.47.
    #expect(abs(s.tokensPerSecond! - 996 / 10.47) < 1e-9)
    #expect(s.graphsPerSecond == 3)
    #expect(s.promptTokens == 90 && s.completionTokens == 996)
    #expect(RunLatencySummary(latencies: [], promptTokens: [], completionTokens: []) == nil)
  }

  @Test func completionParsingAndRequestBody() throws {
    let body = Data(
      #"{"choices":[{"message":{"content":null},"finish_reason":"length"}],"usage":{"prompt_tokens":7,"completion_tokens":9}}"#
        .utf8)
    let c = try #require(VLMCompletion.parse(body))
    #expect(
      c.content == "" && c.finishReason == "length" && c.promptTokens == 7
        && c.completionTokens == 9)
    #expect(VLMCompletion.parse(Data(#"{"choices":[]}"#.utf8)) == nil)
    #expect(VLMCompletion.parse(Data("garbage".utf8)) == nil)
    let sent = ChatRequestBody.encode(
      model: "m",
      prompt: VLMPrompt(system: "S", user: "U", responsePrefix: "<answer>\n", stop: ["</answer>"]),
      imageDataURL: "data:image/jpeg;base64,AAAA",
      sampling: SamplingParameters(temperature: 0, topP: 0.5, topK: 1, maxTokens: 20))
    let json = try #require(try JSONSerialization.jsonObject(with: sent) as? [String: Any])
    let messages = try #require(json["messages"] as? [[String: Any]])
    #expect(messages.map { $0["role"] as? String } == ["system", "user", "assistant"])
    let parts = try #require(messages[1]["content"] as? [[String: Any]])
    #expect(parts.map { $0["type"] as? String } == ["image_url", "text"])
    #expect(json["continue_final_message"] as? Bool == true)
    #expect(json["add_generation_prompt"] as? Bool == false)
    #expect(json["stop"] as? [String] == ["</answer>"])
    #expect(json["top_k"] as? Int == 1 && json["max_tokens"] as? Int == 20)
  }
}
