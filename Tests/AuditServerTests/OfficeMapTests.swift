@testable import AuditServer
import Evidence
import Foundation
import Shared
import StoreTestSupport
import Testing

/// The office map and its cuts of work, on both stores: what a dispatcher sees in a viewport and
/// which customers a drawn box, polygon or filter takes.
@Suite("the office map: viewport, clusters, filters, cuts")
struct OfficeMapTests {
    /// Twelve customers on a 4 × 3 grid (0.01° apart) from 49.90 N, 11.50 E: county 094620 in the
    /// west two columns, 094621 in the east two; feeder F1 on the south row, F2 elsewhere.
    static func seed(_ fixture: StoreFixture) throws -> [String: GeoPoint] {
        var sites: [String: GeoPoint] = [:]
        let customers = try (0..<12).map { index in
            let column = index % 4, row = index / 4
            var customer = Customer(id: try TypedID("cus-\(30_000_000 + index)"), account: "\(30_000_000 + index)", name: "客户 \(index)")
            customer.location = site(index)
            customer.county = column < 2 ? "094620" : "094621"
            customer.feeder = row == 0 ? "F1" : "F2"
            customer.transformer = "T\(column)"
            sites[customer.id.rawValue] = customer.location
            return customer
        }
        _ = try DispatchService(database: fixture.store).save(customers)
        return sites
    }

    static let everywhere = GeoBox(south: 49.8, west: 11.4, north: 50.0, east: 11.6)

    /// Where seeded customer `index` lives.
    static func site(_ index: Int) -> GeoPoint {
        GeoPoint(latitude: 49.90 + Double(index / 4) * 0.01, longitude: 11.50 + Double(index % 4) * 0.01)
    }

    /// Visits `customer` with `outcome` at `time`, as the server replica, measured at `fix` (the
    /// customer's site unless given; `nil` with `source` nil: no position at all).
    static func visit(_ customer: Int, _ outcome: VisitOutcome, at time: String, fix: GeoPoint?? = .none, source: FixSource = .gnss,
                      auditor: String = "anna", fixture: StoreFixture) throws {
        var visit = AuditVisit(id: try TypedID(RecordIdentifier.mint(.auditVisit)), workOrder: try TypedID("wo-map"),
                               customer: try TypedID("cus-\(30_000_000 + customer)"), auditor: auditor, time: time, outcome: outcome)
        visit.fix = fix ?? site(customer)
        visit.fixSource = visit.fix == nil ? nil : source
        _ = try DispatchService(database: fixture.store).save([visit])
    }

    @Test("a viewport shows each customer with its status: pending, the latest visit's outcome, conflict over all", arguments: StoreKind.allCases)
    func statuses(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        let sites = try Self.seed(fixture)
        try Self.visit(1, .notFound, at: "2026-11-30T09:00:00Z", fixture: fixture)
        try Self.visit(1, .verified, at: "2026-12-01T09:00:00Z", fixture: fixture)
        // An older visit arriving later (a tablet offline for days) does not override the newer one.
        try Self.visit(1, .noAccess, at: "2026-11-29T09:00:00Z", fixture: fixture)
        try Self.visit(2, .corrected, at: "2026-12-01T10:00:00Z", fixture: fixture)
        try fixture.store.write { db in
            let stored = try #require(try RecordTable.load(RecordKey(kind: .customer, id: "cus-30000003"), in: db))
            var mine = stored, theirs = stored
            _ = try mine.write(.text("0921 555 0100"), to: "phone", by: "t-a", at: HLCTimestamp(milliseconds: 1_900_000_000_000))
            _ = try theirs.write(.text("0921 555 0200"), to: "phone", by: "t-b", at: HLCTimestamp(milliseconds: 1_900_000_000_001))
            try RecordTable.save(try mine.merged(with: theirs), previous: stored, origin: "test", batchID: nil, in: db)
        }

        let view = try OfficeMap(database: fixture.store).view(CustomerSelection(box: Self.everywhere))
        let markers = try #require(view.markers)
        #expect(view.clusters == nil && view.total == 12)
        let byID = Dictionary(uniqueKeysWithValues: markers.map { ($0.id, $0) })
        #expect(byID["cus-30000001"]?.status == .verified)
        #expect(byID["cus-30000002"]?.status == .corrected)
        #expect(byID["cus-30000003"]?.status == .conflict)
        #expect(markers.filter { $0.status == .pending }.count == 9)
        for marker in markers { #expect(sites[marker.id] == GeoPoint(latitude: marker.lat, longitude: marker.lon)) }
    }

    @Test("filters by county, feeder, transformer, status, work order and auditor narrow the view", arguments: StoreKind.allCases)
    func filters(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try Self.seed(fixture)
        try Self.visit(5, .corrected, at: "2026-12-01T10:00:00Z", fixture: fixture)
        let order = try DispatchService(database: fixture.store)
            .createWorkOrder(assignee: "bert", customers: ["30000000", "cus-30000004"], area: "west", due: nil, priority: nil)
        let map = OfficeMap(database: fixture.store)
        func ids(_ change: (inout CustomerSelection) -> Void) throws -> [String] {
            var selection = CustomerSelection(box: Self.everywhere)
            change(&selection)
            return try map.view(selection).markers?.map(\.id).sorted() ?? []
        }
        #expect(try ids { $0.county = "094620" }.count == 6)
        #expect(try ids { $0.feeder = "F1" } == ["cus-30000000", "cus-30000001", "cus-30000002", "cus-30000003"])
        #expect(try ids { $0.transformer = "T3" } == ["cus-30000003", "cus-30000007", "cus-30000011"])
        #expect(try ids { $0.status = .corrected } == ["cus-30000005"])
        #expect(try ids { $0.workOrder = order.id.rawValue } == ["cus-30000000", "cus-30000004"])
        #expect(try ids { $0.auditor = "bert" } == ["cus-30000000", "cus-30000004"])
        #expect(try ids { $0.auditor = "nobody" } == [])
        #expect(try ids { $0.visitedSince = "2026-12-01" } == ["cus-30000005"])
        #expect(try ids { $0.visitedSince = "2026-12-02" } == [])
        #expect(try ids { $0.county = "094621"; $0.feeder = "F1" } == ["cus-30000002", "cus-30000003"])
        #expect(try ids { $0.box = GeoBox(south: 49.905, west: 11.505, north: 49.925, east: 11.525) }
                == ["cus-30000005", "cus-30000006", "cus-30000009", "cus-30000010"])
    }

    @Test("a view of more customers than the limit comes as clusters that hold every customer and status", arguments: StoreKind.allCases)
    func clusters(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try Self.seed(fixture)
        try Self.visit(0, .verified, at: "2026-12-01T10:00:00Z", fixture: fixture)
        try Self.visit(11, .noAccess, at: "2026-12-01T10:00:00Z", fixture: fixture)
        let view = try OfficeMap(database: fixture.store, markerLimit: 5).view(CustomerSelection(box: Self.everywhere))
        let clusters = try #require(view.clusters)
        #expect(view.markers == nil)
        #expect(view.total == 12 && clusters.reduce(0) { $0 + $1.count } == 12)
        #expect(clusters.count > 1, "the customers are spread over several cells")
        let statuses = clusters.reduce(into: [String: Int]()) { total, cluster in total.merge(cluster.statuses, uniquingKeysWith: +) }
        #expect(statuses == ["pending": 10, "verified": 1, "no_access": 1])
        for cluster in clusters {
            #expect(cluster.statuses.values.reduce(0, +) == cluster.count)
            #expect((49.90...49.92).contains(cluster.lat) && (11.50...11.53).contains(cluster.lon), "drawn where its customers are")
        }
    }

    @Test("a polygon takes only the customers inside it; a selection out of range is refused", arguments: StoreKind.allCases)
    func polygonCut(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try Self.seed(fixture)
        // A triangle over the south-west corner: the two south-west customers and the one north of the first.
        var selection = CustomerSelection(box: GeoBox(south: 49.895, west: 11.495, north: 49.918, east: 11.518))
        selection.polygon = [GeoPoint(latitude: 49.895, longitude: 11.495), GeoPoint(latitude: 49.895, longitude: 11.518),
                             GeoPoint(latitude: 49.918, longitude: 11.495)]
        let taken = try OfficeMap(database: fixture.store).customers(selection).map(\.id)
        #expect(taken == ["cus-30000000", "cus-30000001", "cus-30000004"])

        selection.polygon = [GeoPoint(latitude: 95, longitude: 0), GeoPoint(latitude: 0, longitude: 0), GeoPoint(latitude: 1, longitude: 1)]
        #expect(throws: APIError.self) { try OfficeMap(database: fixture.store).customers(selection) }
        #expect(throws: ValidationError.self) { try CustomerSelection(query: ["bbox": "50,11,49,12"]) }
        #expect(throws: ValidationError.self) { try CustomerSelection(query: ["bbox": "49,11,50,12", "status": "lost"]) }
        var late = CustomerSelection(box: Self.everywhere)
        late.visitedSince = "yesterday"
        #expect(throws: APIError.self) { try OfficeMap(database: fixture.store).view(late) }
    }

    @Test("a retired customer leaves the map and every cut", arguments: StoreKind.allCases)
    func retired(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try Self.seed(fixture)
        var gone = Customer(id: try TypedID("cus-30000000"), account: "30000000", name: "客户 0")
        gone.retired = true
        _ = try DispatchService(database: fixture.store).save([gone], only: ["retired"])
        let ids = try OfficeMap(database: fixture.store).view(CustomerSelection(box: Self.everywhere)).markers?.map(\.id) ?? []
        #expect(ids.count == 11 && !ids.contains("cus-30000000"))
        #expect(try !DispatchService(database: fixture.store).customers(inside: Self.everywhere).contains("cus-30000000"))
    }

    @Test("the map table is rebuilt from the records for a store that predates it", arguments: StoreKind.allCases)
    func fill(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try Self.seed(fixture)
        try Self.visit(7, .corrected, at: "2026-12-01T10:00:00Z", fixture: fixture)
        try Self.visit(8, .verified, at: "2026-12-01T11:00:00Z", fix: .some(nil), fixture: fixture)
        let map = OfficeMap(database: fixture.store)
        let before = try map.view(CustomerSelection(box: Self.everywhere)).markers
        try fixture.store.write { db in
            _ = try db.execute("DELETE FROM customer_map", [])
            try CustomerMapTable.fillCustomers(in: db)
            try CustomerMapTable.replayVisits(in: db)
        }
        #expect(try map.view(CustomerSelection(box: Self.everywhere)).markers == before)
        #expect(before?.count == 12 && before?.filter { $0.status != .pending }.count == 2)
    }

    @Test("a visit whose own evidence fails is flagged on the map; a later good visit clears it", arguments: StoreKind.allCases)
    func presenceFlags(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try Self.seed(fixture)
        let far = GeoPoint(latitude: Self.site(4).latitude + 0.005, longitude: Self.site(4).longitude)
        try Self.visit(4, .verified, at: "2026-12-01T09:00:00Z", fix: far, fixture: fixture)
        try Self.visit(5, .verified, at: "2026-12-01T09:10:00Z", source: .typed, fixture: fixture)
        try Self.visit(6, .corrected, at: "2026-12-01T09:20:00Z", fix: .some(nil), fixture: fixture)
        try Self.visit(7, .corrected, at: "2026-12-01T09:30:00Z", fixture: fixture)
        let map = OfficeMap(database: fixture.store)
        func ids(_ status: MapStatus) throws -> [String] {
            var selection = CustomerSelection(box: Self.everywhere)
            selection.status = status
            return try map.view(selection).markers?.map(\.id) ?? []
        }
        #expect(try ids(.presenceFlagged) == ["cus-30000004", "cus-30000005", "cus-30000006"], "far (556 m), typed, no position")
        #expect(try ids(.corrected) == ["cus-30000007"])

        try Self.visit(4, .verified, at: "2026-12-02T09:00:00Z", fixture: fixture)
        #expect(try ids(.presenceFlagged) == ["cus-30000005", "cus-30000006"])
        #expect(try ids(.verified) == ["cus-30000004"])
    }

    @Test("each auditor shows where last seen: the newest measured visit or track point, never a typed one", arguments: StoreKind.allCases)
    func auditorPositions(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try Self.seed(fixture)
        try Self.visit(0, .verified, at: "2026-12-01T09:00:00Z", fixture: fixture)
        try Self.visit(1, .verified, at: "2026-12-01T10:00:00Z", fixture: fixture)
        try Self.visit(2, .verified, at: "2026-12-01T11:00:00Z", source: .typed, fixture: fixture)
        try Self.visit(9, .verified, at: "2026-12-01T08:00:00Z", auditor: "bert", fixture: fixture)
        let map = OfficeMap(database: fixture.store)
        func seen() throws -> [String: MapView.AuditorPosition] {
            Dictionary(uniqueKeysWithValues: try map.view(CustomerSelection(box: Self.everywhere)).auditors.map { ($0.auditor, $0) })
        }
        #expect(try seen()["anna"].map { GeoPoint(latitude: $0.lat, longitude: $0.lon) } == Self.site(1))
        #expect(try seen()["anna"]?.seenAt == "2026-12-01T10:00:00Z")
        #expect(try seen()["bert"].map { GeoPoint(latitude: $0.lat, longitude: $0.lon) } == Self.site(9))

        func track(_ points: [TrackPoint], id: String) throws {
            let batch = TrackBatch(id: try TypedID(id), device: "tab-1", auditor: "anna",
                                   start: PresenceService.iso(points.first!.seconds), end: PresenceService.iso(points.last!.seconds),
                                   points: TrackCodec.encode(points), pointCount: Int64(points.count))
            _ = try DispatchService(database: fixture.store).save([batch])
        }
        let later = try #require(PresenceService.seconds("2026-12-01T12:00:00Z"))
        let walking = GeoPoint(latitude: 49.915, longitude: 11.515)
        try track([TrackPoint(point: Self.site(1), seconds: later - 60), TrackPoint(point: walking, seconds: later)], id: "trk-late")
        try track([TrackPoint(point: Self.site(11), seconds: later - 7200)], id: "trk-early")
        #expect(try seen()["anna"].map { GeoPoint(latitude: $0.lat, longitude: $0.lon) } == walking, "the older batch, saved later, moves nobody")
        #expect(try seen()["anna"]?.seenAt == "2026-12-01T12:00:00Z")

        var outside = CustomerSelection(box: GeoBox(south: 49.90, west: 11.50, north: 49.905, east: 11.505))
        #expect(try map.view(outside).auditors.map(\.auditor) == [])
        outside.box = Self.everywhere
        outside.auditor = "bert"
        #expect(try map.view(outside).auditors.map(\.auditor) == ["bert"])
        try fixture.store.write { db in
            _ = try db.execute("DELETE FROM auditor_positions", [])
            try AuditorPositionTable.fill(in: db)
        }
        #expect(try seen()["anna"]?.seenAt == "2026-12-01T12:00:00Z" && seen()["bert"] != nil, "rebuilt from the records alike")
    }

    @Test("a work order is reassigned, or split with some customers going to another auditor", arguments: StoreKind.allCases)
    func reassignAndSplit(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try Self.seed(fixture)
        let office = DispatchService(database: fixture.store, author: "dora")
        let order = try office.createWorkOrder(assignee: "anna", customers: ["30000000", "30000001", "30000004"], area: "west",
                                               due: "2026-12-10", priority: 2)
        #expect(try office.reassign(workOrder: order.id.rawValue, to: "bert").assignee == "bert")
        let (remaining, split) = try office.split(workOrder: order.id.rawValue, customers: ["30000004"], to: "carl")
        #expect(remaining.customers.map(\.rawValue) == ["cus-30000000", "cus-30000001"] && remaining.assignee == "bert")
        #expect(split.customers.map(\.rawValue) == ["cus-30000004"] && split.assignee == "carl")
        #expect(split.due == "2026-12-10" && split.priority == 2 && split.area == "west")
        let map = OfficeMap(database: fixture.store)
        var carls = CustomerSelection(box: Self.everywhere)
        carls.auditor = "carl"
        #expect(try map.view(carls).markers?.map(\.id) == ["cus-30000004"])

        #expect(throws: APIError.self) { try office.split(workOrder: order.id.rawValue, customers: ["30000011"], to: "carl") }
        #expect(throws: APIError.self) { try office.split(workOrder: order.id.rawValue, customers: ["30000000", "30000001"], to: "carl") }
        #expect(throws: APIError.self) { try office.reassign(workOrder: "wo-nothing", to: "carl") }
    }
}
