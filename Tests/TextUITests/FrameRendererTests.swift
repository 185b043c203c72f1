import Shared
import PropertyBased
import Testing
import TextUI

@Suite("Frame renderer")
struct FrameRendererTests {
    static let pieces = ["a", "b", "Z", " ", "-", "王", "小明", "北京", "ｱ", "Ａ", "e\u{0301}", "😀", "é", "한", "路12号"]
    static let colors: [TerminalColor] = [.default, .ansi(1), .ansi(12), .palette(33), .rgb(10, 200, 30)]

    static func randomStyle(_ rng: inout SplitMix64) -> Style {
        if Int.random(in: 0..<3, using: &rng) == 0 { return .plain }
        return Style(
            foreground: colors.randomElement(using: &rng)!, background: colors.randomElement(using: &rng)!,
            bold: Bool.random(using: &rng), underline: Bool.random(using: &rng), reverse: Bool.random(using: &rng))
    }

    /// A frame drawn by random `put` calls, so it has wide characters cut by later writes.
    static func randomFrame(width: Int, height: Int, _ rng: inout SplitMix64, from base: ScreenBuffer? = nil) -> ScreenBuffer {
        var screen = base ?? ScreenBuffer(width: width, height: height)
        for _ in 0..<Int.random(in: 0...12, using: &rng) {
            var text = ""
            for _ in 0..<Int.random(in: 1...4, using: &rng) { text += pieces.randomElement(using: &rng)! }
            screen.put(
                text, x: Int.random(in: -2...width, using: &rng), y: Int.random(in: 0..<height, using: &rng),
                style: randomStyle(&rng))
        }
        if Int.random(in: 0..<10, using: &rng) == 0 { screen.clear(style: randomStyle(&rng)) }
        return screen
    }

    @Test("applying the diff to the previous frame yields the next frame")
    func diffProperty() async {
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let width = Int.random(in: 1...12, using: &rng), height = Int.random(in: 1...4, using: &rng)
            let previous = Self.randomFrame(width: width, height: height, &rng)
            let next = Self.randomFrame(width: width, height: height, &rng, from: Bool.random(using: &rng) ? previous : nil)
            let renderer = FrameRenderer(colorMode: .truecolor)
            var terminal = VirtualTerminal(showing: previous)
            terminal.apply(renderer.render(from: previous, to: next))
            #expect(terminal.screen == next, "seed \(seed)")
        }
    }

    @Test("a full redraw from nothing, or after a resize, yields the frame")
    func fullRedrawProperty() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            let width = Int.random(in: 1...12, using: &rng), height = Int.random(in: 1...4, using: &rng)
            let next = Self.randomFrame(width: width, height: height, &rng)
            let renderer = FrameRenderer(colorMode: .truecolor)
            var fresh = VirtualTerminal(width: width, height: height)
            fresh.put(garbage: "xyz王")
            fresh.apply(renderer.render(from: nil, to: next))
            #expect(fresh.screen == next, "seed \(seed)")

            let old = Self.randomFrame(width: width + 1, height: height, &rng)
            var resized = VirtualTerminal(width: width, height: height)
            resized.put(garbage: "old")
            resized.apply(renderer.render(from: old, to: next))
            #expect(resized.screen == next, "seed \(seed)")
        }
    }

    @Test("an unchanged frame writes only the synchronized-output markers")
    func unchanged() {
        var screen = ScreenBuffer(width: 5, height: 2)
        screen.put("王a", x: 0, y: 0, style: Style(bold: true))
        let bytes = FrameRenderer(colorMode: .truecolor).render(from: screen, to: screen)
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{1B}[?2026h\u{1B}[?2026l")
    }

    @Test("one changed run: one cursor move, one SGR, only the changed cells")
    func minimalDiff() {
        var before = ScreenBuffer(width: 10, height: 3)
        before.put("hello world", x: 0, y: 1)
        var after = before
        after.put("XY", x: 3, y: 1, style: Style(foreground: .ansi(1)))
        let output = String(decoding: FrameRenderer(colorMode: .ansi16).render(from: before, to: after), as: UTF8.self)
        #expect(output == "\u{1B}[?2026h\u{1B}[2;4H\u{1B}[0;31mXY\u{1B}[0m\u{1B}[?2026l")
    }

    @Test("a wide character replaced by narrow ones redraws both cells")
    func wideToNarrow() {
        var before = ScreenBuffer(width: 4, height: 1)
        before.put("王小", x: 0, y: 0)
        var after = before
        after.put("ab", x: 1, y: 0)  // breaks 王 and 小
        let output = String(decoding: FrameRenderer(colorMode: .ansi16).render(from: before, to: after), as: UTF8.self)
        #expect(output == "\u{1B}[?2026h\u{1B}[1;1H\u{1B}[0m ab \u{1B}[?2026l")
    }
}

extension VirtualTerminal {
    /// Writes some text at the top left, to stand for whatever was on the screen before.
    mutating func put(garbage: String) {
        apply(Array("\u{1B}[1;1H\u{1B}[1;31m\(garbage)\u{1B}[0m".utf8))
    }
}
