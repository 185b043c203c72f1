import Foundation
import Shared

/// `audit-server quality run --cut-work`: the open findings turned into work orders, so that the
/// system sends auditors to its own suspect records.
///
/// Each customer with an open finding (a meter's finding counts for the customer it names) that
/// no open work order holds goes to the auditor who covers it — the assignee of the latest work
/// order that held it — or to `assignee` when nobody ever did; the customers of one auditor and
/// county are ordered along bands of latitude (west to east, then back) so that each order is a
/// compact walk, and cut into orders of at most `daySize` customers, a day's work. The order's
/// notes name each customer's findings in the auditor's words.
public struct QualityWorkCut: Sendable {
    let database: any ServerStore
    /// Who the orders are written as (an office user, or the shell's dispatcher).
    let author: String

    public init(database: any ServerStore, author: String = DispatchService.shellAuthor) {
        self.database = database
        self.author = author
    }

    /// A work order the cut makes (or made: `id`).
    public struct Order: Sendable, Equatable, Encodable {
        public var assignee: String
        public var county: String?
        public var customers: [String]
        public var id: String?
    }

    /// What the cut makes, and the customers nobody covers (given no `assignee`).
    public struct Plan: Sendable, Equatable, Encodable {
        public var orders: [Order]
        public var uncovered: [String]
    }

    /// The orders the open findings make now, without writing them.
    public func plan(daySize: Int, assignee: String?) throws -> Plan {
        try database.read { db in
            let findings = try Self.findingsByCustomer(in: db)
            let (covering, busy) = try Self.coverage(in: db)
            var groups: [String: [(id: String, county: String?, lat: Double, lon: Double)]] = [:]
            var uncovered: [String] = []
            let places = try Self.places(Array(findings.keys), in: db)
            for customer in findings.keys.sorted() where !busy.contains(customer) {
                guard let auditor = covering[customer] ?? assignee else { uncovered.append(customer); continue }
                let place = places[customer] ?? (nil, 0, 0)
                groups["\(auditor)\u{1F}\(place.county ?? "")", default: []].append((customer, place.county, place.lat, place.lon))
            }
            var orders: [Order] = []
            for key in groups.keys.sorted() {
                let auditor = String(key.split(separator: "\u{1F}", omittingEmptySubsequences: false)[0])
                let members = Self.walkingOrder(groups[key] ?? [])
                for start in stride(from: 0, to: members.count, by: daySize) {
                    let day = members[start..<min(start + daySize, members.count)]
                    orders.append(Order(assignee: auditor, county: day.first?.county, customers: day.map(\.id)))
                }
            }
            return Plan(orders: orders, uncovered: uncovered)
        }
    }

    /// Makes the orders of ``plan(daySize:assignee:)``: area and notes in `language`, due `due`.
    public func cut(daySize: Int, assignee: String?, due: String?, language: Language) throws -> Plan {
        var plan = try plan(daySize: daySize, assignee: assignee)
        let notes = try notesByCustomer(language: language)
        let office = DispatchService(database: database, author: author)
        for index in plan.orders.indices {
            let order = plan.orders[index]
            let area = language.localized("quality.cut.area", ["county": order.county ?? "—", "number": index + 1])
            let text = String(order.customers.compactMap { notes[$0] }.joined(separator: " | ").prefix(2_000))
            let created = try office.createWorkOrder(assignee: order.assignee, customers: order.customers, area: area, due: due, priority: nil, notes: text)
            plan.orders[index].id = created.id.rawValue
        }
        return plan
    }

    /// Each customer's open findings as one line of notes: `cus-1: capacity 250 kVA looks wrong …; no phone number`.
    private func notesByCustomer(language: Language) throws -> [String: String] {
        var filter = QualityFindings.Filter()
        filter.limit = 1_000_000
        let findings = try QualityFindings(database: database).list(filter)
        let owners = try database.read { db in try Self.meterOwners(in: db) }
        var lines: [String: [String]] = [:]
        for finding in findings {
            guard let customer = finding.kind == .customer ? finding.subject : owners[finding.subject] else { continue }
            lines[customer, default: []].append(finding.message(in: language))
        }
        return Dictionary(uniqueKeysWithValues: lines.map { ($0.key, "\($0.key): " + $0.value.joined(separator: "; ")) })
    }

    /// The customers with open findings, with their rules.
    private static func findingsByCustomer(in db: any StoreConnection) throws -> [String: [String]] {
        var byCustomer: [String: [String]] = [:]
        for row in try db.rows("""
            SELECT f.subject, f.rule FROM quality_findings f WHERE f.closed_ms IS NULL AND f.kind = 'customer'
            UNION SELECT s.customer, f.rule FROM quality_findings f JOIN quality_subjects s ON s.kind = 'device' AND s.id = f.subject
            WHERE f.closed_ms IS NULL AND s.customer IS NOT NULL
            """) {
            byCustomer[row[0], default: []].append(row[1])
        }
        return byCustomer
    }

    private static func meterOwners(in db: any StoreConnection) throws -> [String: String] {
        Dictionary(try db.rows("SELECT id, customer FROM quality_subjects WHERE kind = 'device' AND customer IS NOT NULL").map { ($0[0], $0[1]) },
                   uniquingKeysWith: { first, _ in first })
    }

    /// Who covers each customer (the assignee of the latest order that held it), and the customers
    /// an open order holds now.
    private static func coverage(in db: any StoreConnection) throws -> (covering: [String: String], busy: Set<String>) {
        let orders = try db.values(Data.self, "SELECT state FROM records WHERE kind = 'work_order'")
            .map { try RecordTable.decode($0) }
            .filter { !$0.flag("retired") }
            .map { (start: WorkPlan.start(of: $0), order: WorkOrder($0)) }
            .sorted { ($0.start, $0.order.id.rawValue) < ($1.start, $1.order.id.rawValue) }
        var covering: [String: String] = [:], busy = Set<String>()
        for (_, order) in orders where order.status != .cancelled {
            for customer in order.customers {
                covering[customer.rawValue] = order.assignee
                if order.status != .done { busy.insert(customer.rawValue) }
            }
        }
        return (covering, busy)
    }

    private static func places(_ ids: [String], in db: any StoreConnection) throws -> [String: (county: String?, lat: Double, lon: Double)] {
        var places: [String: (county: String?, lat: Double, lon: Double)] = [:]
        for slice in SQLList.slices(ids) {
            for row in try db.rows("SELECT id, county, COALESCE(lat, 0), COALESCE(lon, 0) FROM customer_map WHERE id IN (\(SQLList.placeholders(slice.count)))",
                                   StoreArguments(slice.map(\.storeValue))) {
                places[row[0]] = (row[1] as String?, row[2], row[3])
            }
        }
        return places
    }

    /// Bands of about 500 m of latitude, south to north, walked west to east and back.
    private static func walkingOrder(_ members: [(id: String, county: String?, lat: Double, lon: Double)]) -> [(id: String, county: String?, lat: Double, lon: Double)] {
        members.sorted { first, second in
            let a = Int((first.lat / 0.0045).rounded(.down)), b = Int((second.lat / 0.0045).rounded(.down))
            if a != b { return a < b }
            return a % 2 == 0 ? (first.lon, first.id) < (second.lon, second.id) : (first.lon, first.id) > (second.lon, second.id)
        }
    }
}
