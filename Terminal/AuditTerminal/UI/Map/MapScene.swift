import Shared

/// Everything the map screen draws, as plain values: roads, customer markers, the audit path and
/// the tablet's own position. Routing and positioning fill it in; the screen only draws it.
public struct MapScene: Hashable, Sendable {
    /// One customer on the map.
    public struct Marker: Hashable, Sendable {
        /// The customer's record id (a tap opens it).
        public var id: String
        /// Where the customer is.
        public var point: GeoPoint
        /// Where the customer stands.
        public var status: StopStatus

        /// A marker for customer `id` at `point`.
        public init(id: String, point: GeoPoint, status: StopStatus) {
            self.id = id
            self.point = point
            self.status = status
        }
    }

    /// Road centre lines, each a polyline.
    public var roads: [[GeoPoint]]
    /// The customers.
    public var markers: [Marker]
    /// The audit path, in visiting order.
    public var path: [GeoPoint]
    /// The tablet's position, when known.
    public var position: GeoPoint?
    /// The direction of travel in degrees clockwise from north, when known.
    public var heading: Double?

    /// A scene of the given parts.
    public init(roads: [[GeoPoint]] = [], markers: [Marker] = [], path: [GeoPoint] = [], position: GeoPoint? = nil, heading: Double? = nil) {
        self.roads = roads
        self.markers = markers
        self.path = path
        self.position = position
        self.heading = heading
    }

    /// The scene of today's work without road data: every located customer as a marker, and as the
    /// path the tablet's position (when known) followed by the pending customers in work-order
    /// order, in straight lines (until routing orders them along roads).
    public init(entries: [CustomerEntry], position: GeoPoint? = nil, heading: Double? = nil) {
        let located = entries.filter { $0.location != nil }
        let stops = located.filter { $0.status == .pending }.map { $0.location! }
        self.init(markers: located.map { Marker(id: $0.id, point: $0.location!, status: $0.status) },
                  path: (position.map { [$0] } ?? []) + stops, position: position, heading: heading)
    }

    /// Whether there is anything to draw.
    public var isEmpty: Bool { roads.isEmpty && markers.isEmpty && path.isEmpty && position == nil }

    /// The points the view is fitted to: the work (markers, path, position); the roads only when
    /// there is no work to show, since a cached map reaches well beyond the work order's area.
    var allPoints: [GeoPoint] {
        let work = markers.map(\.point) + path + (position.map { [$0] } ?? [])
        return work.isEmpty ? roads.flatMap { $0 } : work
    }
}
