import Shared

/// What a batch of saves changes in the scope tables kept per customer, device and visit
/// (``ScopeTables``): gathered in memory, save by save, and written with a statement or two per
/// table. Each row ends as the last save that touched it left it, as saving one by one would;
/// the site history gets a row per move, in order.
struct ScopeChanges {
    /// Device → its customer; `nil` removes the device's row.
    private var deviceCustomers: [String: String?] = [:]
    /// Visit → its work order.
    private var visitWorkOrders: [String: String] = [:]
    /// (account, customer) pairs of `customer_accounts`: kept or removed.
    private var accounts: [Account: Bool] = [:]
    /// Customer → its site; `nil` removes the customer's row.
    private var sites: [String: GeoPoint?] = [:]
    private var siteHistory: [[StoreValue]] = []

    private struct Account: Hashable {
        var account: String
        var customer: String
    }

    /// Notes the scope rows the save of a customer, device or visit changes (nothing for other kinds).
    mutating func add(_ write: RecordWrite) {
        let (state, previous) = (write.state, write.previous)
        switch state.kind {
        case .track, .workOrder, .hazard: return
        case .device:
            let customer = state.text("customer")
            if let previous, previous.text("customer") == customer { return }
            deviceCustomers[state.id] = .some(customer)
        case .auditVisit:
            if let previous, previous.text("work_order") == state.text("work_order") { return }
            if let workOrder = state.text("work_order") { visitWorkOrders[state.id] = workOrder }
        case .customer:
            addAccount(state, previous: previous)
            let site = state.location("location")
            if let previous, previous.location("location") == site { return }
            sites[state.id] = .some(site)
            // The site from now on (none when the location was cleared), so a visit's site is
            // known as it was at the visit's time.
            guard previous != nil || site != nil else { return }
            siteHistory.append([.text(state.id), site?.latitude.storeValue ?? .null, site?.longitude.storeValue ?? .null,
                                .integer(Int64(HybridLogicalClock.wallClockMilliseconds()))])
        }
    }

    /// Keeps `customer_accounts` (account number → customer id) in step, so that every command
    /// takes an account number where it takes a customer id.
    private mutating func addAccount(_ state: RecordState, previous: RecordState?) {
        let account = state.text("account"), old = previous?.text("account")
        guard account != old || previous == nil else { return }
        if let old { accounts[Account(account: old, customer: state.id)] = false }
        if let account { accounts[Account(account: account, customer: state.id)] = true }
    }

    /// Writes what was gathered.
    func write(in db: any StoreConnection) throws {
        try delete(from: "device_customers", where: ["device"], deviceCustomers.filter { $0.value == nil }.keys.sorted().map { [.text($0)] }, in: db)
        try Self.deviceRows.execute(deviceCustomers.compactMap { device, customer in customer.map { [.text(device), .text($0)] } }, in: db)
        try Self.visitRows.execute(visitWorkOrders.map { [.text($0.key), .text($0.value)] }, in: db)
        let (kept, removed) = (accounts.filter(\.value).keys, accounts.filter { !$0.value }.keys)
        try delete(from: "customer_accounts", where: ["account", "customer"], removed.map { [.text($0.account), .text($0.customer)] }, in: db)
        try Self.accountRows.execute(kept.map { [.text($0.account), .text($0.customer)] }, in: db)
        try delete(from: "customer_sites", where: ["id"], sites.filter { $0.value == nil }.keys.sorted().map { [.text($0)] }, in: db)
        try Self.siteRows.execute(sites.compactMap { id, site in site.map { [.text(id), .real($0.latitude), .real($0.longitude)] } }, in: db)
        try Self.siteHistoryRows.execute(siteHistory, in: db)
    }

    /// Deletes the rows whose `columns` hold one of `keys`.
    private func delete(from table: String, where columns: [String], _ keys: [[StoreValue]], in db: any StoreConnection) throws {
        let tuple = "(" + SQLList.placeholders(columns.count) + ")"
        for slice in SQLList.slices(keys) {
            try db.execute("DELETE FROM \(table) WHERE (\(columns.joined(separator: ", "))) IN (\(Array(repeating: tuple, count: slice.count).joined(separator: ", ")))",
                           StoreArguments(slice.flatMap { $0 }))
        }
    }

    private static let deviceRows = MultiRowInsert(into: "device_customers", ["device", "customer"], onConflict: ["device"])
    private static let visitRows = MultiRowInsert(into: "visit_work_orders", ["visit", "work_order"], onConflict: ["visit"])
    private static let accountRows = MultiRowInsert(into: "customer_accounts", ["account", "customer"], onConflict: ["account", "customer"])
    private static let siteRows = MultiRowInsert(into: "customer_sites", ["id", "lat", "lon"], onConflict: ["id"])
    private static let siteHistoryRows = MultiRowInsert(into: "customer_site_history", ["id", "lat", "lon", "from_ms"])
}
