import Testing

@testable import SGGCore

@Suite struct IoUTests {
  // Hand-worked: [0,0,10,10] vs [5,5,15,15]: inter 25, union 175.
  @Test func plainOverlap() {
    let a = Box(x1: 0, y1: 0, x2: 10, y2: 10)
    let b = Box(x1: 5, y1: 5, x2: 15, y2: 15)
    #expect(IoU.plain(a, b) == 25.0 / 175.0)
    #expect(IoU.coco(a, b) == 25.0 / 175.0)
  }

  // +1 pixel: areas 11*11=121 each, inter 6*6=36, union 206.
  @Test func plusOnePixelOverlap() {
    let a = Box(x1: 0, y1: 0, x2: 10, y2: 10)
    let b = Box(x1: 5, y1: 5, x2: 15, y2: 15)
    #expect(IoU.plusOnePixel(a, b) == Float(36) / Float(206))
  }

  @Test func reversedCornersScoreZeroPlain() {
    let a = Box(x1: 10, y1: 10, x2: 0, y2: 0)
    #expect(IoU.plain(a, a) == 0)
    #expect(IoU.coco(a, a) == 0)
    #expect(IoU.plain(a.cornersSorted, a.cornersSorted) == 1)
  }

  @Test func disjointAndTouching() {
    let a = Box(x1: 0, y1: 0, x2: 10, y2: 10)
    let b = Box(x1: 10, y1: 0, x2: 20, y2: 10)
    #expect(IoU.plain(a, b) == 0)
    // +1 pixel counts the shared column: inter 1*11 = 11, union 242 - 11 = 231.
    #expect(IoU.plusOnePixel(a, b) == Float(11) / Float(231))
  }

  // Swift's min(400, .nan) is 400, so without a guard a NaN box would overlap everything
  // (IoU 10 here); numpy propagates the NaN and its `union > 0` test yields 0.
  @Test func nonFiniteBoxesNeverOverlap() {
    let gt = Box(x1: 320, y1: 80, x2: 400, y2: 300)
    let bad = Box(x1: 0, y1: 100, x2: .nan, y2: 300)
    #expect(IoU.plain(gt, bad) == 0)
    #expect(IoU.plain(bad, gt) == 0)
    #expect(IoU.coco(gt, bad) == 0)
    #expect(IoU.plusOnePixel(gt, bad).isNaN)
    #expect(IoU.plain(gt, Box(x1: 0, y1: 0, x2: .infinity, y2: 300)) == 0)
  }

  @Test func zeroAreaUnionIsZero() {
    let p = Box(x1: 3, y1: 3, x2: 3, y2: 3)
    #expect(IoU.plain(p, p) == 0)
  }
}

@Suite struct LabelNormalizerTests {
  @Test func refineMatchesPython() {
    #expect(LabelNormalizer.refine("  Traffic_Light-Pole ") == "traffic light pole")
    #expect(LabelNormalizer.refine("closet/cabinet") == "closet/cabinet")
    #expect(LabelNormalizer.refine("in  front") == "in  front")
  }

  @Test func r1sggCategory() {
    #expect(LabelNormalizer.r1sggCategory(ofID: "traffic_light.2") == "traffic light")
    #expect(LabelNormalizer.r1sggCategory(ofID: "person") == "person")
  }

  @Test func canonical() {
    #expect(LabelNormalizer.canonical("traffic light") == "traffic-light")
    #expect(LabelNormalizer.canonical("__Window_Other!!") == "window-other")
  }
}

@Suite struct BoxSpaceTests {
  @Test func parsesAllForms() {
    #expect(BoxSpace(parsing: "pixel") == .pixel)
    #expect(BoxSpace(parsing: "norm1000") == .norm1000)
    #expect(BoxSpace(parsing: "norm1") == .norm1)
    #expect(BoxSpace(parsing: "resized:640x480") == .resized(width: 640, height: 480))
    #expect(BoxSpace(parsing: "resized:640") == nil)
    #expect(BoxSpace(parsing: "resized:0x480") == nil)
    #expect(BoxSpace(parsing: "pixels") == nil)
    #expect(BoxSpace.resized(width: 640, height: 480).name == "resized:640x480")
  }

  @Test func conversionToPixels() {
    let b = Box(x1: 100, y1: 200, x2: 500, y2: 1000)
    #expect(
      BoxSpace.norm1000.toPixels(b, width: 800, height: 600)
        == Box(x1: 80, y1: 120, x2: 400, y2: 600))
    #expect(BoxSpace.pixel.toPixels(b, width: 1, height: 1) == b)
    let r = BoxSpace.resized(width: 640, height: 480).toPixels(b, width: 1280, height: 960)
    #expect(r == Box(x1: 200, y1: 400, x2: 1000, y2: 2000))
    // v * W / w left to right: 158 * 480 / 640 = 118.5 exactly.
    let q = BoxSpace.resized(width: 640, height: 480).toPixels(
      Box(x1: 158, y1: 78, x2: 439, y2: 232), width: 480, height: 640)
    #expect(q.x1 == 158.0 * 480.0 / 640.0 && q.y1 == 78.0 * 640.0 / 480.0)
  }
}

@Suite struct RefineFastPathTests {
  // The ASCII byte path must equal the code-point definition: replace "_" and "-" by spaces,
  // strip Python whitespace (\t \n \v \f \r \x1c-\x1f, space), lower-case.
  @Test func asciiPathMatchesDefinition() {
    let alphabet = Array("aZ_- \t\n\u{0B}\u{0C}\r\u{1C}\u{1F}./9Q".unicodeScalars)
    var g = SystemRandomNumberGenerator()
    for _ in 0..<2000 {
      let text = String(
        String.UnicodeScalarView(
          (0..<Int.random(in: 0..<12, using: &g)).map { _ in alphabet.randomElement(using: &g)! }))
      let replaced = String(
        String.UnicodeScalarView(text.unicodeScalars.map { $0 == "_" || $0 == "-" ? " " : $0 }))
      let isSpace: (Unicode.Scalar) -> Bool = {
        (0x09...0x0D).contains($0.value) || (0x1C...0x20).contains($0.value)
      }
      var scalars = Array(replaced.unicodeScalars)
      while let f = scalars.first, isSpace(f) { scalars.removeFirst() }
      while let l = scalars.last, isSpace(l) { scalars.removeLast() }
      let expected = String(String.UnicodeScalarView(scalars)).lowercased()
      #expect(LabelNormalizer.refine(text) == expected, "\(text.debugDescription)")
    }
    // Non-ASCII text takes the code-point path: U+3000 is Python whitespace.
    #expect(LabelNormalizer.refine("\u{3000}Éclair_Tart ") == "éclair tart")
  }
}
