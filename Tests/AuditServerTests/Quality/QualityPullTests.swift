@testable import AuditServer
import Foundation
import Logging
import Shared
import StoreTestSupport
import Testing

/// Findings reach the tablet with its work, on both stores: a pull's last page and a work packet
/// carry the open findings about the auditor's customers and their meters, and nobody else's; a
/// finding closed by a later run is missing from the next pull, so the tablet drops it. A pull
/// naming the findings generation it holds is spared them while nothing changed.
@Suite("data-quality findings in pulls and packets")
struct QualityPullTests {
    static func keys(_ notes: [QualityNote]?) -> Set<String> { Set((notes ?? []).map { "\($0.rule) \($0.subject)" }) }

    /// The planted store after a run at `now`, Anna's work order of customers 5, 7 and 13, and her tablet.
    static func annasWork(_ kind: StoreKind, runAt now: Int64 = Int64(HybridLogicalClock.wallClockMilliseconds()))
        async throws -> (fixture: StoreFixture, run: QualityRun, order: WorkOrder, tablet: EnrolledDevice) {
        let fixture = try StoreFixture(kind)
        _ = try QualityRunTests.plant(fixture)
        let run = QualityRun(database: fixture.store, settings: try QualityRunTests.settings(), serviceArea: QualityRunTests.area)
        _ = try await run.run(now: now)
        let order = try DispatchService(database: fixture.store)
            .createWorkOrder(assignee: "anna", customers: [5, 7, 13].map(QualityRunTests.id), area: "Nord", due: nil, priority: nil)
        let (tablet, _) = try DeviceRegistry(database: fixture.store).enroll(name: "tab-anna", auditor: "anna")
        return (fixture, run, order, tablet)
    }

    @Test("anna's pull and packet carry exactly the open findings of her customers and their meters; ben's his; a closed one is gone from the next pull",
          arguments: StoreKind.allCases)
    func scope(kind: StoreKind) async throws {
        let (fixture, run, annas, anna) = try await Self.annasWork(kind)
        let dispatch = DispatchService(database: fixture.store)
        let bens = try dispatch.createWorkOrder(assignee: "ben", customers: [6, 8].map(QualityRunTests.id), area: "Süd", due: nil, priority: nil)
        let (ben, _) = try DeviceRegistry(database: fixture.store).enroll(name: "tab-ben", auditor: "ben")
        let sync = SyncService(database: fixture.store, notifier: ChangeNotifier(latest: 0), metrics: ServerMetrics(), logger: Logger(label: "test"))

        let annasFindings: Set = ["capacity_category \(QualityRunTests.id(5))", "phone_missing \(QualityRunTests.id(7))",
                                  "duplicate_meter_serial dev-50000013", "duplicate_meter_serial dev-50000021"]
        let first = try PullResponse.decodeFast(try await sync.pull(for: anna, cursor: 0, wait: 0, limit: 2))
        #expect(first.more && first.findings == nil, "a page that is not the last carries none")
        let raw = try await sync.pull(for: anna, cursor: 0, wait: 0)
        let page = try PullResponse.decodeFast(raw)
        #expect(!page.more && Self.keys(page.findings) == annasFindings)
        let capacity = try #require(page.findings?.first { $0.rule == "capacity_category" })
        #expect(capacity.field == "capacity_kva" && capacity.severity == .warning && capacity.kind == .customer)
        #expect(capacity.message(in: .english) == "capacity 250 kVA looks wrong for a residential supply (at most 100 kVA)")
        #expect(try WireCoding.encode(page) == raw, "the assembled answer is the wire form of what it says")
        let bensPage = try PullResponse.decodeFast(try await sync.pull(for: ben, cursor: 0, wait: 0))
        #expect(Self.keys(bensPage.findings) == ["tariff_category \(QualityRunTests.id(6))", "phone_invalid \(QualityRunTests.id(8))"])

        let packet = try WorkPacket.decodeFast(try await sync.packet(workOrder: annas.id.rawValue).json)
        #expect(Self.keys(packet.findings) == annasFindings)
        #expect(Self.keys(try WorkPacket.decodeFast(try await sync.packet(workOrder: bens.id.rawValue).json).findings)
                == Self.keys(bensPage.findings))

        var fixed = try QualityRunTests.clean(5)
        fixed.capacityKVA = 50
        _ = try dispatch.save([fixed])
        _ = try await run.run()
        let next = try PullResponse.decodeFast(try await sync.pull(for: anna, cursor: page.cursor, wait: 0))
        #expect(Self.keys(next.findings) == annasFindings.subtracting(["capacity_category \(QualityRunTests.id(5))"]))
        let idle = try PullResponse.decodeFast(try await sync.pull(for: anna, cursor: next.cursor, wait: 0))
        #expect(idle.records.isEmpty && Self.keys(idle.findings) == Self.keys(next.findings), "an answer with nothing new still names them all")
    }

    @Test("a pull naming the current findings generation is spared them when it brings nothing new, waiting or not; a new run, a page with records, a stale or lost generation and an old tablet's pull get them all",
          arguments: StoreKind.allCases)
    func generation(kind: StoreKind) async throws {
        let first = Int64(HybridLogicalClock.wallClockMilliseconds()), second = first + 60_000
        let (fixture, run, _, anna) = try await Self.annasWork(kind, runAt: first)
        let dispatch = DispatchService(database: fixture.store)
        let notifier = ChangeNotifier(latest: 0), metrics = ServerMetrics()
        let sync = SyncService(database: fixture.store, notifier: notifier, metrics: metrics, logger: Logger(label: "test"))
        func pull(_ cursor: Int64, _ generation: String?, wait: Double = 0) async throws -> (PullResponse, raw: Data) {
            let raw = try await sync.pull(for: anna, cursor: cursor, wait: wait, findingsGeneration: generation)
            return (try PullResponse.decodeFast(raw), raw)
        }

        let (page, _) = try await pull(0, nil)
        let findings = Self.keys(page.findings)
        #expect(findings.count == 4 && page.findingsGeneration == String(first), "a tablet naming none gets them and their generation")
        let (idle, idleRaw) = try await pull(page.cursor, String(first))
        #expect(idle.records.isEmpty && idle.findings == nil && idle.findingsGeneration == nil, "nothing new: nothing about findings")
        #expect(try WireCoding.encode(idle) == idleRaw && !String(decoding: idleRaw, as: UTF8.self).contains("findings"))
        let (waited, _) = try await pull(page.cursor, String(first), wait: 0.2)
        #expect(waited.records.isEmpty && waited.findings == nil, "a long-poll that ends with nothing new is spared them too")
        #expect(Self.keys(try await pull(page.cursor, nil).0.findings) == findings, "an old tablet gets them on every pull")
        #expect(Self.keys(try await pull(page.cursor, "1").0.findings) == findings, "a generation not current gets them")

        // A page that brings records may have brought a wider scope: it carries them, waiting or not.
        let waiting = Task { try await pull(page.cursor, String(first), wait: 30) }
        var edited = try QualityRunTests.clean(7)
        edited.phone = nil
        edited.name = "客户 7 (neu)"
        _ = try dispatch.save([edited])
        await notifier.signal(.max)
        let (woken, wokenRaw) = try await waiting.value
        #expect(!woken.records.isEmpty && Self.keys(woken.findings) == findings && woken.findingsGeneration == String(first))
        #expect(try WireCoding.encode(woken) == wokenRaw, "the assembled answer with its generation is the wire form of what it says")

        // Another run changes the generation: the next pull gets them again, and so does every
        // pull until the tablet has applied one (an answer lost on the way moves nothing).
        _ = try await run.run(now: second)
        for attempt in ["answered, then lost", "asked again"] {
            let (next, _) = try await pull(woken.cursor, String(first))
            #expect(next.records.isEmpty && Self.keys(next.findings) == findings && next.findingsGeneration == String(second), "\(attempt)")
        }
        #expect(try await pull(woken.cursor, String(second)).0.findings == nil)
        let counted = metrics.render(waitingPulls: 0)
        #expect(counted.contains(#"fieldaudit_pull_findings_total{findings="held"} 3"#), "\(counted)")
        #expect(counted.contains(#"fieldaudit_pull_findings_total{findings="sent"} 6"#), "\(counted)")
    }
}
