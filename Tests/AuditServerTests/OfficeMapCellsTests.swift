@testable import AuditServer
import Foundation
import Shared
import StoreTestSupport
import Testing

/// The stored cells behind wide map views, on both stores: after any mix of imports, moves,
/// visits, conflicts and retirements, a view clustered from the cells counts the same customers
/// and statuses as one clustered from the rows.
@Suite("the office map's stored cells")
struct OfficeMapCellsTests {
    /// Per status, what a view of `selection` counts, from the rows or from the cells.
    static func statuses(_ selection: CustomerSelection, fromCells: Bool, in store: any ServerStore) throws -> [String: Int] {
        let map = OfficeMap(database: store, markerLimit: 0, cellThreshold: fromCells ? -1 : .max)
        let view = try map.view(selection)
        let fromMarkers = (view.markers ?? []).reduce(into: [String: Int]()) { total, marker in total[marker.status.rawValue, default: 0] += 1 }
        return (view.clusters ?? []).reduce(into: fromMarkers) { total, cluster in total.merge(cluster.statuses, uniquingKeysWith: +) }
    }

    @Test("cells count what the rows count through random moves, visits, conflicts and retirements", arguments: StoreKind.allCases)
    func cellsFollowRows(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try OfficeMapTests.seed(fixture)
        var random = SystemRandomNumberGenerator()
        let office = DispatchService(database: fixture.store)
        var trail: [String] = []
        for step in 0..<40 {
            let index = Int.random(in: 0..<12, using: &random)
            let id = "cus-\(30_000_000 + index)"
            switch Int.random(in: 0..<5, using: &random) {
            case 0:
                var moved = Customer(id: try TypedID(id), account: "\(30_000_000 + index)", name: "客户 \(index)")
                moved.location = GeoPoint(latitude: Double.random(in: 49.85...49.99, using: &random), longitude: Double.random(in: 11.45...11.59, using: &random))
                _ = try office.save([moved], only: ["location"])
                trail.append("move \(id)")
            case 1, 2:
                let outcome = [VisitOutcome.verified, .corrected, .notFound, .noAccess].randomElement(using: &random)!
                let time = String(format: "2026-12-%02dT%02d:00:00Z", 1 + step / 10, step % 10 + 8)
                let fix: GeoPoint?? = Bool.random(using: &random) ? .none : .some(nil)
                try OfficeMapTests.visit(index, outcome, at: time, fix: fix, fixture: fixture)
                trail.append("visit \(id) \(outcome)")
            case 3:
                try fixture.store.write { db in
                    let stored = try #require(try RecordTable.load(RecordKey(kind: .customer, id: id), in: db))
                    var mine = stored, theirs = stored
                    let at = 1_900_000_000_000 + UInt64(step) * 10
                    _ = try mine.write(.text("0921 555 \(1000 + step)"), to: "phone", by: "t-a", at: HLCTimestamp(milliseconds: at))
                    _ = try theirs.write(.text("0921 556 \(1000 + step)"), to: "phone", by: "t-b", at: HLCTimestamp(milliseconds: at + 1))
                    try RecordTable.save(try mine.merged(with: theirs), previous: stored, origin: "test", batchID: nil, in: db)
                }
                trail.append("conflict \(id)")
            default:
                var gone = Customer(id: try TypedID(id), account: "\(30_000_000 + index)", name: "客户 \(index)")
                gone.retired = Bool.random(using: &random)
                _ = try office.save([gone], only: ["retired"])
                trail.append("retired=\(gone.retired) \(id)")
            }
            var selection = CustomerSelection(box: OfficeMapTests.everywhere)
            let fromRows = try Self.statuses(selection, fromCells: false, in: fixture.store)
            #expect(try Self.statuses(selection, fromCells: true, in: fixture.store) == fromRows, "after \(trail.joined(separator: ", "))")
            // Every level counts them all: the coarse ones from the rows of every county together, the fine ones from each county's.
            for level in CustomerMapCells.levels.indices {
                let cells = try fixture.store.read { db in try CustomerMapCells.cells(selection, level: level, in: db) }
                #expect(cells.reduce(into: [String: Int]()) { $0[$1.status, default: 0] += $1.customers } == fromRows,
                        "level \(level) after \(trail.joined(separator: ", "))")
            }
            selection.county = "094621"
            #expect(try Self.statuses(selection, fromCells: true, in: fixture.store) == Self.statuses(selection, fromCells: false, in: fixture.store),
                    "county 094621 after \(trail.joined(separator: ", "))")
        }
    }

    @Test("a wide view comes from the cells with clusters where the customers are; rebuilt cells count the same, and so do every county's rows made by the migration", arguments: StoreKind.allCases)
    func wideView(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try OfficeMapTests.seed(fixture)
        try OfficeMapTests.visit(0, .verified, at: "2026-12-01T10:00:00Z", fixture: fixture)
        var selection = CustomerSelection(box: OfficeMapTests.everywhere)
        let map = OfficeMap(database: fixture.store, markerLimit: 0, cellThreshold: -1)
        let view = try map.view(selection)
        let clusters = try #require(view.clusters)
        #expect(view.total == 12 && clusters.count > 1)
        for cluster in clusters { #expect((49.90...49.92).contains(cluster.lat) && (11.50...11.53).contains(cluster.lon)) }
        selection.status = .verified
        #expect(try map.view(selection).total == 1)
        selection.status = nil
        selection.county = "094620"
        #expect(try map.view(selection).total == 6)

        let before = try Self.statuses(CustomerSelection(box: OfficeMapTests.everywhere), fromCells: true, in: fixture.store)
        try fixture.store.write { db in
            _ = try db.execute("DELETE FROM customer_map_cells", [])
            try CustomerMapCells.fill(in: db)
        }
        #expect(try Self.statuses(CustomerSelection(box: OfficeMapTests.everywhere), fromCells: true, in: fixture.store) == before)
        #expect(before == ["pending": 11, "verified": 1])

        // A store from before the rows of every county gets them from its counties' rows.
        try fixture.store.write { db in
            _ = try db.execute("DELETE FROM customer_map_cells WHERE county = ?", [CustomerMapCells.everyCounty])
            _ = try db.execute(CustomerMapCells.addEveryCounty, [])
        }
        #expect(try Self.statuses(CustomerSelection(box: OfficeMapTests.everywhere), fromCells: true, in: fixture.store) == before)
    }

    @Test("the cells never count fewer customers than a view holds, and nothing where nobody lives", arguments: StoreKind.allCases)
    func estimateCoversTheView(kind: StoreKind) throws {
        let fixture = try StoreFixture(kind)
        _ = try OfficeMapTests.seed(fixture)
        var random = SystemRandomNumberGenerator()
        let map = OfficeMap(database: fixture.store, markerLimit: 100_000, cellThreshold: .max)
        for _ in 0..<30 {
            let south = Double.random(in: 49.80...49.95, using: &random), west = Double.random(in: 11.40...11.55, using: &random)
            let size = [0.005, 0.05, 0.5, 5].randomElement(using: &random)!
            let selection = CustomerSelection(box: GeoBox(south: south, west: west, north: south + size, east: west + size))
            let held = try map.view(selection).total
            let exceeds = try fixture.store.read { db in try CustomerMapCells.exceeds(held - 1, selection, in: db) }
            #expect(exceeds, "\(selection.box) holds \(held)")
        }
        let empty = CustomerSelection(box: GeoBox(south: 10, west: 10, north: 10.5, east: 10.5))
        #expect(try !fixture.store.read { db in try CustomerMapCells.exceeds(0, empty, in: db) })
    }
}
