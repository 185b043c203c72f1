import Foundation
import Shared

/// One record as the office sees it: every field now (each value of a conflict, and which one
/// shows), its devices and work orders; and its whole history. `audit-server show` and `history`
/// print these, and the console's record page shows the same.
public struct RecordInspection: Sendable {
    let database: any ServerStore

    public init(database: any ServerStore) { self.database = database }

    /// A record now.
    public struct View: Encodable, Sendable, Equatable {
        public var kind: String
        public var id: String
        public var county: String
        public var fields: [Field]
        /// A customer's devices.
        public var devices: [String]
        /// The work orders that hold a customer (or a visit's).
        public var workOrders: [String]

        enum CodingKeys: String, CodingKey {
            case kind, id, county, fields, devices
            case workOrders = "work_orders"
        }
    }

    /// One field now: one value, or in conflict several.
    public struct Field: Encodable, Sendable, Equatable {
        public var name: String
        public var values: [Value]
        public var inConflict: Bool { values.count > 1 }

        enum CodingKeys: String, CodingKey { case name, values, inConflict = "in_conflict" }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(name, forKey: .name)
            try container.encode(values, forKey: .values)
            try container.encode(inConflict, forKey: .inConflict)
        }
    }

    /// One value of a field: who wrote it and when, and whether it is the one shown.
    public struct Value: Encodable, Sendable, Equatable {
        public var value: String
        public var replica: String
        public var writer: String
        public var stampMs: UInt64
        public var shown: Bool

        enum CodingKeys: String, CodingKey { case value, replica, writer, shown, stampMs = "stamp_ms" }
    }

    /// One write in a record's history.
    public struct Write: Encodable, Sendable, Equatable {
        public var seq: Int64
        public var field: String
        public var value: String
        public var replica: String
        public var writer: String
        public var stampMs: UInt64

        enum CodingKeys: String, CodingKey { case seq, field, value, replica, writer, stampMs = "stamp_ms" }
    }

    /// The record `reference` names: a record id of any kind, or a customer's account number.
    /// - Throws: `404 not_found`, or `409 ambiguous_account`.
    static func find(_ reference: String, in db: any StoreConnection) throws -> RecordKey {
        for kind in RecordKind.allCases where try RecordPlacement.placed(RecordKey(kind: kind, id: reference), in: db) != nil {
            return RecordKey(kind: kind, id: reference)
        }
        if let customer = try CustomerReference.resolve(reference, in: db) { return RecordKey(kind: .customer, id: customer) }
        throw APIError.notFound("no record with id or account \(reference)")
    }

    /// The record `reference` names (an id, or a customer's account number).
    public func key(of reference: String) throws -> RecordKey {
        try database.read { db in try Self.find(reference, in: db) }
    }

    /// The record `reference` names, now, its writers named in `language`.
    public func view(_ reference: String, in language: Language = .english) throws -> View {
        try database.read { db in
            let key = try Self.find(reference, in: db)
            guard let state = try RecordTable.load(key, in: db) else { throw APIError.notFound("no record \(key)") }
            var writers = RecordHistory.WriterNames(language: language)
            let fields = try state.schema.fields.compactMap { spec -> Field? in
                let register = try state.register(spec.name)
                guard !register.entries.isEmpty else { return nil }
                let shown = register.shown(under: spec.authority)
                return Field(name: spec.name, values: try register.entries.map { entry in
                    Value(value: entry.value.description, replica: entry.dot.replica.rawValue, writer: try writers.name(of: entry.dot.replica.rawValue, in: db),
                          stampMs: entry.stamp.milliseconds, shown: entry == shown)
                })
            }
            let customer = key.kind == .customer ? key.id : state.text("customer")
            return View(
                kind: key.kind.rawValue, id: key.id, county: try RecordPlacement.placed(key, in: db) ?? "", fields: fields,
                devices: key.kind == .customer
                    ? try db.values(String.self, "SELECT device FROM device_customers WHERE customer = ? ORDER BY device", [key.id]) : [],
                workOrders: try customer.map {
                    try db.values(String.self, "SELECT work_order FROM work_order_customers WHERE customer = ? ORDER BY work_order", [$0])
                } ?? [])
        }
    }

    /// Every write of the record `reference` names, oldest first, its writers named in `language`.
    public func history(_ reference: String, in language: Language = .english) throws -> (key: RecordKey, writes: [Write]) {
        try database.read { db in
            let key = try Self.find(reference, in: db)
            var writes: [Write] = []
            var writers = RecordHistory.WriterNames(language: language)
            for save in try RecordHistory.saves(of: key, in: db) {
                for entry in save.entries {
                    var writer = try writers.name(of: entry.replica, in: db)
                    if let author = save.author { writer = language.localized("writer.by_author", ["writer": writer, "author": author]) }
                    writes.append(Write(seq: save.seq, field: entry.field, value: entry.value, replica: entry.replica,
                                        writer: writer, stampMs: entry.stampMs))
                }
            }
            return (key, writes)
        }
    }
}
