import Evidence
import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing
import Transport

/// Signed, chained visits against a real audit-server: what the push checks refuse, and what
/// `audit-server presence verify` finds in what was accepted.
@Suite("Signed visits", .serialized)
struct SignedVisitTests {
    /// A server without the rate limit, Anna's wire tablet and a registered signing key.
    static func prepared(store: StoreKind) async throws -> (fixture: ServerFixture, anna: WireRecords, chain: SignedEvidence) {
        let fixture = try ServerFixture(store: store, serverArguments: ["--rate", "0"])
        let chain = try SignedEvidence()
        let registered = try await chain.register(with: fixture, token: fixture.annaToken)
        #expect(registered.status == 200, "\(registered.text ?? "")")
        return (fixture, WireRecords(fixture: fixture, token: fixture.annaToken, replica: "t-tab-anna"), chain)
    }

    /// A gnss visit of Anna's at customer 1's site, `minutesAgo` before now.
    static func visitAtSite(_ chain: inout SignedEvidence, _ fixture: ServerFixture, id: String, minutesAgo: Int64) throws -> RecordState {
        let time = SignedEvidence.iso(Int64(Date().timeIntervalSince1970) - minutesAgo * 60)
        return try chain.record(.auditVisit, id: id, SignedEvidence.visitFields(
            workOrder: fixture.annaOrder, customer: "cus-20000001", time: time,
            fix: GeoPoint(latitude: 49.951, longitude: 11.571), source: .gnss, distance: 0))
    }

    func verify(_ fixture: ServerFixture) throws -> CommandResult {
        try fixture.dispatch(["presence", "verify", "--device", "tab-anna"])
    }

    @Test("POST /v1/device/key: idempotent, bad keys refused 400 bad_key, device list counts the keys", arguments: StoreKind.allCases)
    func registerKey(store: StoreKind) async throws {
        let (fixture, _, chain) = try await Self.prepared(store: store)
        let again = try await chain.register(with: fixture, token: fixture.annaToken)
        #expect(again.status == 200)
        let answer = try #require(try JSONSerialization.jsonObject(with: again.body) as? [String: String])
        #expect(answer == ["device": "tab-anna", "public_key": chain.key.publicKey])
        let before = try fixture.databaseDump()
        for body in [#"{"public_key": "abc"}"#, #"{"key": 1}"#, "not json"] {
            let refused = try await rawRequest(.post, fixture.server.baseURL + "/v1/device/key", token: fixture.annaToken, body: Data(body.utf8))
            #expect(refused.status == 400, "\(body)")
            #expect(refused.text?.contains("bad_key") == true)
        }
        let stolen = try await chain.register(with: fixture, token: fixture.benToken)
        #expect(stolen.status == 409, "another device's key is not Ben's")
        #expect(try fixture.databaseDump() == before)
        let second = try await SignedEvidence().register(with: fixture, token: fixture.annaToken)
        #expect(second.status == 200)
        let list = try ServerFixture.expectSuccess(fixture.dispatch(["device", "list", "--json"])).stdout
        let devices = try #require(try JSONSerialization.jsonObject(with: Data(list.utf8)) as? [[String: Any]])
        #expect(devices.first { $0["name"] as? String == "tab-anna" }?["keys"] as? Int == 2)
        #expect(devices.first { $0["name"] as? String == "tab-ben" }?["keys"] as? Int == 0)
    }

    @Test("a chain of signed visits and a track batch is accepted, and presence verify finds it whole", arguments: StoreKind.allCases)
    func wholeChain(store: StoreKind) async throws {
        var (fixture, anna, chain) = try await Self.prepared(store: store)
        let first = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-s1", minutesAgo: 30))
        let track = try chain.signed(chain.record(.track, id: "trk-s1", SignedEvidence.trackFields([
            TrackPoint(point: GeoPoint(latitude: 49.951, longitude: 11.571), seconds: Int64(Date().timeIntervalSince1970) - 1500, accuracy: 5),
        ])))
        let second = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-s2", minutesAgo: 20))
        #expect(try await anna.push([SignedEvidence.wire(first)]).status == 200)
        #expect(try await anna.push([SignedEvidence.wire(track), SignedEvidence.wire(second)]).status == 200)
        #expect(try fixture.scalar("SELECT COUNT(*) FROM evidence_chain") == 3)
        let verified = try verify(fixture)
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("3 signed item(s), chain whole"), "\(verified.stdout)")
        let shown = try ServerFixture.expectSuccess(fixture.dispatch(["presence", "vis-s2"])).stdout
        #expect(shown.contains("signed and verified"), "\(shown)")
        #expect(shown.contains("all passed"), "\(shown)")
        // Sent again (a lost answer), the same signed visit is no fork.
        #expect(try await anna.push([SignedEvidence.wire(second)]).status == 200)
    }

    @Test("forged signatures and unregistered signers are refused 403 and write nothing", arguments: StoreKind.allCases)
    func forgeries(store: StoreKind) async throws {
        var (fixture, anna, chain) = try await Self.prepared(store: store)
        let honest = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-f0", minutesAgo: 40))
        #expect(try await anna.push([SignedEvidence.wire(honest)]).status == 200)
        let before = try fixture.databaseDump()

        var forger = chain
        let otherKey = try forger.signed(Self.visitAtSite(&forger, fixture, id: "vis-f1", minutesAgo: 30), by: EvidenceKey())
        var changed = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-f2", minutesAgo: 20))
        try chain.write(.decimal(3), to: "distance_m", in: &changed)
        var stranger = try SignedEvidence(replica: "t-tab-anna")
        stranger.sequence = chain.sequence
        stranger.previous = chain.previous
        let unregistered = try stranger.signed(Self.visitAtSite(&stranger, fixture, id: "vis-f3", minutesAgo: 10))

        for (name, state, code) in [("signed by another key", otherKey, "bad_signature"), ("changed after signing", changed, "bad_signature"),
                                    ("signed by an unregistered key", unregistered, "unknown_signer")] {
            let answer = try await anna.push([SignedEvidence.wire(state)])
            #expect(answer.status == 403, "\(name)")
            #expect(answer.error?.error == code, "\(name): \(String(describing: answer.error))")
        }
        #expect(try fixture.databaseDump() == before, "nothing was written")
        #expect(try verify(fixture).status == 0)
    }

    @Test("two visits in one place of the chain are refused 403 chain_fork; a wrong chain_prev 403 chain_broken", arguments: StoreKind.allCases)
    func forkAndBrokenPush(store: StoreKind) async throws {
        var (fixture, anna, chain) = try await Self.prepared(store: store)
        let first = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-k1", minutesAgo: 30))
        #expect(try await anna.push([SignedEvidence.wire(first)]).status == 200)
        let before = try fixture.databaseDump()
        let twin = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-k2", minutesAgo: 20), sequence: 1, previous: EvidenceHash.chainStart)
        let fork = try await anna.push([SignedEvidence.wire(twin)])
        #expect(fork.status == 403 && fork.error?.error == "chain_fork", "\(String(describing: fork.error))")
        let skewed = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-k3", minutesAgo: 10), sequence: 2, previous: EvidenceHash.chainStart)
        let broken = try await anna.push([SignedEvidence.wire(skewed)])
        #expect(broken.status == 403 && broken.error?.error == "chain_broken", "\(String(describing: broken.error))")
        #expect(try fixture.databaseDump() == before)
    }

    @Test("a visit removed from the middle of the chain shows as a gap in presence verify, which exits 1", arguments: StoreKind.allCases)
    func removedVisit(store: StoreKind) async throws {
        var (fixture, anna, chain) = try await Self.prepared(store: store)
        let first = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-g1", minutesAgo: 30))
        _ = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-g2", minutesAgo: 20))
        let third = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-g3", minutesAgo: 10))
        #expect(try await anna.push([SignedEvidence.wire(first), SignedEvidence.wire(third)]).status == 200)
        let verified = try verify(fixture)
        #expect(verified.status == 1)
        #expect(verified.stdout.contains("item 2 of the chain is missing"), "\(verified.stdout)")
        let shown = try ServerFixture.expectSuccess(fixture.dispatch(["presence", "vis-g3", "--json"])).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect((json["signature"] as? [String: Any])?["status"] as? String == "chain_problem", "\(shown)")
    }

    @Test("a reordered pair (an item moved to a later place without its link) shows as a broken link", arguments: StoreKind.allCases)
    func reorderedPair(store: StoreKind) async throws {
        var (fixture, anna, chain) = try await Self.prepared(store: store)
        let first = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-r1", minutesAgo: 30))
        let link = chain.previous
        // vis-r2 was item 2 (after vis-r1); the tablet's database was changed to make it item 3
        // and put vis-r3 in its place.
        let moved = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-r2", minutesAgo: 20), sequence: 3, previous: link)
        let inserted = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-r3", minutesAgo: 10), sequence: 2, previous: link)
        #expect(try await anna.push([SignedEvidence.wire(first)]).status == 200)
        #expect(try await anna.push([SignedEvidence.wire(moved)]).status == 200)
        #expect(try await anna.push([SignedEvidence.wire(inserted)]).status == 200)
        let verified = try verify(fixture)
        #expect(verified.status == 1)
        #expect(verified.stdout.contains("evidence/vis-r2") || verified.stdout.contains("vis-r2 (item 3) does not follow the item before it"), "\(verified.stdout)")
        let progress = try ServerFixture.expectSuccess(fixture.dispatch(["progress", "--json"])).stdout
        #expect(progress.contains("vis-r2") && progress.contains("chain problem"), "\(progress)")
    }

    @Test("import outbox checks signatures and chains like a push, and records the accepted items", arguments: StoreKind.allCases)
    func outboxFile(store: StoreKind) async throws {
        var (fixture, _, chain) = try await Self.prepared(store: store)
        func importFile(_ states: [RecordState]) throws -> CommandResult {
            let file = fixture.directory.file("outbox-\(UUID().uuidString).json")
            let body: [String: Any] = ["device": "tab-anna",
                                       "batch": ["batch_id": "file-\(UUID().uuidString.lowercased())", "records": try states.map(SignedEvidence.wire)]]
            try JSONSerialization.data(withJSONObject: body).write(to: URL(fileURLWithPath: file))
            return try fixture.dispatch(["import", "outbox", file])
        }
        let first = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-o1", minutesAgo: 20))
        var altered = try chain.signed(Self.visitAtSite(&chain, fixture, id: "vis-o2", minutesAgo: 10))
        let honestSecond = altered
        try chain.write(.text("moved the meter"), to: "notes", in: &altered)
        let before = try fixture.databaseDump()
        let refused = try importFile([first, altered])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("bad_signature"), "\(refused.stderr)")
        #expect(try fixture.databaseDump() == before)
        let accepted = try importFile([first, honestSecond])
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(try fixture.scalar("SELECT COUNT(*) FROM evidence_chain") == 2)
        #expect(try verify(fixture).status == 0)
    }
}
