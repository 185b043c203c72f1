import Testing
import TextUI

@Suite("Display width")
struct DisplayWidthTests {
    @Test("ASCII is one cell per character")
    func ascii() {
        #expect(DisplayWidth.of("Hello, world") == 12)
        #expect(DisplayWidth.of("") == 0)
    }

    @Test("CJK names are two cells per character")
    func cjk() {
        #expect(DisplayWidth.of("王小明") == 6)
        #expect(DisplayWidth.of("北京市朝阳区") == 12)
        #expect(DisplayWidth.of("ひらがなカタカナ") == 16)
        #expect(DisplayWidth.of("한국어") == 6)
        #expect(DisplayWidth.of("王 Li") == 5)
    }

    @Test("combining marks take no cell")
    func combining() {
        let decomposed = "e\u{0301}"
        #expect(decomposed.count == 1)
        #expect(DisplayWidth.of(decomposed) == 1)
        #expect(DisplayWidth.of("Cafe\u{0301}") == 4)
        #expect(DisplayWidth.of(Unicode.Scalar(0x0301)!) == 0)
        #expect(DisplayWidth.of("\u{200B}") == 0)
    }

    @Test("controls take no cell")
    func controls() {
        #expect(DisplayWidth.of(Unicode.Scalar(0x07)) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x1B)) == 0)
        #expect(DisplayWidth.of(Unicode.Scalar(0x9B)) == 0)
    }

    @Test("emoji and fullwidth forms are two cells")
    func emojiAndFullwidth() {
        #expect(DisplayWidth.of("😀") == 2)
        #expect(DisplayWidth.of("👍🏽") == 2)
        #expect(DisplayWidth.of("❤️") == 2)  // U+2764 U+FE0F
        #expect(DisplayWidth.of("Ａ") == 2)  // U+FF21
        #expect(DisplayWidth.of("１２３") == 6)
        #expect(DisplayWidth.of("\u{3000}") == 2)
        #expect(DisplayWidth.of("ｱ") == 1)  // halfwidth katakana
    }

    @Test("truncation never splits a wide character")
    func truncation() {
        #expect(DisplayWidth.truncate("王小明", toWidth: 5) == "王小 ")
        #expect(DisplayWidth.truncate("王小明", toWidth: 4) == "王小")
        #expect(DisplayWidth.truncate("王小明", toWidth: 1) == " ")
        #expect(DisplayWidth.truncate("ab王", toWidth: 3) == "ab ")
        #expect(DisplayWidth.truncate("abc", toWidth: 10) == "abc")
        #expect(DisplayWidth.truncate("abc", toWidth: 0) == "")
        #expect(DisplayWidth.truncate("Cafe\u{0301}s", toWidth: 4) == "Cafe\u{0301}")
        for width in 0...8 {
            let result = DisplayWidth.truncate("A王小明B", toWidth: width)
            #expect(DisplayWidth.of(result) == min(width, 8))
        }
    }
}
