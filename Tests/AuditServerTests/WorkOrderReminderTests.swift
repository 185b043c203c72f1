@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// The work-order reminder rules, on both stores: what lands in the outbox, in whose language,
/// when, and what a burst of edits, a reassignment, a cancellation or an urgent order makes.
@Suite("work-order reminders in the outbox")
struct WorkOrderReminderTests {
    static func fixture(_ kind: StoreKind) throws -> StoreFixture {
        let fixture = try StoreFixture(kind)
        _ = try OfficeMapTests.seed(fixture)
        let book = ContactBook(database: fixture.store)
        try book.save(Contact(name: "anna", phone: "+8613800138000", language: .simplifiedChinese))
        try book.save(Contact(name: "ben", phone: "+4915112345678", language: .english))
        try book.save(Contact(name: "dora", phone: "+4915112345679", language: .english, retired: true))
        try book.save(Contact(name: "zhao.min", phone: "+8613900139000", language: .simplifiedChinese))
        try OfficeAccounts(database: fixture.store).add("zhao.min", role: .supervisor, password: "correct horse battery")
        return fixture
    }

    static func outbox(_ fixture: StoreFixture) throws -> [Reminder] {
        try ReminderList(database: fixture.store).list().sorted { ($0.createdAt, $0.key) < ($1.createdAt, $1.key) }
    }

    @Test("a new order tells its auditor in their language after a minute; edits in that minute fold into the one message", arguments: StoreKind.allCases)
    func newAndCoalesced(kind: StoreKind) throws {
        let fixture = try Self.fixture(kind)
        let office = DispatchService(database: fixture.store)
        var order = try office.createWorkOrder(assignee: "anna", customers: ["30000000", "30000001"], area: "北片", due: "2026-12-20", priority: nil)
        var outbox = try Self.outbox(fixture)
        let first = try #require(outbox.first)
        #expect(outbox.count == 1 && first.recipient == "anna" && first.phone == "+8613800138000" && first.rule == "order.new")
        #expect(first.text == "新稽查工单「北片」：2 户，期限 2026-12-20。请同步平板查看。" && first.state == "pending")
        #expect(first.sendAfter == first.createdAt + WorkOrderReminders.window && first.key.hasPrefix("order:\(order.id.rawValue):anna:"))

        order.customers.append(try TypedID("cus-30000002"))
        order.due = "2026-12-22"
        _ = try office.save([order], only: ["customers", "due"])
        outbox = try Self.outbox(fixture)
        #expect(outbox.count == 1 && outbox[0].key == first.key && outbox[0].rule == "order.new", "one message: \(outbox)")
        #expect(outbox[0].text == "新稽查工单「北片」：3 户，期限 2026-12-22。请同步平板查看。" && outbox[0].sendAfter == first.sendAfter)
    }

    @Test("reassigned before anyone was told: the first auditor's message is dropped, the second told; once sent, changes and a cancellation are told",
          arguments: StoreKind.allCases)
    func reassignAndCancel(kind: StoreKind) throws {
        let fixture = try Self.fixture(kind)
        let office = DispatchService(database: fixture.store)
        let order = try office.createWorkOrder(assignee: "anna", customers: ["30000000"], area: "", due: nil, priority: 3)
        var moved = try office.reassign(workOrder: order.id.rawValue, to: "ben")
        var outbox = try Self.outbox(fixture)
        #expect(outbox.map(\.recipient) == ["anna", "ben"] && outbox.map(\.state) == ["cancelled", "pending"], "\(outbox)")
        #expect(outbox[1].text == "New audit work order \"unnamed area\": 1 customers, due none. Sync your tablet.")

        try fixture.store.write { db in _ = try db.execute("UPDATE reminder_outbox SET state = 'queued' WHERE recipient = 'ben'", []) }
        moved.due = "2026-12-24"
        _ = try office.save([moved], only: ["due"])
        moved.status = .cancelled
        _ = try office.save([moved], only: ["status"])
        outbox = try Self.outbox(fixture).filter { $0.recipient == "ben" }
        #expect(outbox.map(\.rule) == ["order.new", "order.cancelled"], "the change and the cancellation fold into one pending message: \(outbox)")
        #expect(outbox.last?.text == "Work order \"unnamed area\" was cancelled.")
    }

    @Test("an urgent order goes at once, marked, and to every supervisor; nobody without a phone, retired or with every tablet revoked is sent anything",
          arguments: StoreKind.allCases)
    func urgentAndNobody(kind: StoreKind) throws {
        let fixture = try Self.fixture(kind)
        let office = DispatchService(database: fixture.store)
        _ = try office.createWorkOrder(assignee: "anna", customers: ["30000004", "30000005"], area: "东片", due: "2026-12-04", priority: 1)
        let outbox = try Self.outbox(fixture)
        let anna = try #require(outbox.first { $0.recipient == "anna" })
        #expect(anna.sendAfter == anna.createdAt && anna.text.hasPrefix("【紧急】新稽查工单「东片」：2 户"), "\(anna)")
        let supervisor = try #require(outbox.first { $0.recipient == "zhao.min" })
        #expect(supervisor.rule == "order.urgent_supervisor" && supervisor.text == "紧急工单「东片」（2 户）已派给 anna，期限 2026-12-04。")
        #expect(outbox.count == 2)

        _ = try office.createWorkOrder(assignee: "carl", customers: ["30000006"], area: "x", due: nil, priority: 2)
        _ = try office.createWorkOrder(assignee: "dora", customers: ["30000007"], area: "x", due: nil, priority: 2)
        let registry = DeviceRegistry(database: fixture.store)
        _ = try registry.enroll(name: "tab-ben", auditor: "ben")
        try registry.revoke(name: "tab-ben")
        _ = try office.createWorkOrder(assignee: "ben", customers: ["30000008"], area: "x", due: nil, priority: 2)
        #expect(try Self.outbox(fixture).count == 2, "carl has no phone, dora left, ben's every tablet is revoked")
        #expect(throws: ContactBook.Refusal.self) { try ContactBook(database: fixture.store).save(Contact(name: "eve", phone: "0921 555 0100")) }
    }

    @Test("the daily digest tells each auditor with open work what is left, due tomorrow and overdue; nothing to one with nothing; once a day",
          arguments: StoreKind.allCases)
    func dailyDigest(kind: StoreKind) throws {
        let fixture = try Self.fixture(kind)
        try ContactBook(database: fixture.store).save(Contact(name: "carl", phone: "+4915112345670", language: .english))
        let office = DispatchService(database: fixture.store)
        _ = try office.createWorkOrder(assignee: "anna", customers: ["30000000", "30000001"], area: "a", due: "2026-12-04", priority: nil)
        _ = try office.createWorkOrder(assignee: "anna", customers: ["30000002"], area: "b", due: "2026-12-01", priority: nil)
        _ = try office.createWorkOrder(assignee: "ben", customers: ["30000003"], area: "c", due: "2026-12-30", priority: nil)
        let done = try office.createWorkOrder(assignee: "carl", customers: ["30000004"], area: "d", due: "2026-12-04", priority: nil)
        let visit = AuditVisit(id: try TypedID(RecordIdentifier.mint(.auditVisit)), workOrder: done.id, customer: try TypedID("cus-30000004"),
                               auditor: "carl", time: "2026-12-03T08:00:00Z", outcome: .verified)
        _ = try office.save([visit])

        let made = try fixture.store.write { db in try DailyDigest.enqueue(day: "2026-12-03", now: 1_000, in: db) }
        #expect(made == 2)
        let digests = try Self.outbox(fixture).filter { $0.rule == "digest.daily" }.sorted { $0.recipient < $1.recipient }
        #expect(digests.map(\.recipient) == ["anna", "ben"], "carl's work is done: \(digests)")
        #expect(digests[0].text == "今日稽查提醒：尚有 3 户未走访；明天到期工单 1 个；已逾期工单 1 个。" && digests[0].key == "digest:2026-12-03:anna")
        #expect(digests[1].text == "Audit digest: 1 customers still to visit; 0 work orders due tomorrow; 0 overdue.")
        #expect(try fixture.store.write { db in try DailyDigest.enqueue(day: "2026-12-03", now: 2_000, in: db) } == 0, "once a day")
    }
}
