@testable import AuditServer
import Foundation
import Shared

/// A small province edited at random, as the office, tablets and the MIS job edit one: accounts
/// and serials drawn from small pools (so duplicates come and go), meters moved between
/// customers, to none or to one not on file, retired and back, statuses flipped, meters that stop
/// being meters, visits at times around the run's clock (some without a position), conflicts with
/// the MIS, and that clock moved on (now and then back) between runs.
struct QualityEdits {
    let store: any ServerStore
    private var random: SplitMix64
    private(set) var customers: [Customer] = []
    private(set) var meters: [Device] = []
    /// The runs' time, milliseconds since 1970.
    private(set) var now: Int64
    private let started: Int64

    init(store: any ServerStore, seed: UInt64) throws {
        self.store = store
        random = SplitMix64(seed: seed)
        started = Int64(HybridLogicalClock.wallClockMilliseconds())
        now = started
        for number in 0..<8 { customers.append(try Self.customer(number, account: pick(Self.accounts))) }
        for number in 0..<10 {
            var meter = Device(id: try TypedID("dev-\(60_000_000 + number)"), serial: pick(Self.serials), kind: .meter)
            meter.customer = customers[number % customers.count].id
            meter.status = .inService
            meters.append(meter)
        }
        _ = try service.save(customers)
        _ = try service.save(meters)
    }

    private static let accounts = (1...7).map { "1000000\($0)" }
    private static let serials = ["S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8"]
    private static let day: Int64 = 86_400_000

    private var service: DispatchService { DispatchService(database: store) }

    private static func customer(_ number: Int, account: String) throws -> Customer {
        var customer = Customer(id: try TypedID("cus-\(60_000_000 + number)"), account: account, name: "客户 \(number)")
        customer.location = GeoPoint(latitude: 49.95, longitude: 11.6)
        customer.phone = "0921 555 \(1000 + number)"
        customer.accountStatus = .active
        customer.county = "094620"
        return customer
    }

    private mutating func pick<T>(_ items: [T]) -> T { items.randomElement(using: &random)! }
    private mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    /// Makes one to four edits, then moves the clock.
    mutating func round() throws {
        for _ in 0..<Int.random(in: 1...4, using: &random) { try edit() }
        now += chance(10) ? -Int64.random(in: 0...5, using: &random) * Self.day : Int64.random(in: 0...12, using: &random) * Self.day
    }

    /// One edit, written as the office writes it: only the field it changes, so that a conflict
    /// with the MIS on another field stays open.
    private mutating func edit() throws {
        let c = Int.random(in: 0..<customers.count, using: &random), m = Int.random(in: 0..<meters.count, using: &random)
        switch Int.random(in: 0..<13, using: &random) {
        case 0: customers[c].account = chance(80) ? pick(Self.accounts) : "2\(customers.count)\(Int.random(in: 100_000...999_999, using: &random))"; try saveCustomer(c, "account")
        case 1: customers[c].retired.toggle(); try saveCustomer(c, "retired")
        case 2: customers[c].accountStatus = pick([AccountStatus.active, .suspended, .closed, nil]); try saveCustomer(c, "account_status")
        case 3: customers[c].county = pick(["094620", "094621"]); try saveCustomer(c, "county")
        case 4: customers[c].tariff = "T1"; try saveCustomer(c, "tariff")
        case 5: meters[m].serial = pick(Self.serials); try saveMeter(m, "serial")
        case 6: meters[m].customer = pick([customers[c].id, customers[c].id, nil, try TypedID("cus-69999999")]); try saveMeter(m, "customer")
        case 7: meters[m].retired.toggle(); try saveMeter(m, "retired")
        case 8: meters[m].status = pick([DeviceStatus.inService, .inService, .faulty, .removed, nil]); try saveMeter(m, "status")
        case 9: meters[m].deviceKind = meters[m].deviceKind == .meter ? .transformer : .meter; try saveMeter(m, "kind")
        case 10: try add()
        case 11: try visit(customers[c].id)
        default: try conflictWithMIS(customers[c].id)
        }
    }

    private func saveCustomer(_ index: Int, _ field: String) throws { _ = try service.save([customers[index]], only: [field]) }
    private func saveMeter(_ index: Int, _ field: String) throws { _ = try service.save([meters[index]], only: [field]) }

    /// A customer or a meter nobody had on file.
    private mutating func add() throws {
        if chance(50) {
            customers.append(try Self.customer(customers.count, account: pick(Self.accounts)))
            _ = try service.save([customers[customers.count - 1]])
        } else {
            var meter = Device(id: try TypedID("dev-\(60_000_000 + meters.count)"), serial: pick(Self.serials), kind: .meter)
            meter.customer = pick(customers).id
            meters.append(meter)
            _ = try service.save([meter])
        }
    }

    /// A visit some days either side of the clock's time, verifying or not, proving presence or not.
    private mutating func visit(_ customer: TypedID<Customer>) throws {
        let time = StoreChecks.visitTime(milliseconds: now + Int64.random(in: -60...2, using: &random) * Self.day)
        var visit = AuditVisit(id: try TypedID(RecordIdentifier.mint(.auditVisit)), workOrder: try TypedID("wo-quality"), customer: customer,
                               auditor: "anna", time: time, outcome: pick(VisitOutcome.allCases))
        if chance(60) {
            visit.fix = GeoPoint(latitude: 49.95, longitude: 11.6)
            visit.fixSource = .gnss
            visit.fixTime = time
            visit.fixAccuracyMeters = 5
        }
        _ = try service.save([visit])
    }

    /// The MIS and a tablet writing the tariff concurrently, some days before the test began.
    private mutating func conflictWithMIS(_ customer: TypedID<Customer>) throws {
        let since = started - Int64.random(in: 0...10, using: &random) * Self.day
        try store.write { db in
            guard let stored = try RecordTable.load(RecordKey(kind: .customer, id: customer.rawValue), in: db) else { return }
            var mis = stored, tablet = stored
            _ = try mis.write(.text("T2"), to: "tariff", by: "mis", at: HLCTimestamp(milliseconds: UInt64(since)))
            _ = try tablet.write(.text("T1"), to: "tariff", by: "t-anna", at: HLCTimestamp(milliseconds: UInt64(since + 1)))
            try RecordTable.save(try mis.merged(with: tablet), previous: stored, origin: "test", batchID: nil, in: db)
        }
    }
}
