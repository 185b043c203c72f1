@testable import AuditServer
import Foundation
import Messaging
import Shared
import StoreTestSupport
import Testing

/// What keeps reminders honest across nodes and reports, on both stores: the lease one node sends
/// under, delivery reports moving a message on and never back, the decisions `reminders preview`
/// shows, and the weekly and monthly summaries going once a period.
@Suite("reminder delivery: lease, reports, preview, summaries")
struct ReminderDeliveryTests {
    @Test("one holder at a time: another node waits for the expiry, the holder renews, a restarted node takes its own lease back, a release frees it",
          arguments: StoreKind.allCases)
    func lease(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let a = StoreLease(database: fixture.store, name: "reminders", holder: "node-a:8080", duration: 45_000)
        let b = StoreLease(database: fixture.store, name: "reminders", holder: "node-b:8080", duration: 45_000)
        #expect(try await a.take(now: 1_000))
        #expect(try await b.take(now: 2_000) == false, "a holds it")
        #expect(try await a.take(now: 40_000), "a renews to 85 s")
        #expect(try await b.take(now: 50_000) == false, "renewed, so not expired at 50 s")
        #expect(try await a.take(now: 60_000), "the same node after a restart takes its own lease at once")
        #expect(try await b.take(now: 105_000), "a died: its lease expired at 105 s")
        #expect(try await a.take(now: 106_000) == false)
        #expect(try await a.currentHolder(now: 106_000) == "node-b:8080")
        try await a.release()
        #expect(try await a.currentHolder(now: 106_000) == "node-b:8080", "only the holder releases")
        try await b.release()
        #expect(try await a.take(now: 107_000), "released: free at once")
    }

    @Test("reports move a message queued → delivered, never back; a report of a still pending message counts; failed keeps the reason; an unknown key writes nothing",
          arguments: StoreKind.allCases)
    func reports(kind: StoreKind) async throws {
        let fixture = try WorkOrderReminderTests.fixture(kind)
        _ = try DispatchService(database: fixture.store).createWorkOrder(assignee: "anna", customers: ["30000000"], area: "北片", due: nil, priority: 1)
        let outbox = try WorkOrderReminderTests.outbox(fixture)
        let anna = try #require(outbox.first { $0.recipient == "anna" }), supervisor = try #require(outbox.first { $0.recipient == "zhao.min" })
        let recorder = DeliveryRecorder(database: fixture.store)
        let annaKey = anna.key, supervisorKey = supervisor.key
        try await fixture.store.write { db in _ = try db.execute("UPDATE reminder_outbox SET state = 'queued' WHERE key = ?", [annaKey]) }

        #expect(try await recorder.record(key: anna.key, status: .queued, detail: "Kannel report 8") == .unchanged("queued"))
        #expect(try await recorder.record(key: anna.key, status: .delivered, detail: "Kannel report 1") == .recorded("delivered"))
        #expect(try await recorder.record(key: anna.key, status: .queued, detail: "Kannel report 8, late") == .unchanged("delivered"))
        #expect(try await recorder.record(key: anna.key, status: .failed, detail: "Kannel report 2") == .unchanged("delivered"))
        #expect(try await recorder.record(key: supervisor.key, status: .failed, detail: "Kannel report 16: NACK/0x0b") == .recorded("failed"),
                "the gateway had it though its answer was lost")
        let before = try ReminderList(database: fixture.store).list()
        #expect(try await recorder.record(key: "order:nothing", status: .delivered, detail: "") == .unknown)
        #expect(try ReminderList(database: fixture.store).list() == before)
        let states = Dictionary(uniqueKeysWithValues: before.map { ($0.key, $0.state) })
        #expect(states[anna.key] == "delivered" && states[supervisor.key] == "failed")
        let reason = try await fixture.store.read { db in try db.value(String.self, "SELECT last_error FROM reminder_outbox WHERE key = ?", [supervisorKey]) }
        #expect(reason == "Kannel report 16: NACK/0x0b")
    }

    @Test("preview: due now, waiting its window, held to the end of quiet hours, or not sent to a retired auditor; a day's digest it would make; nothing written",
          arguments: StoreKind.allCases)
    func preview(kind: StoreKind) throws {
        let fixture = try WorkOrderReminderTests.fixture(kind)
        let book = ContactBook(database: fixture.store)
        try book.save(Contact(name: "ben", phone: "+4915112345678", language: .english, quietFrom: 21 * 60, quietTo: 7 * 60))
        let office = DispatchService(database: fixture.store)
        _ = try office.createWorkOrder(assignee: "anna", customers: ["30000000"], area: "北片", due: nil, priority: 1)
        _ = try office.createWorkOrder(assignee: "ben", customers: ["30000001"], area: "west", due: nil, priority: 2)
        try book.save(Contact(name: "zhao.min", phone: "+8613900139000", language: .simplifiedChinese, retired: true))
        let outbox = try WorkOrderReminderTests.outbox(fixture)
        let dump = try ReminderList(database: fixture.store).list()

        let utc = TimeZone(identifier: "UTC")!
        let soon = ReminderPreview(database: fixture.store, schedule: ReminderSchedule(timeZone: utc, digestHour: 23))
        let now = try #require(outbox.last).createdAt + 1_000
        let lines = try soon.lines(now: now)
        func decision(_ name: String) -> ReminderDecision? { lines.first { $0.reminder.recipient == name && !$0.isNew }?.decision }
        #expect(decision("anna") == .send(try PhoneNumber("+8613800138000")))
        let bens = try #require(outbox.first { $0.recipient == "ben" })
        #expect(decision("ben") == .notYet(until: bens.createdAt + WorkOrderReminders.window))
        guard case .held(let reason) = decision("zhao.min") else { Issue.record("\(lines)"); return }
        #expect(reason.contains("retired"))

        // The first 23:00 UTC (the digest hour, in Ben's quiet hours) after Ben's reminder is due: run
        // after 23:00, or just before it, that is tomorrow's.
        let due = bens.createdAt + WorkOrderReminders.window
        let night = ((due + 3_600_000) / 86_400_000 + 1) * 86_400_000 - 3_600_000 + 1
        let late = try soon.lines(now: night)
        #expect(late.first { $0.reminder.recipient == "ben" && !$0.isNew }?.decision == .quiet(until: night + 8 * 3_600_000), "to 07:00")
        let digests = late.filter(\.isNew)
        #expect(digests.map(\.reminder.rule) == ["digest.daily", "digest.daily"] && Set(digests.map(\.reminder.recipient)) == ["anna", "ben"], "\(digests)")
        #expect(try ReminderList(database: fixture.store).list() == dump, "a preview writes nothing")
    }

    @Test("the weekly and monthly summaries reach each supervisor in their language from the set day at the digest hour, once a period",
          arguments: StoreKind.allCases)
    func summaries(kind: StoreKind) async throws {
        let fixture = try WorkOrderReminderTests.fixture(kind)
        try OfficeAccounts(database: fixture.store).add("lee", role: .supervisor, password: "correct horse battery")
        try ContactBook(database: fixture.store).save(Contact(name: "lee", phone: "+4915112345677", language: .english))
        _ = try DispatchService(database: fixture.store).createWorkOrder(assignee: "anna", customers: ["30000000", "30000001"], area: "a",
                                                                       due: "2026-12-01", priority: 2)
        let schedule = ReminderSchedule(timeZone: TimeZone(identifier: "Asia/Shanghai")!, digestHour: 18, weeklyOn: 5, monthlyOn: 28)
        let friday = Self.milliseconds("2026-12-04T18:00:00+08:00")  // Friday of ISO week 49
        #expect(schedule.due(at: friday - 1).week == nil, "before the digest hour")
        let week = try #require(schedule.due(at: friday).week)
        #expect(week == ReminderSchedule.Period(label: "2026-W49", since: "2026-11-30", today: "2026-12-04"))
        #expect(schedule.due(at: friday).month == nil, "the 4th is before the 28th")
        #expect(schedule.due(at: Self.milliseconds("2026-12-28T19:00:00+08:00")).month
            == ReminderSchedule.Period(label: "2026-12", since: "2026-12-01", today: "2026-12-28"))

        let gateway = ReminderSenderTests.ScriptedGateway([])
        let round = ReminderRound(database: fixture.store, gateway: gateway, schedule: schedule)
        let outcome = try await round.run(now: friday)
        #expect(outcome.summaries == 2, "\(outcome)")
        let texts = Dictionary(uniqueKeysWithValues: gateway.sent.withLock { $0 }.filter { $0.key.hasPrefix("summary:") }.map { ($0.key, $0.text) })
        #expect(texts["summary:weekly:2026-W49:zhao.min"] == "本周（2026-W49）稽查小结：走访 0 户；在办工单完成 0/2 户，逾期 1 个；待处理冲突 0 条；到场存疑 0 户。")
        #expect(texts["summary:weekly:2026-W49:lee"]
            == "Week 2026-W49 audit summary: 0 customers visited; open orders 0 of 2 done, 1 overdue; 0 conflicts open; 0 presence flags.")
        #expect(try await round.run(now: friday + 3_600_000).summaries == 0, "once a week")
        #expect(try await round.run(now: Self.milliseconds("2026-12-05T18:30:00+08:00")).summaries == 0, "Saturday: still week 49")
    }

    static func milliseconds(_ text: String) -> Int64 {
        Int64(try! Date(text, strategy: .iso8601).timeIntervalSince1970 * 1000)
    }
}
