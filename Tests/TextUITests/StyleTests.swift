import Testing
import TextUI

@Suite("Style and colour mode")
struct StyleTests {
    @Test("colour mode detection from the environment")
    func detection() {
        #expect(ColorMode.detect(environment: ["COLORTERM": "truecolor", "TERM": "xterm-256color"]) == .truecolor)
        #expect(ColorMode.detect(environment: ["COLORTERM": "24bit"]) == .truecolor)
        #expect(ColorMode.detect(environment: ["TERM": "xterm-256color"]) == .palette256)
        #expect(ColorMode.detect(environment: ["TERM": "tmux-256color"]) == .palette256)
        #expect(ColorMode.detect(environment: ["TERM": "xterm"]) == .ansi16)
        #expect(ColorMode.detect(environment: [:]) == .ansi16)
        #expect(ColorMode.detect(environment: ["TERM": "dumb"]) == .none)
        #expect(ColorMode.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"]) == .none)
        #expect(ColorMode.detect(environment: ["NO_COLOR": "", "TERM": "xterm-256color"]) == .palette256)
    }

    @Test("colours are downgraded RGB → 256 → 16 → none")
    func downgrading() {
        let red = TerminalColor.rgb(255, 0, 0)
        #expect(red.downgraded(to: .truecolor) == red)
        #expect(red.downgraded(to: .palette256) == .palette(196))
        #expect(red.downgraded(to: .ansi16) == .ansi(9))
        #expect(red.downgraded(to: .none) == .default)
        #expect(TerminalColor.rgb(128, 128, 128).downgraded(to: .palette256) == .palette(244))
        #expect(TerminalColor.palette(196).downgraded(to: .ansi16) == .ansi(9))
        #expect(TerminalColor.palette(4).downgraded(to: .ansi16) == .ansi(4))
        #expect(TerminalColor.ansi(2).downgraded(to: .palette256) == .ansi(2))
    }

    @Test("SGR sequences start from a reset")
    func sgr() {
        #expect(Style.plain.sgr(in: .truecolor) == "\u{1B}[0m")
        let style = Style(foreground: .rgb(1, 2, 3), background: .ansi(12), bold: true, reverse: true)
        #expect(style.sgr(in: .truecolor) == "\u{1B}[0;1;7;38;2;1;2;3;104m")
        #expect(style.sgr(in: .none) == "\u{1B}[0;1;7m")
        #expect(Style(foreground: .palette(42), underline: true).sgr(in: .palette256) == "\u{1B}[0;4;38;5;42m")
    }
}
