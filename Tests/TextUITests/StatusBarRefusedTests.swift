import AuditTerminal
import Foundation
import Testing
import TextUI

/// Batches the server refused show on every screen's status bar until the auditor deals with them.
@Suite("Status bar: refused batches")
struct StatusBarRefusedTests {
    @Test("refused batches show as a warning beside the outbox; none, no segment")
    func refusedSegment() {
        let utc = TimeZone(identifier: "UTC")!
        let none = StatusBar.segments(ConnectionStatus(link: .online, outbox: 2), timeZone: utc).map(\.text)
        #expect(!none.contains { $0.contains("refused") })
        let some = StatusBar.segments(ConnectionStatus(link: .online, outbox: 2, refused: 1), timeZone: utc).map(\.text)
        #expect(some.firstIndex(of: "⚠ 1 refused") == some.firstIndex(of: "outbox 2").map { $0 + 1 })
    }

    @Test("the whole bar keeps the warning on a narrow screen")
    func drawn() throws {
        let home = try SeededHome()
        var state = AuditUIState(snapshot: try AuditSnapshot.load(from: home.store))
        state.timeZone = TimeZone(identifier: "UTC")!
        state.status = ConnectionStatus(link: .offline(reason: "could not connect to 127.0.0.1:9"), outbox: 3, refused: 2)
        state.normalize(width: 80, height: 24)
        var screen = ScreenBuffer(width: 80, height: 24)
        AuditScreen.render(state, into: &screen, now: Date(timeIntervalSince1970: 1_795_003_725))
        #expect(screen.text(row: 23).contains("⚠ 2 refused"))
    }
}
