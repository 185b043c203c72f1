/// What `/healthz` answers: whether this node can reach its store. A load balancer (haproxy's
/// `option httpchk GET /healthz`) takes a node that answers 503 out of rotation.
struct StoreHealth: Encodable, Sendable {
    /// `ok`, or `store_unreachable`.
    var status: String
    /// `sqlite` or `postgres`.
    var store: String
    /// Why the store could not be read, when it could not.
    var detail: String?

    var isHealthy: Bool { status == "ok" }

    /// Reads one row from `store` and says how that went.
    static func check(_ store: any ServerStore) async -> StoreHealth {
        do {
            _ = try await store.read { db in try db.value(Int.self, "SELECT 1") }
            return StoreHealth(status: "ok", store: store.dialect.rawValue)
        } catch {
            return StoreHealth(status: "store_unreachable", store: store.dialect.rawValue, detail: "\(error)")
        }
    }
}
