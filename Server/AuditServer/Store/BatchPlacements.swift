import Shared

/// Where the records of a batch of saves lie (``RecordPlacement``), looked up for the whole batch
/// in one query and kept in step as the batch places them, so that each save finds its county
/// (and a device its customer's) without a query of its own.
struct BatchPlacements {
    /// Known counties; `.some(nil)` for a record known not to be stored.
    private var known: [RecordKey: String?] = [:]
    /// Customers that may have devices stored: named by `device_customers` or by a device of the batch.
    private var customersWithDevices: Set<String> = []

    /// Takes the counties of `keys` as known: `counties` holds those stored, the others are not.
    mutating func know(_ keys: [RecordKey], counties: [RecordKey: String]) {
        for key in keys { known[key] = .some(counties[key]) }
    }

    /// Looks up at once the records `states` are and the customers they lie with, and which of
    /// the customers among them have devices.
    mutating func preload(_ states: [RecordState], in db: any StoreConnection) throws {
        let keys = Set(states.map(\.key) + states.compactMap(RecordPlacement.customer(placing:)).map { RecordKey(kind: .customer, id: $0) })
            .filter { known[$0] == nil }
        let found = try RecordPlacement.placed(Array(keys), in: db)
        for key in keys { known[key] = .some(found[key]) }
        let customers = Array(Set(states.filter { $0.kind == .customer }.map(\.id)))
        for slice in SQLList.slices(customers) {
            customersWithDevices.formUnion(try db.values(String.self, "SELECT customer FROM device_customers WHERE customer IN (\(SQLList.placeholders(slice.count)))",
                                                         StoreArguments(slice.map(\.storeValue))))
        }
    }

    /// The county `key` is stored in, `nil` when it is not (yet).
    mutating func placed(_ key: RecordKey, in db: any StoreConnection) throws -> String? {
        if let county = known[key] { return county }
        let county = try RecordPlacement.placed(key, in: db)
        known[key] = .some(county)
        return county
    }

    /// The county `state` belongs in (``RecordPlacement/county(of:in:)``).
    mutating func county(of state: RecordState, in db: any StoreConnection) throws -> String {
        try RecordPlacement.county(of: state) { try placed(RecordKey(kind: .customer, id: $0), in: db) }
    }

    /// Notes that a save of the batch puts `state` in `county`.
    mutating func note(_ state: RecordState, in county: String) {
        known[state.key] = .some(county)
        if state.kind == .device, let customer = state.text("customer") { customersWithDevices.insert(customer) }
    }

    /// Whether `customer` may have devices stored, which must follow it when it is placed.
    func mayHaveDevices(_ customer: String) -> Bool {
        customersWithDevices.contains(customer)
    }

    /// Forgets every county known, after records were moved: they are looked up again.
    mutating func forgetCounties() {
        known = [:]
    }
}
