import AuditServer
import Foundation
import Shared

/// The office's setup of a province done in this process through the AuditServer library: work
/// orders written with `DispatchService.save` (the merge path `workorder create` ends in, many
/// orders a transaction instead of a process each), tablets enrolled with `DeviceRegistry`.
///
/// Only setup goes this way; everything measured goes over HTTP to audit-server processes.
struct ProvinceDispatch {
    let province: Province
    let store: BenchStore
    let dataDirectory: String

    /// The auditor of work order `order`, and the name of their tablet.
    static func auditor(_ order: Int) -> String { "aud-\(order)" }
    static func tablet(_ order: Int) -> String { "tab-\(order)" }

    /// Writes work orders `orders`, each to its own auditor, `perTransaction` at a time.
    func cut(_ orders: Range<Int>, perTransaction: Int = 20) throws {
        let workOrders = try orders.map { order in
            var workOrder = WorkOrder(id: .mint(), area: "county \(province.county(ofOrder: order)), order \(order)",
                                      assignee: Self.auditor(order),
                                      customers: try province.customerIDs(ofOrder: order).map { try TypedID($0) })
            workOrder.priority = 3
            try workOrder.validate()
            return workOrder
        }
        try withStore { database in
            _ = try DispatchService(database: database).save(workOrders, chunkSize: perTransaction)
        }
    }

    /// Enrols the tablet of each of `orders` and returns its token by order.
    func enroll(_ orders: [Int]) throws -> [Int: String] {
        try withStore { database in
            let registry = DeviceRegistry(database: database)
            var tokens: [Int: String] = [:]
            for order in orders {
                tokens[order] = try registry.enroll(name: Self.tablet(order), auditor: Self.auditor(order)).token
            }
            return tokens
        }
    }

    private func withStore<T>(_ body: (any ServerStore) throws -> T) throws -> T {
        let location: StoreLocation
        switch store {
        case .sqlite: location = .sqlite(directory: dataDirectory)
        case .postgres(let url): location = try StoreLocation(parsing: url)
        }
        let database = try location.open()
        defer { try? database.close() }
        return try body(database)
    }
}
