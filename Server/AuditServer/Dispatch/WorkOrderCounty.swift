import Shared

/// The county a work order lies in, as progress and bulletins group orders by it.
enum WorkOrderCounty {
    /// The county of `order`'s first customer (an order lies in one county), `""` for none.
    static func county(of order: WorkOrder, in db: any StoreConnection) throws -> String {
        try order.customers.first.flatMap { try db.value(String.self, "SELECT county FROM customer_map WHERE id = ?", [$0.rawValue]) } ?? ""
    }
}
