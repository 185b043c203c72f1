import Foundation
import Shared
import TestSupport
import Testing

/// `audit-terminal sync --watch`: work assigned in the office arrives by itself; offline it waits and retries.
@Suite("audit-terminal sync --watch", .serialized)
struct TerminalWatchTests {
    @Test("work a dispatcher assigns reaches a watching tablet without a manual sync; local edits go out")
    func pushedWorkArrives() throws {
        let fixture = try ServerFixture()
        let ben = TerminalHome(in: fixture.directory, name: "ben")
        try ben.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.benToken])
        let watch = try ben.startWatch()
        defer { watch.terminate(); kill(watch.processIdentifier, SIGKILL) }

        let order = try fixture.dispatch(["workorder", "create", "--assignee", "ben", "--customers", "cus-20000005"]).lastLine
        #expect(ben.eventually(within: 30) { (try? ben.must(["orders"]).stdout.contains(order)) ?? false },
                "the work order arrived while the tablet was only watching")

        try ben.must(["edit", "cus-20000005", "notes=seen by the watcher"])
        #expect(ben.eventually(within: 40) { (try? ben.outbox()) == 0 }, "the watcher sent the edit")
    }

    @Test("a watching tablet without a server keeps its edit and sends it once the server is back")
    func offlineThenOnline() throws {
        let fixture = try ServerFixture()
        let anna = TerminalHome(in: fixture.directory, name: "anna")
        try anna.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try anna.must(["sync"])
        fixture.server.kill9()
        try anna.must(["edit", "cus-20000001", "notes=written offline"])
        let watch = try anna.startWatch()
        defer { watch.terminate(); kill(watch.processIdentifier, SIGKILL) }
        Thread.sleep(forTimeInterval: 1.5)
        #expect(watch.isRunning, "offline is not a reason to stop")
        #expect(try anna.outbox() == 1)

        try fixture.server.restart()
        #expect(anna.eventually(within: 40) { (try? anna.outbox()) == 0 }, "sent after the server came back")
        let packet = fixture.directory.file("p.json")
        try ServerFixture.expectSuccess(fixture.dispatch(["packet", "export", "--work-order", fixture.annaOrder, "--out", packet]))
        #expect(try String(contentsOfFile: packet, encoding: .utf8).contains("written offline"))
    }
}
