import Foundation
import Shared

/// The county each record lives in, and the directory that finds it.
///
/// Records and the change log are kept by county (in PostgreSQL, one partition per county; see
/// ``CountyPartitions``), and every key of those tables leads with the county. A customer lies in
/// its `county` field's county; its devices, visits and hazards follow it; a work order lies with its
/// customers (one county, checked when it is cut); tracks and records of no county lie in `""`.
///
/// A pushed record names only its kind and id, so `record_counties` maps each record to its county:
/// a small unpartitioned table, the one a database distributed by county would keep on every node
/// (a reference table). Every read of a record looks its county up there first, then reads the
/// county's partition alone.
enum RecordPlacement {
    /// The county `state` belongs in, `""` for none. Recomputed at every save, so a record whose
    /// customer moved follows it the next time it changes.
    static func county(of state: RecordState, in db: any StoreConnection) throws -> String {
        try county(of: state) { try placed(RecordKey(kind: .customer, id: $0), in: db) }
    }

    /// ``county(of:in:)`` with the county of a stored customer from `placedCustomer` (a batch
    /// looks them up all at once: ``BatchPlacements``).
    static func county(of state: RecordState, placedCustomer: (String) throws -> String?) rethrows -> String {
        switch state.kind {
        case .customer: county(named: state.text("county"))
        case .track: ""
        case .device, .auditVisit, .workOrder, .hazard: try customer(placing: state).flatMap(placedCustomer) ?? ""
        }
    }

    /// The customer whose county a device, visit or work order lies in: its own customer, a work
    /// order's first.
    static func customer(placing state: RecordState) -> String? {
        switch state.kind {
        case .device, .auditVisit, .hazard: state.text("customer")
        case .workOrder: state.list("customers").first
        case .customer, .track: nil
        }
    }

    /// `code` when it is a county code (2 to 12 digits, as the customer schema requires), else `""`.
    static func county(named code: String?) -> String {
        guard let code, (2...12).contains(code.count), code.allSatisfy({ $0.isASCII && $0.isNumber }) else { return "" }
        return code
    }

    /// The county `key` is stored in, `nil` when the store has no such record.
    static func placed(_ key: RecordKey, in db: any StoreConnection) throws -> String? {
        try db.value(String.self, "SELECT county FROM record_counties WHERE kind = ? AND id = ?", [key.kind.rawValue, key.id])
    }

    /// The counties of those of `keys` the store has, in as few queries as ``SQLList`` allows.
    static func placed(_ keys: [RecordKey], in db: any StoreConnection) throws -> [RecordKey: String] {
        var counties: [RecordKey: String] = [:]
        for (kind, ids) in Dictionary(grouping: Set(keys), by: \.kind).mapValues({ $0.map(\.id) }) {
            for slice in SQLList.slices(ids) {
                let rows = try db.rows("SELECT id, county FROM record_counties WHERE kind = ? AND id IN (\(SQLList.placeholders(slice.count)))",
                                       StoreArguments([.text(kind.rawValue)] + slice.map(\.storeValue)))
                for row in rows { counties[RecordKey(kind: kind, id: try row.decode(at: 0))] = try row.decode(at: 1) }
            }
        }
        return counties
    }

    /// Records that `key` is stored in `county`.
    static func place(_ key: RecordKey, in county: String, db: any StoreConnection) throws {
        try placeAll([(key, county)], in: db)
    }

    /// Records where each of `placements` is stored, in one statement.
    static func placeAll(_ placements: [(key: RecordKey, county: String)], in db: any StoreConnection) throws {
        try directory.execute(placements.map { [.text($0.key.kind.rawValue), .text($0.key.id), .text($0.county)] }, in: db)
    }

    private static let directory = MultiRowInsert(into: "record_counties", ["kind", "id", "county"], onConflict: ["kind", "id"])

    /// Moves the stored row of `key` from county `from` to `to` (PostgreSQL moves it between
    /// partitions), with its directory entry. The change log keeps each entry where it was written.
    static func move(_ key: RecordKey, from: String, to: String, in db: any StoreConnection) throws {
        try db.preparePartitions(forCounty: to)
        try db.execute("UPDATE records SET county = ? WHERE county = ? AND kind = ? AND id = ?", [to, from, key.kind.rawValue, key.id])
        try place(key, in: to, db: db)
    }

    /// Moves the devices of `customer` to its county `county`: after the customer moved, or when it
    /// is first stored after devices that name it (they were stored in `""`).
    static func moveDevices(ofCustomer customer: String, to county: String, in db: any StoreConnection) throws {
        for device in try db.values(String.self, "SELECT device FROM device_customers WHERE customer = ?", [customer]) {
            let key = RecordKey(kind: .device, id: device)
            if let placed = try placed(key, in: db), placed != county {
                try move(key, from: placed, to: county, in: db)
            }
        }
    }

    /// Moves the hazards found at `customer` to its county `county`, after the customer moved, so
    /// that they stay in the counties its auditors' pulls read.
    static func moveHazards(ofCustomer customer: String, to county: String, in db: any StoreConnection) throws {
        for key in try HazardTable.hazards(atCustomers: [customer], in: db) {
            if let placed = try placed(key, in: db), placed != county {
                try move(key, from: placed, to: county, in: db)
            }
        }
    }

    /// Moves the visits of `customer` stored in county `from` to `to`, after the customer moved
    /// (rare: the county's visits are read to find them).
    static func moveVisits(ofCustomer customer: String, from: String, to: String, in db: any StoreConnection) throws {
        for data in try db.values(Data.self, "SELECT state FROM records WHERE county = ? AND kind = 'audit_visit'", [from]) {
            let state = try RecordTable.decode(data)
            guard state.text("customer") == customer else { continue }
            try move(state.key, from: from, to: to, in: db)
        }
    }
}
