import Foundation
import TestSupport
import Testing

/// The real audit-terminal binary in tmux, on a home enrolled with a real server: search, open a
/// customer, edit a field, save, and read the screen; resize and see it redrawn.
@Suite("audit-terminal text UI in tmux", .serialized)
struct TerminalUITests {
    static func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @Test("type a search, open the customer, edit the phone, save: the new value and outbox 1 show; a resize redraws everything")
    func editInTmux() throws {
        let fixture = try ServerFixture()
        let home = TerminalHome(in: fixture.directory, name: "ui")
        try home.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try home.must(["sync"])
        let command = [Executables.path("audit-terminal"), "--home", home.path, "--sync-every", "0"].map(Self.quoted).joined(separator: " ")
        let session = try TmuxSession(command: "TERM=xterm-256color \(command); echo UI-EXITED status $?", width: 90, height: 24)
        defer { session.close() }

        var shown = try session.waitFor { $0.contains("客户 2") && $0.contains("● online") }
        #expect(shown.ok, "the list and a successful first sync show:\n\(shown.screen)")
        #expect(shown.screen.contains("outbox 0"))

        try session.press("/")
        try session.type("客户 2")
        shown = try session.waitFor { $0.contains("search: 客户 2") && !$0.contains("客户 1") }
        #expect(shown.ok, "the search narrows the list:\n\(shown.screen)")
        try session.press("Enter")
        try session.press("Enter")
        shown = try session.waitFor { $0.contains("customer cus-20000002") }
        #expect(shown.ok, "the record opens:\n\(shown.screen)")

        try session.press("Down", "Down", "Down", "Enter", "C-u")  // account, name, address, phone
        try session.type("+49 921 555 4242")
        shown = try session.waitFor { $0.contains("✓ fits the rule") }
        #expect(shown.ok, "the rule accepts the phone:\n\(shown.screen)")
        try session.press("Enter")
        shown = try session.waitFor { $0.contains("saved phone = +49 921 555 4242") && $0.contains("outbox 1") }
        #expect(shown.ok, "the value is saved and the outbox count goes up:\n\(shown.screen)")
        #expect(try home.field("cus-20000002", "phone").value == "+49 921 555 4242")
        #expect(try home.outbox() == 1)

        try session.resize(width: 120, height: 30)
        shown = try session.waitFor { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            return lines.count == 30 && lines.first?.contains("FieldAudit") == true && lines.last?.contains("outbox 1") == true
                && screen.contains("+49 921 555 4242")
        }
        #expect(shown.ok, "after the resize the whole screen is drawn at 120×30:\n\(shown.screen)")

        try session.press("q")
        shown = try session.waitFor { $0.contains("UI-EXITED status 0") && !$0.contains("FieldAudit") }
        #expect(shown.ok, "q leaves the UI cleanly and the shell screen comes back:\n\(shown.screen)")
    }

    @Test("--gps replaying a walk along the planned path, --map: the real roads, the fix in the status bar and the next-stop panel show")
    func mapWithGPSInTmux() throws {
        let directory = try TemporaryDirectory("ui-map")
        defer { directory.remove() }
        let (server, token, _) = try TerminalMapTests.server(directory)
        defer { _ = server.stop() }
        let home = TerminalHome(in: directory, name: "anna")
        try home.must(["enroll", "--server", server.baseURL, "--token", token])
        try home.must(["sync"])
        try home.must(["route", "--from", "50.0170,11.5000", "--geometry", directory.file("path.csv")])
        try home.must(["gps", "walk", directory.file("path.csv"), "--out", directory.file("walk.nmea"), "--speed", "1.4"])
        let command = [Executables.path("audit-terminal"), "--home", home.path, "--sync-every", "0", "--map",
                       "--gps", "nmea:\(directory.file("walk.nmea"))?speed=2"].map(Self.quoted).joined(separator: " ")
        let session = try TmuxSession(command: "TERM=xterm-256color \(command); echo UI-EXITED status $?", width: 100, height: 30)
        defer { session.close() }

        let shown = try session.waitFor { $0.contains("▶ next: ") && $0.contains("↪ ") && $0.contains("◉ gps") }
        #expect(shown.ok, "the path's next stop, the next instruction and the fix show:\n\(shown.screen)")
        #expect(shown.screen.contains("[m Map]") && shown.screen.contains("© OpenStreetMap contributors"))
        let brailleCells = shown.screen.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count
        #expect(brailleCells > 100, "roads and path drawn in braille (\(brailleCells) cells)")

        try session.press("q")
        let closed = try session.waitFor { $0.contains("UI-EXITED status 0") }
        #expect(closed.ok, "q leaves the UI cleanly:\n\(closed.screen)")
    }

    @Test("without a terminal, audit-terminal with no subcommand says why and exits non-zero")
    func noTerminal() throws {
        let directory = try TemporaryDirectory("ui")
        defer { directory.remove() }
        let result = try run("audit-terminal", ["--home", directory.file("home")])
        #expect(result.status != 0)
        #expect(result.stderr.contains("needs a terminal"))
    }
}
