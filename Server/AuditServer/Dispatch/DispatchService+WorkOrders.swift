import Shared

extension DispatchService {
    /// Gives work order `id` to `assignee`: the new auditor's tablet receives it (and its
    /// customers) on its next pull; the old one's loses it.
    public func reassign(workOrder id: String, to assignee: String) throws -> WorkOrder {
        try database.write { db in
            var order = try Self.workOrder(id, in: db)
            order.assignee = assignee
            do { try order.validate() } catch { throw APIError(status: 400, code: "invalid_work_order", detail: "\(error)") }
            _ = try Self.save(order, only: ["assignee"], author: author, in: db)
            return order
        }
    }

    /// Moves `customers` (ids or account numbers, each on work order `id`) to a new work order for
    /// `assignee` with the same area, due date, priority and travel, in one transaction; returns
    /// the order as it remains and the new one.
    public func split(workOrder id: String, customers: [String], to assignee: String) throws -> (remaining: WorkOrder, split: WorkOrder) {
        try database.write { db in
            var order = try Self.workOrder(id, in: db)
            let moving = Set(try CustomerReference.resolveAll(customers, in: db))
            let onOrder = Set(order.customers.map(\.rawValue))
            guard !moving.isEmpty, moving.isSubset(of: onOrder) else {
                let strangers = moving.subtracting(onOrder).sorted().prefix(5).joined(separator: ", ")
                throw APIError(status: 400, code: "not_on_work_order",
                               detail: moving.isEmpty ? "name the customers to move" : "not on work order \(id): \(strangers)")
            }
            guard moving.count < onOrder.count else {
                throw APIError(status: 400, code: "nothing_remains", detail: "a split leaves at least one customer; reassign the whole order instead")
            }
            order.customers.removeAll { moving.contains($0.rawValue) }
            var split = WorkOrder(id: TypedID.mint(), area: order.area, assignee: assignee,
                                  customers: try moving.sorted().map { text throws(ValidationError) in try TypedID(text) })
            split.due = order.due
            split.priority = order.priority
            split.travel = order.travel
            do { try split.validate() } catch { throw APIError(status: 400, code: "invalid_work_order", detail: "\(error)") }
            _ = try Self.save(order, only: ["customers"], author: author, in: db)
            _ = try Self.save(split, author: author, in: db)
            return (order, split)
        }
    }

    /// The stored work order `id`, or a 404.
    static func workOrder(_ id: String, in db: any StoreConnection) throws -> WorkOrder {
        guard let state = try RecordTable.load(RecordKey(kind: .workOrder, id: id), in: db), !state.flag("retired") else {
            throw APIError.notFound("no work order \(id)")
        }
        return WorkOrder(state)
    }
}
