@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// `quality run` on both stores, over a customer file with known, planted defects: every rule
/// finds exactly its plants; findings close when the data is fixed and open again when it breaks.
@Suite("data-quality rules")
struct QualityRunTests {
    /// The defaults, with the tariffs of a residential supply listed.
    static func settings(_ more: String = "") throws -> QualitySettings {
        try QualitySettings(overriding: "rules:\n  tariff_category: {tariffs: {residential: [T1, T2]}}\n" + more)
    }

    /// The service area the plants are checked against.
    static let area = GeoBox(south: 49.9, west: 11.5, north: 50.0, east: 11.7)

    /// A customer with nothing wrong: a place inside the area, a phone, an email, a residential
    /// supply of 10 kVA on tariff T1, an active account; `meter` gives it a meter in service.
    static func clean(_ number: Int) throws -> Customer {
        var customer = Customer(id: try TypedID("cus-\(40_000_000 + number)"), account: "\(40_000_000 + number)", name: "客户 \(number)")
        customer.location = GeoPoint(latitude: 49.95, longitude: 11.6 + Double(number) / 10_000)
        customer.phone = "0921 555 \(1000 + number)"
        customer.email = "kunde\(number)@stadtwerke-bayreuth.de"
        customer.category = .residential
        customer.tariff = "T1"
        customer.capacityKVA = 10
        customer.accountStatus = .active
        customer.county = "094620"
        return customer
    }

    static func meter(_ number: Int, of customer: Int?, serial: String? = nil, status: DeviceStatus = .inService) throws -> Device {
        var meter = Device(id: try TypedID("dev-\(50_000_000 + number)"), serial: serial ?? "M\(number)", kind: .meter)
        meter.customer = try customer.map { try TypedID("cus-\(40_000_000 + $0)") }
        meter.status = status
        return meter
    }

    static func id(_ number: Int) -> String { "cus-\(40_000_000 + number)" }

    /// Customers 0…19 with a meter each, and one plant per rule (the numbers in the comments).
    static func plant(_ fixture: StoreFixture) throws -> Set<String> {
        var customers = try (0..<20).map(clean)
        customers[1].account = customers[2].account                         // duplicate_account: 1 and 2
        customers[3].location = nil                                          // missing_location
        customers[4].location = GeoPoint(latitude: 48.1, longitude: 11.6)    // location_outside_area
        customers[5].capacityKVA = 250                                       // capacity_category
        customers[6].tariff = "T9"                                           // tariff_category
        customers[7].phone = nil                                             // phone_missing
        customers[8].phone = "0000 000000"                                   // phone_invalid
        customers[9].email = nil                                             // email_missing is off by default: no finding
        customers[10].email = "nobody@example.com"                           // email_invalid
        customers[11].accountStatus = .closed                                // status_contradicts_devices (its meter is in service)
        let service = DispatchService(database: fixture.store)
        _ = try service.save(customers)
        var meters = try (0..<20).filter { $0 != 12 }.map { try meter($0, of: $0) }   // customer_without_meter: 12
        meters.append(try meter(20, of: nil))                                // meter_without_customer: dev 20
        meters.append(try meter(21, of: 13, serial: "M13"))                  // duplicate_meter_serial: dev 13 and 21
        _ = try service.save(meters)
        // presence_flagged: 14's latest visit has no position at all.
        try visit(14, at: "2026-11-30T09:00:00Z", fix: nil)
        // not_audited: 15 was last visited three years ago.
        try visit(15, at: "2023-11-01T09:00:00Z", fix: GeoPoint(latitude: 49.95, longitude: 11.6015))
        // mis_conflict_open: 16's tariff has been in conflict with the MIS for 30 days.
        let month = Int64(HybridLogicalClock.wallClockMilliseconds()) - 30 * 86_400_000
        try fixture.store.write { db in
            let stored = try #require(try RecordTable.load(RecordKey(kind: .customer, id: id(16)), in: db))
            var mis = stored, tablet = stored
            _ = try mis.write(.text("T2"), to: "tariff", by: "mis", at: HLCTimestamp(milliseconds: UInt64(month)))
            _ = try tablet.write(.text("T1"), to: "tariff", by: "t-anna", at: HLCTimestamp(milliseconds: UInt64(month + 1)))
            try RecordTable.save(try mis.merged(with: tablet), previous: stored, origin: "test", batchID: nil, in: db)
        }
        func visit(_ number: Int, at time: String, fix: GeoPoint?) throws {
            var visit = AuditVisit(id: try TypedID(RecordIdentifier.mint(.auditVisit)), workOrder: try TypedID("wo-quality"),
                                   customer: try TypedID(id(number)), auditor: "anna", time: time, outcome: .verified)
            visit.fix = fix
            visit.fixSource = fix == nil ? nil : .gnss
            _ = try service.save([visit])
        }
        return [
            "duplicate_account \(id(1))", "duplicate_account \(id(2))", "missing_location \(id(3))", "location_outside_area \(id(4))",
            "capacity_category \(id(5))", "tariff_category \(id(6))", "phone_missing \(id(7))", "phone_invalid \(id(8))",
            "email_invalid \(id(10))", "status_contradicts_devices \(id(11))", "customer_without_meter \(id(12))",
            "meter_without_customer dev-50000020", "duplicate_meter_serial dev-50000013", "duplicate_meter_serial dev-50000021",
            "presence_flagged \(id(14))", "not_audited \(id(15))", "mis_conflict_open \(id(16))",
        ]
    }

    static func open(_ fixture: StoreFixture) throws -> [QualityFinding] {
        try QualityFindings(database: fixture.store).list(.init())
    }

    static func keys(_ findings: [QualityFinding]) -> Set<String> { Set(findings.map { "\($0.rule.rawValue) \($0.subject)" }) }

    @Test("every rule finds exactly its plants and nothing else; each finding names its field and says what is wrong", arguments: StoreKind.allCases)
    func plants(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let planted = try Self.plant(fixture)
        #expect(Set(planted.map { String($0.split(separator: " ")[0]) }).count == QualityRule.allCases.count - 2,
                "every rule but email_missing and far_from_street (which needs a road map: QualityCommandTests) has a plant")
        let summary = try await QualityRun(database: fixture.store, settings: try Self.settings(), serviceArea: Self.area).run()
        #expect(summary == QualityRun.Summary(full: true, checked: 41, opened: planted.count, closed: 0, open: planted.count))
        let findings = try Self.open(fixture)
        #expect(Self.keys(findings) == planted)
        let capacity = try #require(findings.first { $0.rule == .capacityCategory })
        #expect(capacity.field == "capacity_kva" && capacity.severity == .warning && capacity.county == "094620")
        #expect(capacity.message(in: .english) == "capacity 250 kVA looks wrong for a residential supply (at most 100 kVA)")
        #expect(capacity.message(in: .simplifiedChinese) == "居民用电容量 250 kVA 不合理（上限 100 kVA）")
        #expect(findings.first { $0.rule == .duplicateAccount }?.message(in: .english) == "account 40000002 belongs to 2 customers")
        #expect(findings.first { $0.rule == .notAudited }?.detail["last"] == "2023-11-01")
        #expect(findings.first?.severity == .error, "most severe first")

        // A rules file that turns email_missing on and capacity_category off: a full run again.
        let settings = try Self.settings("  email_missing: {enabled: true}\n  capacity_category: {enabled: false}\n")
        let again = try await QualityRun(database: fixture.store, settings: settings, serviceArea: Self.area).run()
        #expect(again.full && again.opened == 1 && again.closed == 1)
        #expect(Self.keys(try Self.open(fixture)) == planted.subtracting(["capacity_category \(Self.id(5))"]).union(["email_missing \(Self.id(9))"]))
    }

    @Test("a fix closes a finding, a later run reads only what changed, a record broken again opens it anew", arguments: StoreKind.allCases)
    func lifecycle(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        let planted = try Self.plant(fixture)
        var run = QualityRun(database: fixture.store, settings: try Self.settings(), serviceArea: Self.area)
        run.pageSize = 3    // many pages, each read while the one before is written
        // Runs a second apart, at the real time: the rules that go by the time need it.
        let start = Int64(HybridLogicalClock.wallClockMilliseconds())
        func at(_ second: Int64) -> Int64 { start + second * 1_000 }
        _ = try await run.run(now: at(1))
        let first = try Self.open(fixture)

        let nothing = try await run.run(now: at(2))
        #expect(nothing == QualityRun.Summary(full: false, checked: 0, opened: 0, closed: 0, open: planted.count))

        var customers = try (0..<20).map(Self.clean)
        customers[5].capacityKVA = 50          // fixed
        customers[2].account = "49999999"      // no longer a duplicate of 1
        let service = DispatchService(database: fixture.store)
        _ = try service.save([customers[5], customers[2]])
        let fixed = try await run.run(now: at(3))
        #expect(!fixed.full && fixed.checked == 2 && fixed.closed == 3 && fixed.opened == 0)
        let remaining = planted.subtracting(["capacity_category \(Self.id(5))", "duplicate_account \(Self.id(1))", "duplicate_account \(Self.id(2))"])
        #expect(Self.keys(try Self.open(fixture)) == remaining)
        var closedFilter = QualityFindings.Filter()
        closedFilter.open = false
        let closed = try QualityFindings(database: fixture.store).list(closedFilter)
        #expect(closed.count == 3 && closed.allSatisfy { $0.closedAt == at(3) && $0.firstSeen == at(1) })
        let kept = try Self.open(fixture)
        #expect(kept.allSatisfy { finding in finding.firstSeen == first.first { $0.rule == finding.rule && $0.subject == finding.subject }?.firstSeen })

        customers[5].capacityKVA = 300         // broken again
        _ = try service.save([customers[5]])
        let broken = try await run.run(now: at(4))
        #expect(broken.opened == 1 && broken.closed == 0)
        let reopened = try #require(try Self.open(fixture).first { $0.rule == .capacityCategory })
        #expect(reopened.firstSeen == at(4) && reopened.closedAt == nil && reopened.detail["capacity"] == "300")

        // Retiring one of two meters with one serial ends that duplicate; the tablet's fix of the
        // MIS conflict ends that one.
        var retired = try Self.meter(21, of: 13, serial: "M13")
        retired.retired = true
        _ = try service.save([retired])
        let after = try await run.run(now: at(5))
        #expect(after.closed == 2)
        #expect(!Self.keys(try Self.open(fixture)).contains { $0.hasPrefix("duplicate_meter_serial") })
    }

    @Test("a visit that verified the customer after its last change closes its findings for good; a later change opens them again", arguments: StoreKind.allCases)
    func auditCloses(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        _ = try Self.plant(fixture)
        let run = QualityRun(database: fixture.store, settings: try Self.settings(), serviceArea: Self.area)
        _ = try await run.run()
        // The auditor finds customer 5's 250 kVA real, and customer 7 still has no phone.
        let later = StoreChecks.visitTime(Date().addingTimeInterval(60))
        for number in [5, 7] {
            var visit = AuditVisit(id: try TypedID(RecordIdentifier.mint(.auditVisit)), workOrder: try TypedID("wo-quality"),
                                   customer: try TypedID(Self.id(number)), auditor: "anna", time: later, outcome: .verified)
            visit.fix = try Self.clean(number).location
            visit.fixSource = .gnss
            visit.fixTime = later
            visit.fixAccuracyMeters = 5
            _ = try DispatchService(database: fixture.store).save([visit])
        }
        let audited = try await run.run()
        #expect(audited.closed == 2 && audited.opened == 0)
        var closedFilter = QualityFindings.Filter()
        closedFilter.open = false
        let closed = try QualityFindings(database: fixture.store).list(closedFilter)
        #expect(Set(closed.map(\.rule)) == [.capacityCategory, .phoneMissing] && closed.allSatisfy { $0.closedBy == "audit" })
        #expect(try await run.run(full: true).opened == 0, "a full run leaves them closed: nothing changed since the visit")

        var customer = try Self.clean(5)
        customer.capacityKVA = 260
        _ = try DispatchService(database: fixture.store).save([customer], only: ["capacity_kva"])
        // The change is stamped after the visit only once the server's clock passes the visit's time.
        try await fixture.store.write { db in
            let stored = try #require(try RecordTable.load(RecordKey(kind: .customer, id: Self.id(5)), in: db))
            var changed = stored
            _ = try changed.write(.decimal(270), to: "capacity_kva", by: "t-anna", at: HLCTimestamp(milliseconds: UInt64(Date().addingTimeInterval(120).timeIntervalSince1970 * 1000)))
            try RecordTable.save(changed, previous: stored, origin: "test", batchID: nil, in: db)
        }
        let changedRun = try await run.run()
        #expect(changedRun.opened == 1)
        #expect(try Self.open(fixture).first { $0.rule == .capacityCategory }?.detail["capacity"] == "270")
    }

    @Test("the cut gives each suspect customer to the auditor of the latest order that held it (done, not cancelled), skips those an open order holds, and walks each county in bands", arguments: StoreKind.allCases)
    func cutCoverage(kind: StoreKind) async throws {
        let fixture = try StoreFixture(kind)
        _ = try Self.plant(fixture)
        _ = try await QualityRun(database: fixture.store, settings: try Self.settings(), serviceArea: Self.area).run()
        let office = DispatchService(database: fixture.store)
        var done = try office.createWorkOrder(assignee: "anna", customers: [Self.id(5), Self.id(6), Self.id(7)], area: "old", due: nil, priority: nil)
        done.status = .done
        _ = try office.save([done], only: ["status"])
        var cancelled = try office.createWorkOrder(assignee: "carl", customers: [Self.id(8)], area: "cancelled", due: nil, priority: nil)
        cancelled.status = .cancelled
        _ = try office.save([cancelled], only: ["status"])
        _ = try office.createWorkOrder(assignee: "ben", customers: [Self.id(10)], area: "open", due: nil, priority: nil)

        let plan = try QualityWorkCut(database: fixture.store).plan(daySize: 2, assignee: nil)
        #expect(plan.orders.map(\.assignee) == ["anna", "anna"] && plan.orders.flatMap(\.customers).sorted() == [Self.id(5), Self.id(6), Self.id(7)])
        #expect(plan.orders.map(\.customers.count) == [2, 1] && plan.orders.allSatisfy { $0.county == "094620" })
        #expect(!plan.uncovered.contains(Self.id(10)), "an open order holds it")
        #expect(plan.uncovered.contains(Self.id(8)), "a cancelled order covers nobody")
        #expect(plan.uncovered.contains(Self.id(13)), "the customer of a meter with a duplicate serial")
        let everyone = try QualityWorkCut(database: fixture.store).plan(daySize: 25, assignee: "dora")
        #expect(everyone.uncovered.isEmpty && Set(everyone.orders.flatMap(\.customers)).count == everyone.orders.flatMap(\.customers).count,
                "every open finding's customer once")
    }

    @Test("a rules file naming an unknown rule or setting, or a threshold out of range, is refused with what is wrong")
    func badSettings() {
        #expect(throws: QualitySettingsError.unknownRule("capacity")) { try QualitySettings(overriding: "rules:\n  capacity: {enabled: false}\n") }
        #expect(throws: QualitySettingsError.unknownSetting(rule: "not_audited", setting: "weeks")) {
            try QualitySettings(overriding: "rules:\n  not_audited: {weeks: 3}\n")
        }
        #expect(throws: QualitySettingsError.badValue(rule: "not_audited", setting: "months", "≥ 1")) {
            try QualitySettings(overriding: "rules:\n  not_audited: {months: 0}\n")
        }
        #expect(throws: QualitySettingsError.self) { try QualitySettings(overriding: "rules: [1, 2]") }
        #expect(throws: QualitySettingsError.self) { try QualitySettings(overriding: "rules:\n  capacity_category: {max_kva: {houses: 5}}\n") }
        #expect(QualitySettings.defaults.maxKVA[.residential] == 100 && !QualitySettings.defaults.isEnabled(.emailMissing))
        #expect(QualitySettings.defaults.tariffs.isEmpty, "tariff codes are the utility's own: none until the operator lists them")
    }
}

extension QualityRunTests {
    @Test("a time is written as customer_map.visited_at writes it, as Foundation's ISO 8601 formatter does, for any millisecond", arguments: [
        Int64(0), 999, 1_000, 86_399_999, 951_782_400_000, 1_764_720_000_123, 4_102_444_799_999, -1, -86_400_001,
    ])
    func visitTime(milliseconds: Int64) {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        let seconds = (Double(milliseconds) / 1000).rounded(.down)
        #expect(StoreChecks.visitTime(milliseconds: milliseconds) == formatter.string(from: Date(timeIntervalSince1970: seconds)))
    }
}
