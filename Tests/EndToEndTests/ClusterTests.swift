import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// Two `audit-server serve` nodes on one PostgreSQL store behind a real haproxy, configured from
/// the repository's example (`deploy/haproxy/fieldaudit.cfg`).
@Suite("a cluster behind haproxy", .serialized)
struct ClusterTests {
    @Test("kill -9 of a node while a tablet pushes through haproxy: nothing acknowledged is lost, nothing is merged twice, the tablet carries on through the other node")
    func killANodeUnderPushes() throws {
        let fixture = try ServerFixture(store: .postgres, serverArguments: ["--rate", "0"])
        let nodeB = try fixture.startAnotherNode()
        defer { _ = nodeB.stop() }
        let proxy = try HAProxy(nodes: [fixture.server.port, nodeB.port], directory: fixture.directory.path)
        defer { proxy.stop() }
        let anna = TerminalHome(in: fixture.directory, name: "anna")
        try anna.must(["enroll", "--server", proxy.baseURL, "--token", fixture.annaToken])
        try anna.must(["sync"])

        var acknowledged: [Int] = []
        for round in 1...16 {
            try anna.must(["edit", "cus-20000002", "notes=round \(round)"])
            if round == 6 { fixture.server.kill9() }
            // A sync may fail while haproxy still sends to the dead node; the edit waits in the outbox.
            if try anna.run(["sync"]).status == 0, try anna.outbox() == 0 { acknowledged.append(round) }
        }
        #expect(try anna.eventually(within: 60) { _ = try anna.run(["sync"]); return try anna.outbox() == 0 }, "the tablet got through the other node")
        #expect(acknowledged.contains { $0 > 6 }, "syncs after the kill went through node B: \(acknowledged)")

        let stored = try #require(try fixture.states(.customer)["cus-20000002"].map(Customer.init))
        #expect(stored.notes == "round 16", "the last edit is on the store")
        #expect(try fixture.scalar("""
            SELECT COUNT(*) FROM (SELECT batch_id FROM change_log WHERE batch_id IS NOT NULL
            GROUP BY batch_id, kind, id HAVING COUNT(*) > 1) AS twice
            """) == 0, "no batch was merged twice")
        #expect(try fixture.refusals(of: "tab-anna").isEmpty)
        #expect(try anna.field("cus-20000002", "notes").value == "round 16")
        // The dead node comes back and serves again.
        try fixture.server.restart()
        try anna.must(["edit", "cus-20000002", "notes=after the restart"])
        #expect(try anna.eventually(within: 30) { _ = try anna.run(["sync"]); return try anna.outbox() == 0 })
    }
}
