import Shared

/// The tablet's work as the auditor sees it: work orders with their customers and where each stands.
public struct WorkList: Sendable, Encodable {
    /// One customer of a work order.
    public struct Stop: Sendable, Encodable {
        public var id: String
        public var account: String
        public var name: String
        public var address: String?
        /// The latest visit's outcome, if visited.
        public var outcome: String?
        /// Whether the customer record has a field in conflict.
        public var conflict: Bool

        /// A stop with the given facts.
        public init(id: String, account: String, name: String, address: String?, outcome: String?, conflict: Bool) {
            self.id = id
            self.account = account
            self.name = name
            self.address = address
            self.outcome = outcome
            self.conflict = conflict
        }

        /// A status symbol that does not rely on colour: `○` pending, `✓` verified, `✎` corrected, `✗` not found / no access, `!` conflict.
        public var symbol: String {
            if conflict { return "!" }
            switch outcome {
            case "verified": return "✓"
            case "corrected": return "✎"
            case "not-found", "no-access": return "✗"
            default: return "○"
            }
        }
    }

    public var id: String
    public var area: String
    public var due: String?
    public var status: String
    /// How the auditor travels for this work order, as the office set it (foot when absent).
    public var travel: TravelProfile
    public var customers: [Stop]

    /// A work order with the given facts.
    public init(id: String, area: String, due: String?, status: String, travel: TravelProfile = .foot, customers: [Stop]) {
        self.id = id
        self.area = area
        self.due = due
        self.status = status
        self.travel = travel
        self.customers = customers
    }

    /// Every cached work order with its customers, by due date.
    public static func load(from store: TerminalStore) throws -> [WorkList] {
        let visits = try store.records(.auditVisit).map(AuditVisit.init)
        var latest: [String: AuditVisit] = [:]
        for visit in visits where latest[visit.customer.rawValue].map({ $0.time < visit.time }) ?? true {
            latest[visit.customer.rawValue] = visit
        }
        return try store.records(.workOrder).map(WorkOrder.init).filter { !$0.retired }.map { order in
            let stops = try order.customers.map { id -> Stop in
                let state = try store.record(RecordKey(kind: .customer, id: id.rawValue))
                let customer = state.map(Customer.init)
                return Stop(id: id.rawValue, account: customer?.account ?? "", name: customer?.name ?? "(not on this tablet)",
                            address: customer?.address, outcome: latest[id.rawValue]?.outcome.rawValue, conflict: state?.hasConflicts ?? false)
            }
            return WorkList(id: order.id.rawValue, area: order.area, due: order.due, status: order.status.rawValue,
                            travel: order.travel ?? .foot, customers: stops)
        }.sorted { ($0.due ?? "9999", $0.id) < ($1.due ?? "9999", $1.id) }
    }
}
