import Testing
import TextUI

@Suite("Line editor")
struct LineEditorTests {
    @Test("typing, CJK from an input method, paste, cursor moves, backspace and delete")
    func editing() {
        var editor = LineEditor("ab")
        for event: InputEvent in [.key(.left), .key(.character("王")), .paste("小\n明"), .key(.home), .key(.delete), .key(.end), .key(.backspace)] {
            let used = editor.handle(event)
            #expect(used)
        }
        #expect(editor.text == "王小明")
        #expect(editor.cursor == 3)
        let enterUsed = editor.handle(.key(.enter))
        #expect(!enterUsed, "Enter is the caller's")
        let clearUsed = editor.handle(.key(.character("u"), .control))
        #expect(clearUsed)
        #expect(editor.text == "")
    }

    @Test("drawing keeps the cursor in view and wide characters whole")
    func drawing() {
        var editor = LineEditor("北京路12号")
        var screen = ScreenBuffer(width: 6, height: 1)
        editor.draw(into: &screen, x: 0, y: 0, width: 6)
        #expect(screen.text(row: 0) == "12号  ", "scrolled so the cursor after the text shows")
        #expect(screen[4, 0].style.reverse, "the cursor cell after the text is shown reversed")
        _ = editor.handle(.key(.home))
        editor.draw(into: &screen, x: 0, y: 0, width: 6)
        #expect(screen.text(row: 0) == "北京路")
    }
}
