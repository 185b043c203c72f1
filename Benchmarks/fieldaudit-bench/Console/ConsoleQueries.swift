import AuditServer
import Foundation
import Shared

/// The console's queries on one loaded store, run in this process through the functions the
/// console's routes call.
struct ConsoleQueries {
    let database: any ServerStore
    let province: Province
    /// Work orders `0..<orders` are cut.
    let orders: Int

    init(store: BenchStore, dataDirectory: String, province: Province, orders: Int) throws {
        database = try store.open(dataDirectory: dataDirectory)
        self.province = province
        self.orders = orders
    }

    /// Visits the first half of each cut order's customers at their sites (a quarter with no
    /// position, which the map flags), outcomes in turn.
    func visitHalf() throws {
        let everywhere = CustomerSelection(box: GeoBox(south: -90, west: -180, north: 90, east: 180))
        var sites: [String: GeoPoint] = [:]
        for county in Set((0..<orders).map(province.county(ofOrder:))).sorted() {
            var selection = everywhere
            selection.county = county
            for site in try OfficeMap(database: database).customers(selection) { sites[site.id] = site.point }
        }
        let outcomes: [VisitOutcome] = [.verified, .corrected, .verified, .notFound, .noAccess]
        var visits: [AuditVisit] = []
        for order in 0..<orders {
            for (index, id) in province.customerIDs(ofOrder: order).prefix(province.orderSize / 2).enumerated() {
                var visit = AuditVisit(id: try TypedID(RecordIdentifier.mint(.auditVisit)), workOrder: try TypedID("wo-bench-\(order)"),
                                       customer: try TypedID(id), auditor: ProvinceDispatch.auditor(order),
                                       time: String(format: "2026-12-01T%02d:%02d:00Z", 8 + index / 60 % 10, index % 60),
                                       outcome: outcomes[index % outcomes.count])
                if index % 4 != 3 {
                    visit.fix = sites[id]
                    visit.fixSource = .gnss
                }
                visits.append(visit)
            }
        }
        _ = try DispatchService(database: database).save(visits)
    }

    /// Each query `times` times, in a fixed order.
    func measure(times: Int) throws -> [(String, Latencies)] {
        guard let extent = try OfficeMap(database: database).extent() else { throw BenchFailure("no customer has a position") }
        var random = SplitMix64(seed: 14)
        func box(_ fraction: Double) -> GeoBox {
            let height = (extent.north - extent.south) * fraction, width = (extent.east - extent.west) * fraction
            let south = extent.south + random.unit() * (extent.north - extent.south - height)
            let west = extent.west + random.unit() * (extent.east - extent.west - width)
            return GeoBox(south: south, west: west, north: south + height, east: west + width)
        }
        func county() -> String { province.county(ofOrder: random.below(province.orders)) }
        func auditor() -> String { ProvinceDispatch.auditor(random.below(orders)) }
        let map = OfficeMap(database: database)
        let list = CustomerList(database: database)
        let anywhere = CustomerSelection.everyCustomer
        func view(_ make: @escaping () -> CustomerSelection) -> () throws -> Void { { _ = try map.view(make()) } }
        func page(_ make: @escaping () -> (CustomerSelection, String?)) -> () throws -> Void {
            { let (selection, after) = make(); _ = try list.page(selection, after: after) }
        }
        let cases: [(String, () throws -> Void)] = [
            ("viewport: a street (1/40 across)", view { CustomerSelection(box: box(1.0 / 40)) }),
            ("viewport: a town (1/10 across)", view { CustomerSelection(box: box(0.1)) }),
            ("viewport: the province", view { CustomerSelection(box: extent) }),
            ("viewport: the province, pending only", view { var s = CustomerSelection(box: extent); s.status = .pending; return s }),
            ("viewport: the province, one county", view { var s = CustomerSelection(box: extent); s.county = county(); return s }),
            ("viewport: a town, one auditor", view { var s = CustomerSelection(box: box(0.1)); s.auditor = auditor(); return s }),
            ("list: first page of everything", page { (anywhere, nil) }),
            ("list: a page deep inside", page { (anywhere, province.customerIDs(ofOrder: random.below(province.orders)).first) }),
            ("list: one county", page { var s = anywhere; s.county = county(); return (s, nil) }),
            ("list: corrected customers", page { var s = anywhere; s.status = .corrected; return (s, nil) }),
            ("list: presence flagged", page { var s = anywhere; s.status = .presenceFlagged; return (s, nil) }),
            ("list: one auditor's customers", page { var s = anywhere; s.auditor = auditor(); return (s, nil) }),
        ]
        var figures: [(String, Latencies)] = []
        let clock = ContinuousClock()
        for (name, query) in cases {
            try query()  // warm
            var latencies = Latencies()
            for _ in 0..<times {
                let started = clock.now
                try query()
                latencies.record(clock.now - started)
            }
            say("\(name): \(latencies.summary)")
            figures.append((name, latencies))
        }
        return figures
    }
}
