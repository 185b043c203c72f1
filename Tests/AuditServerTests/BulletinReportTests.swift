@testable import AuditServer
import Foundation
import Logging
import Shared
import StoreTestSupport
import Testing

/// A week's bulletin over a seeded history whose answers are known, on both stores: the plan
/// against the visits per county and auditor, corrections by field from two tablets and the
/// office, a conflict opened and resolved, presence flags, an overdue order, two hazards found and
/// planned this week (one overdue by its end, one not), and the change against the week before.
@Suite("bulletins: the figures of a seeded history")
struct BulletinReportTests {
    /// The seeded history. Its weeks lie more than a year ahead, so that the server's clock can be
    /// set to their start (office writes are stamped from it) and the tablets' writes stamped in
    /// them: `lastWeek` is the week the orders were cut in, `week` the one reported.
    struct History {
        let fixture: StoreFixture
        let week: BulletinPeriod
        var lastWeek: BulletinPeriod { week.previous }
        let annaOrder: WorkOrder
        let benOrder: WorkOrder
        let anna: EnrolledDevice

        /// `YYYY-MM-DDTHH:MM:00Z` of `days` after `period`'s first day.
        static func time(_ period: BulletinPeriod, _ days: Int, _ hour: Int, _ minute: Int = 0) -> String {
            period.day(days) + "T" + String(format: "%02d:%02d:00Z", hour, minute)
        }

        /// Milliseconds of ``time(_:_:_:_:)``.
        static func ms(_ period: BulletinPeriod, _ days: Int, _ hour: Int, _ minute: Int = 0) -> UInt64 {
            UInt64(period.milliseconds.lowerBound) + UInt64(days * 86_400 + hour * 3600 + minute * 60) * 1000
        }

        init(_ kind: StoreKind) async throws {
            fixture = try StoreFixture(kind)
            week = BulletinPeriod(.week, containing: Date(timeIntervalSinceNow: 400 * 86_400))
            let lastWeek = week.previous
            try await fixture.store.write { db in
                try ServerClock.store(HybridLogicalClock(last: HLCTimestamp(milliseconds: Self.ms(lastWeek, 0, 1))), in: db)
            }
            let office = DispatchService(database: fixture.store)
            _ = try office.save(try (1...6).map { number in
                var customer = Customer(id: try TypedID("cus-\(20_000_000 + number)"), account: "\(20_000_000 + number)", name: "客户 \(number)")
                customer.county = number <= 3 ? "370102" : "370103"
                customer.phone = "0921 555 0\(number)0"
                customer.tariff = "T1"
                customer.address = "Bahnhofstraße \(number), Bayreuth"
                customer.location = GeoPoint(latitude: 49.95 + Double(number) / 1000, longitude: 11.57)
                return customer
            })
            annaOrder = try office.createWorkOrder(assignee: "anna", customers: ["cus-20000001", "cus-20000002", "cus-20000003"], area: "北区",
                                                   due: lastWeek.day(4), priority: nil)
            benOrder = try office.createWorkOrder(assignee: "ben", customers: ["cus-20000004", "cus-20000005"], area: "南区",
                                                  due: week.day(10), priority: nil)
            let registry = DeviceRegistry(database: fixture.store)
            anna = try registry.enroll(name: "tab-anna", auditor: "anna").device
            let ben = try registry.enroll(name: "tab-ben", auditor: "ben").device
            let sync = SyncService(database: fixture.store, notifier: ChangeNotifier(latest: 0), metrics: ServerMetrics(), logger: Logger(label: "test"),
                                   policy: PushPolicy(maximumClockAheadMilliseconds: 900 * 86_400_000))
            let annas = try PullResponse.decodeFast(try await sync.pull(for: anna, cursor: 0, wait: 0)).records
            let bens = try PullResponse.decodeFast(try await sync.pull(for: ben, cursor: 0, wait: 0)).records

            // Last week: the office corrects a name and a phone (the phone after Anna pulled it),
            // Ben an address; Anna visits customer 1.
            var name = Customer(id: try TypedID("cus-20000003"), account: "20000003", name: "客户 三")
            name.county = "370102"
            _ = try office.save([name], only: ["name"])
            var phone = Customer(id: try TypedID("cus-20000002"), account: "20000002", name: "客户 2")
            phone.phone = "0921 555 0999"
            _ = try office.save([phone], only: ["phone"])
            func edit(_ states: [RecordState], _ id: String, _ field: String, _ value: String, by device: EnrolledDevice, at ms: UInt64) throws -> RecordState {
                var state = try #require(states.first { $0.id == id })
                try state.write(.text(value), to: field, by: device.replica, at: HLCTimestamp(milliseconds: ms))
                return state
            }
            let address = try edit(bens, "cus-20000005", "address", "Bahnhofstraße 55, Bayreuth", by: ben, at: Self.ms(lastWeek, 3, 12))
            _ = try await sync.push(PushRequest(batchID: "ben-1", records: [address]), from: ben)
            try Self.visit(annaOrder, "cus-20000001", at: Self.time(lastWeek, 2, 9), .verified, office: office)

            // This week: Anna corrects customer 2's phone (concurrently with the office: a
            // conflict) and tariff, and visits it twice; Ben corrects customer 4's phone and visits it.
            var two = try edit(annas, "cus-20000002", "phone", "0921 555 0222", by: anna, at: Self.ms(week, 1, 10, 5))
            try two.write(.text("T2"), to: "tariff", by: anna.replica, at: HLCTimestamp(milliseconds: Self.ms(week, 1, 10, 6)))
            let pushed = try await sync.push(PushRequest(batchID: "anna-1", records: [two]), from: anna)
            #expect(pushed.results.first?.conflicts == ["phone"])
            let four = try edit(bens, "cus-20000004", "phone", "0921 555 0444", by: ben, at: Self.ms(week, 0, 8, 5))
            _ = try await sync.push(PushRequest(batchID: "ben-2", records: [four]), from: ben)
            try Self.visit(annaOrder, "cus-20000002", at: Self.time(week, 1, 10), .corrected, office: office)
            try Self.visit(annaOrder, "cus-20000002", at: Self.time(week, 2, 10), .verified, office: office)
            try Self.visit(benOrder, "cus-20000004", at: Self.time(week, 0, 8), .corrected, office: office)
            // The office keeps Anna's phone: the conflict is resolved this week (after her write).
            _ = try office.resolve(RecordKey(kind: .customer, id: "cus-20000002"), field: "phone", with: .pick(anna.replica))

            // Thursday: two hazards found and planned, one due on Tuesday (overdue by the week's
            // end), one in three weeks.
            let thursday = Self.ms(week, 3, 9)
            try await fixture.store.write { db in
                try ServerClock.store(HybridLogicalClock(last: HLCTimestamp(milliseconds: thursday)), in: db)
            }
            let hazards = HazardService(database: fixture.store, author: "li.na")
            for (id, customer, type, severity, auditor, due) in [("haz-late", "cus-20000001", HazardType.brokenSeal, HazardSeverity.high, "anna", week.day(1)),
                                                                  ("haz-on-time", "cus-20000004", .vegetationOnLine, .medium, "ben", week.day(20))] {
                _ = try office.save([Hazard(id: try TypedID(id), type: type, severity: severity, description: "found on site",
                                            customer: try TypedID(customer), foundBy: auditor, foundAt: Self.time(week, 3, 9))])
                _ = try hazards.plan(id, owner: "Line crew 3", due: due)
            }
        }

        static func visit(_ order: WorkOrder, _ customer: String, at time: String, _ outcome: VisitOutcome, office: DispatchService) throws {
            let visit = AuditVisit(id: try TypedID(RecordIdentifier.mint(.auditVisit)), workOrder: order.id, customer: try TypedID(customer),
                                   auditor: order.assignee, time: time, outcome: outcome)
            _ = try office.save([visit])
        }
    }

    @Test("the week's tables: plan against visits per county and auditor, corrections by field, conflicts, overdue orders, each headline beside last week's",
          arguments: StoreKind.allCases)
    func weekTables(kind: StoreKind) async throws {
        let history = try await History(kind)
        let service = BulletinService(database: history.fixture.store)
        let report = try service.report(history.week)
        let tables = BulletinTables(report)
        #expect(tables.csv("summary") == lines([
            "figure,value,previous,delta",
            "planned,4,5,-1", "visited,2,1,1", "percent,50,20,30", "visits,3,1,2", "corrected_visits,2,0,2",
            "corrections,3,3,0", "conflicts_opened,1,0,1", "conflicts_resolved,1,0,1", "flagged_visits,3,1,2", "overdue_orders,1,1,0",
            "open_hazards,2,0,2", "overdue_hazards,1,0,1",
        ]))
        #expect(tables.csv("hazards") == lines(["state,critical,high,medium,low,total", "rectification_planned,0,1,1,0,2"]))
        #expect(tables.csv("overdue_hazards") == lines([
            "hazard,customer,county,type,severity,state,owner,reinspection_by,due,days_overdue",
            "haz-late,cus-20000001,370102,broken_seal,high,rectification_planned,Line crew 3,,\(history.week.day(1)),6",
        ]))
        let page = BulletinPage(report, language: .simplifiedChinese).html
        let start = try #require(page.range(of: #"<section id="hazards">"#))
        let section = String(page[start.lowerBound...]).components(separatedBy: "</section>")[0]
        #expect(section.contains("逾期隐患") && section.contains("cus-20000001") && section.contains("封印损坏") && section.contains("<td class=\"n\">6</td>"),
                "\(section)")
        #expect(!section.contains("cus-20000004"), "the hazard not yet due is not listed overdue")
        #expect(tables.csv("counties") == lines([
            "county,planned,visited,percent,visits,corrected_visits,flagged_visits",
            "370102,2,1,50,2,1,2", "370103,2,1,50,1,1,1",
        ]))
        #expect(tables.csv("auditors") == lines([
            "auditor,planned,visited,percent,visits,corrected_visits,flagged_visits",
            "anna,2,1,50,2,1,2", "ben,2,1,50,1,1,1",
        ]))
        #expect(tables.csv("corrections") == lines(["kind,field,tablet,office,total", "customer,phone,2,0,2", "customer,tariff,1,0,1"]))
        #expect(tables.csv("conflicts") == lines(["kind,field,opened,resolved", "customer,phone,1,1"]))
        #expect(tables.csv("overdue") == lines([
            "work_order,area,auditor,county,due,assigned,remaining",
            "\(history.annaOrder.id.rawValue),北区,anna,370102,\(history.lastWeek.day(4)),3,1",
        ]))
        #expect(report.flagged.count == 3, "the visits carry no signature: none proves presence")

        let before = BulletinTables(try service.report(history.lastWeek))
        #expect(before.csv("corrections") == lines(["kind,field,tablet,office,total", "customer,address,1,0,1", "customer,name,0,1,1",
                                                     "customer,phone,0,1,1"]))
        #expect(before.csv("conflicts") == lines(["kind,field,opened,resolved"]))
        #expect(before.csv("hazards") == lines(["state,critical,high,medium,low,total"]), "last week no hazard had been found")

        let county = BulletinTables(try service.report(history.week, county: "370103"))
        #expect(county.csv("counties") == lines(["county,planned,visited,percent,visits,corrected_visits,flagged_visits", "370103,2,1,50,1,1,1"]))
        #expect(county.csv("corrections") == lines(["kind,field,tablet,office,total", "customer,phone,1,0,1"]))
        #expect(county.csv("conflicts") == lines(["kind,field,opened,resolved"]))
        #expect(county.csv("overdue") == lines(["work_order,area,auditor,county,due,assigned,remaining"]))
        #expect(county.csv("hazards") == lines(["state,critical,high,medium,low,total", "rectification_planned,0,0,1,0,1"]))
        #expect(county.csv("overdue_hazards") == lines(["hazard,customer,county,type,severity,state,owner,reinspection_by,due,days_overdue"]))
        #expect(throws: BulletinService.Refusal.self) { try service.report(history.week, county: "999999") }
    }

    @Test("supervisors with a phone are told once that a bulletin is ready, in their language; others are not", arguments: StoreKind.allCases)
    func announcesToSupervisors(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        try fixture.importCustomers(1...2)
        let accounts = OfficeAccounts(database: fixture.store)
        try accounts.add("wang", role: .supervisor, password: "correct horse battery")
        try accounts.add("li", role: .supervisor, password: "correct horse battery")
        try accounts.add("zhao", role: .dispatcher, password: "correct horse battery")
        let contacts = ContactBook(database: fixture.store)
        try contacts.save(Contact(name: "wang", phone: "+8613800138000", language: .simplifiedChinese))
        try contacts.save(Contact(name: "zhao", phone: "+8613800138001", language: .english))
        let service = BulletinService(database: fixture.store)
        let period = try #require(BulletinPeriod(.week, containing: "2026-11-30"))
        let report = try service.report(period)
        #expect(try service.announce(report, now: 1_000) == 1)
        #expect(try service.announce(report, now: 2_000) == 0, "the same bulletin tells nobody twice")
        let sent = try await fixture.store.read { db in try ReminderOutbox.list(in: db) }
        #expect(sent.map(\.key) == ["bulletin:week:2026-11-30:wang"])
        #expect(sent.first?.text == "稽查周报 2026-11-30 至 2026-12-06已生成：计划 0 户，已走访 0 户，逾期工单 0 个。请在控制台查看。")
    }

    @Test("periods: a week runs Monday to Sunday, a month its calendar days, the default is the last complete one; bad dates are refused")
    func periods() throws {
        let week = try #require(BulletinPeriod(.week, containing: "2026-12-03"))
        let thursday = week.start.next.next.next
        #expect(week.day(0) == "2026-11-30" && week.last.description == "2026-12-06")
        #expect(BulletinPeriod.lastComplete(.week, today: thursday).day(0) == "2026-11-23")
        #expect(BulletinPeriod.lastComplete(.day, today: thursday).day(0) == "2026-12-02")
        #expect(BulletinPeriod.lastComplete(.month, today: thursday).day(0) == "2026-11-01")
        #expect(BulletinPeriod(.month, containing: thursday).previous.last.description == "2026-11-30")
        #expect(BulletinPeriod(.month, containing: "2026-01-31")?.previous.day(0) == "2025-12-01")
        #expect(try BulletinService.period(.week, date: "2026-11-18", today: thursday).day(0) == "2026-11-16")
        #expect(throws: BulletinService.Refusal.self) { try BulletinService.period(.week, date: "2026-02-30", today: thursday) }
        #expect(throws: BulletinService.Refusal.self) { try BulletinService.period(.day, date: "2026-12-04", today: thursday) }
    }

    private func lines(_ lines: [String]) -> String { lines.map { $0 + "\r\n" }.joined() }
}
