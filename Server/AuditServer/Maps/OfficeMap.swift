import Foundation
import Shared

/// The office map's queries over `customer_map`: what a viewport shows, and which customers a
/// cut of work takes. The CLI and the console call these same functions.
public struct OfficeMap: Sendable {
    /// At most this many customers are drawn one by one; more become clusters.
    public static let defaultMarkerLimit = 1_000
    /// The cluster grid has this many cells across the view.
    public static let gridColumns = 24

    let database: any ServerStore
    let markerLimit: Int

    /// Queries the store `database`; views of more than `markerLimit` customers are clustered.
    public init(database: any ServerStore, markerLimit: Int = OfficeMap.defaultMarkerLimit) {
        self.database = database
        self.markerLimit = markerLimit
    }

    /// What the viewport `selection` shows.
    public func view(_ selection: CustomerSelection) throws -> MapView {
        try Self.check(selection)
        let (condition, arguments) = selection.condition
        return try database.read { db in
            let rows = try db.rows("""
                SELECT id, lat, lon, \(MapStatus.sql) FROM customer_map WHERE \(condition) ORDER BY id LIMIT \(markerLimit + 1)
                """, arguments)
            let markers = rows.map { MapView.Marker(id: $0[0], lat: $0[1], lon: $0[2], status: MapStatus(rawValue: $0[3]) ?? .pending) }
                .filter { selection.contains(GeoPoint(latitude: $0.lat, longitude: $0.lon)) }
            if rows.count <= markerLimit { return MapView(markers: markers, total: markers.count) }
            let clusters = try Self.clusters(selection, condition: condition, arguments: arguments, in: db)
            return MapView(clusters: clusters, total: clusters.reduce(0) { $0 + $1.count })
        }
    }

    /// The view's customers counted per grid cell and status. Cells are whole microdegrees
    /// counted from the view's south-west corner, so integer division floors on both stores.
    private static func clusters(_ selection: CustomerSelection, condition: String, arguments: StoreArguments,
                                 in db: any StoreConnection) throws -> [MapView.Cluster] {
        let box = selection.box
        let cell = max(Int64(((box.east - box.west) / Double(gridColumns)) * 1e6), 1)
        let south = Int64((box.south * 1e6).rounded(.down)), west = Int64((box.west * 1e6).rounded(.down))
        let rows = try db.rows("""
            SELECT (CAST(lat * 1000000 AS BIGINT) - ?) / ? AS gy, (CAST(lon * 1000000 AS BIGINT) - ?) / ? AS gx,
                   \(MapStatus.sql) AS status, COUNT(*), SUM(lat), SUM(lon)
            FROM customer_map WHERE \(condition) GROUP BY gy, gx, status
            """, StoreArguments([south, cell, west, cell].map(\.storeValue) + arguments.values))
        var cells: [[Int64]: (count: Int, lat: Double, lon: Double, statuses: [String: Int])] = [:]
        for row in rows {
            let key: [Int64] = [row[0], row[1]]
            let count: Int = row[3]
            var entry = cells[key] ?? (0, 0, 0, [:])
            entry.count += count
            entry.lat += row[4]
            entry.lon += row[5]
            entry.statuses[row[2], default: 0] += count
            cells[key] = entry
        }
        return cells.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map { _, entry in
            MapView.Cluster(lat: entry.lat / Double(entry.count), lon: entry.lon / Double(entry.count), count: entry.count, statuses: entry.statuses)
        }
    }

    /// Refuses (400 `invalid_selection`) a selection out of range.
    static func check(_ selection: CustomerSelection) throws {
        do { try selection.validate() } catch { throw APIError(status: 400, code: "invalid_selection", detail: "\(error)") }
    }

    /// The box around every customer with a position, where the map opens; `nil` when none has one.
    public func extent() throws -> GeoBox? {
        try database.read { db in
            guard let row = try db.row("SELECT MIN(lat), MIN(lon), MAX(lat), MAX(lon) FROM customer_map WHERE lat IS NOT NULL"),
                  let south: Double = row[0], let west: Double = row[1], let north: Double = row[2], let east: Double = row[3] else { return nil }
            return GeoBox(south: south, west: west, north: north, east: east)
        }
    }

    /// A customer a cut of work takes.
    public struct Site: Sendable {
        public var id: String
        public var point: GeoPoint
        public var county: String?
    }

    /// The customers a cut of work takes (inside the polygon, when one is drawn), sorted by id.
    public func customers(_ selection: CustomerSelection) throws -> [Site] {
        try Self.check(selection)
        let (condition, arguments) = selection.condition
        return try database.read { db in
            try db.rows("SELECT id, lat, lon, county FROM customer_map WHERE \(condition) ORDER BY id", arguments)
                .map { Site(id: $0[0], point: GeoPoint(latitude: $0[1], longitude: $0[2]), county: $0[3]) }
                .filter { selection.contains($0.point) }
        }
    }
}
