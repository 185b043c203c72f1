import Shared

/// What the UI shows of the tablet's cache, read in one go: today's work orders, their customers
/// with their devices and positions, the outbox size and who is logged in.
public struct AuditSnapshot: Sendable {
    /// Work orders by due date, as ``WorkList/load(from:)`` gives them.
    public var orders: [WorkList]
    /// Every customer of every order: grouped by order, in the orders' sequence.
    public let entries: [CustomerEntry]
    /// The auditor this tablet is enrolled for, if enrolled.
    public var auditor: String?
    /// Edits waiting to be sent.
    public var outbox: Int
    /// Batches the server refused, set aside on the tablet.
    public var refused = 0
    /// How many customers are in each status.
    public let counts: [StopStatus: Int]

    /// A snapshot of the given parts (for tests and benchmarks).
    public init(orders: [WorkList], entries: [CustomerEntry], auditor: String?, outbox: Int) {
        self.orders = orders
        self.entries = entries
        self.auditor = auditor
        self.outbox = outbox
        self.counts = Self.count(entries)
    }

    /// Reads the snapshot from `store`.
    public static func load(from store: TerminalStore) throws -> AuditSnapshot {
        let orders = try WorkList.load(from: store)
        var serials: [String: [String]] = [:]
        for device in try store.records(.device).map(Device.init) where !device.retired {
            guard let customer = device.customer?.rawValue else { continue }
            if device.deviceKind == .meter { serials[customer, default: []].insert(device.serial, at: 0) } else { serials[customer, default: []].append(device.serial) }
        }
        var entries: [CustomerEntry] = []
        for order in orders {
            for stop in order.customers {
                let location = try store.record(RecordKey(kind: .customer, id: stop.id))?.location("location")
                entries.append(CustomerEntry(orderID: order.id, id: stop.id, account: stop.account, name: stop.name, address: stop.address,
                                             serials: serials[stop.id] ?? [], location: location, status: StopStatus(stop), symbol: stop.symbol))
            }
        }
        var snapshot = AuditSnapshot(orders: orders, entries: entries, auditor: (try? store.identity())?.device.auditor, outbox: try store.outboxCount())
        snapshot.refused = try store.quarantineCount()
        return snapshot
    }

    static func count(_ entries: [CustomerEntry]) -> [StopStatus: Int] {
        var pending = 0, visited = 0, corrected = 0, conflict = 0
        for entry in entries {
            switch entry.status {
            case .pending: pending += 1
            case .visited: visited += 1
            case .corrected: corrected += 1
            case .conflict: conflict += 1
            }
        }
        return [.pending: pending, .visited: visited, .corrected: corrected, .conflict: conflict]
    }
}
