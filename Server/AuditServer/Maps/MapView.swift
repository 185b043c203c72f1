import Shared

/// What the office map draws of a viewport: each customer when few, otherwise clusters on a grid,
/// each with its count per status; and where the auditors in view were last seen.
public struct MapView: Sendable, Encodable {
    /// A customer on the map.
    public struct Marker: Sendable, Encodable, Equatable {
        public var id: String
        public var lat: Double
        public var lon: Double
        public var status: MapStatus
    }

    /// Customers of one grid cell, drawn at their mean position.
    public struct Cluster: Sendable, Encodable, Equatable {
        public var lat: Double
        public var lon: Double
        public var count: Int
        /// How many of them have each status.
        public var statuses: [String: Int]
    }

    /// Where an auditor was last seen: their newest measured visit position or track point.
    public struct AuditorPosition: Sendable, Encodable, Equatable {
        public var auditor: String
        public var lat: Double
        public var lon: Double
        /// When, ISO 8601 UTC.
        public var seenAt: String

        enum CodingKeys: String, CodingKey {
            case auditor, lat, lon
            case seenAt = "seen_at"
        }
    }

    /// The customers themselves, when at most the map's marker limit lie in the view.
    public var markers: [Marker]?
    /// Otherwise the clusters, which together hold every customer in the view.
    public var clusters: [Cluster]?
    /// How many customers lie in the view.
    public var total: Int
    /// The auditors last seen in the view (only the one filtered on, when the view names one).
    public var auditors: [AuditorPosition] = []
}
