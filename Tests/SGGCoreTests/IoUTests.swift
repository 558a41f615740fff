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

  @Test func scaleFactors() {
    let s = BoxSpace.norm1000.scaleToPixels(width: 800, height: 600)
    #expect(s.x == 0.8 && s.y == 0.6)
    let r = BoxSpace.resized(width: 640, height: 480).scaleToPixels(width: 1280, height: 960)
    #expect(r.x == 2 && r.y == 2)
  }
}
