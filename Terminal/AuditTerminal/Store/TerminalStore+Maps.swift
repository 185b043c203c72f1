import Foundation
import GRDB
import Routing
import Shared

extension TerminalStore {
    /// The cached road map of `workOrder`'s area (a graph file), if any.
    public func map(workOrder: String) throws -> Data? {
        try database.read { db in
            try Data.fetchOne(db, sql: "SELECT graph FROM maps WHERE work_order = ?", arguments: [workOrder])
        }
    }

    /// Caches the road map of `workOrder`'s area, cut for its current customer list.
    public func storeMap(_ graph: Data, workOrder: String) throws {
        try database.write { db in
            let customers = try Self.customerList(of: workOrder, in: db)
            try db.execute(sql: "INSERT OR REPLACE INTO maps (work_order, customers, graph, fetched_at_ms) VALUES (?, ?, ?, ?)",
                           arguments: [workOrder, customers, graph, Int64(HybridLogicalClock.wallClockMilliseconds())])
        }
    }

    /// Work orders whose map is missing, was cut for another customer list, or is a graph file of
    /// another version than this program reads (an older map after an update).
    public func workOrdersNeedingMaps() throws -> [String] {
        try database.read { db in
            var needing: [String] = []
            for order in try String.fetchAll(db, sql: "SELECT id FROM records WHERE kind = 'work_order' ORDER BY id") {
                let cached = try Row.fetchOne(db, sql: "SELECT customers, graph FROM maps WHERE work_order = ?", arguments: [order])
                let current = cached.map { GraphFile.version(of: $0["graph"] as Data? ?? Data()) == GraphFile.version } ?? false
                if try !current || cached?["customers"] as String? != Self.customerList(of: order, in: db) { needing.append(order) }
            }
            return needing
        }
    }

    private static func customerList(of workOrder: String, in db: Database) throws -> String {
        try load(RecordKey(kind: .workOrder, id: workOrder), in: db)?.list("customers").sorted().joined(separator: ",") ?? ""
    }
}
