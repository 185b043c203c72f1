#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
import TextUI

@Suite("Terminal mode")
struct TerminalModeTests {
    @Test("enter and exit sequences")
    func sequences() {
        #expect(TerminalMode.enterSequence(.all) == "\u{1B}[?1049h\u{1B}[2J\u{1B}[?25l\u{1B}[?2004h\u{1B}[?1000h\u{1B}[?1002h\u{1B}[?1006h")
        #expect(TerminalMode.exitSequence(.all) == "\u{1B}[?2026l\u{1B}[0m\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l\u{1B}[?2004l\u{1B}[?25h\u{1B}[?1049l")
        #expect(TerminalMode.exitSequence([]) == "\u{1B}[?2026l\u{1B}[0m")
    }

    @Test("raw settings turn off echo, line editing, signals and translation")
    func raw() {
        var settings = termios()
        settings.c_lflag = tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        settings.c_iflag = tcflag_t(ICRNL | IXON)
        settings.c_oflag = tcflag_t(OPOST)
        let raw = TerminalMode.makeRaw(settings)
        #expect(raw.c_lflag & tcflag_t(ECHO | ICANON | ISIG | IEXTEN) == 0)
        #expect(raw.c_iflag & tcflag_t(ICRNL | IXON) == 0)
        #expect(raw.c_oflag & tcflag_t(OPOST) == 0)
        #expect(raw.c_cflag & tcflag_t(CSIZE) == tcflag_t(CS8))
    }

    @Test("restore without enter does nothing")
    func restoreIdle() {
        #expect(!TerminalMode.isActive)
        TerminalMode.restore()
        TerminalMode.restore()
        #expect(!TerminalMode.isActive)
    }
}
