import Testing
import TextUI

@Suite("Screen buffer")
struct ScreenBufferTests {
    @Test("put respects widths and clips at the right edge")
    func put() {
        var screen = ScreenBuffer(width: 7, height: 2)
        let end = screen.put("王小明", x: 0, y: 0)
        #expect(end == 6)
        #expect(screen[1, 0].isContinuation)
        #expect(screen.text(row: 0) == "王小明 ")
        screen.put("ab王小", x: 2, y: 1)
        #expect(screen.text(row: 1) == "  ab王 ")  // 小 would straddle the edge: a space instead
        #expect(!screen[6, 1].isContinuation)
    }

    @Test("overwriting half of a wide character blanks the other half")
    func breakWide() {
        var screen = ScreenBuffer(width: 4, height: 1)
        screen.put("王小", x: 0, y: 0)
        screen.put("x", x: 1, y: 0)
        #expect(screen.text(row: 0) == " x小")
        screen.put("y", x: 2, y: 0)
        #expect(screen.text(row: 0) == " xy ")
        screen.put("明", x: 1, y: 0)
        #expect(screen.text(row: 0) == " 明 ")
    }

    @Test("clear and equality")
    func clearAndEquality() {
        var a = ScreenBuffer(width: 3, height: 2)
        let b = a
        a.put("é", x: 0, y: 0, style: Style(bold: true))
        #expect(a != b)
        #expect(a[0, 0].character == "é")
        a.clear()
        #expect(a == b)
    }
}
