import Foundation
import Routing
import Shared
import Synchronization

/// The road map of each work order's area: the imported graph (`DATA/map/graph.bin`, written by
/// `audit-server map import`) cut to the bounding box of the work order's customers plus a margin,
/// as a graph file the tablet caches. Cuts are kept until the graph file or the customers change.
public final class WorkOrderMaps: Sendable {
    /// Metres of road kept around the customers' bounding box.
    public static let margin = 500.0

    private struct Loaded {
        var stamp: Date
        var map: RoutingMap
        var cuts: [String: (sites: [GeoPoint], file: Data)] = [:]
    }

    private let path: String
    private let loaded = Mutex<Loaded?>(nil)

    /// Maps for the data directory `dataDirectory`.
    public init(dataDirectory: String) {
        path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("map/graph.bin").path
    }

    /// The graph file of work order `id`'s area, or `nil` when no map was imported or the work
    /// order has no customer with a known site.
    func file(workOrder id: String, in db: any StoreConnection) throws -> Data? {
        let sites = try db.rows("""
            SELECT s.lat, s.lon FROM work_order_customers c JOIN customer_sites s ON s.id = c.customer
            WHERE c.work_order = ? ORDER BY s.id
            """, [id]).map { GeoPoint(latitude: $0[0], longitude: $0[1]) }
        guard let box = GeoBox(enclosing: sites) else { return nil }
        return try withLoadedMap { loaded -> Data in
            if let cached = loaded.cuts[id], cached.sites == sites { return cached.file }
            let file = GraphFile.encode(loaded.map.cut(to: box, margin: Self.margin).map)
            loaded.cuts[id] = (sites, file)
            return file
        }
    }

    /// The imported road map, read again when the graph file changed; `nil` when no map was
    /// imported. (A copy that shares the loaded arrays: use it outside any lock.)
    func currentMap() throws -> RoutingMap? {
        try withLoadedMap { $0.map }
    }

    private func withLoadedMap<T>(_ body: (inout Loaded) throws -> T) throws -> T? {
        guard let stamp = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return nil }
        return try loaded.withLock { loaded -> T? in
            if loaded?.stamp != stamp {
                do { loaded = Loaded(stamp: stamp, map: try GraphFile.read(path: path)) } catch {
                    throw APIError(status: 500, code: "map_unreadable", detail: "\(error)")
                }
            }
            guard var current = loaded else { return nil }
            defer { loaded = current }
            return try body(&current)
        }
    }
}
