import Shared

/// Turn-by-turn guidance along a route: finds the maneuvers once (turns at junctions, street name
/// changes, arrivals at stops), then answers "what next?" for any position.
public struct Guide: Sendable {
    /// The polyline measurements.
    public let geometry: RouteGeometry
    /// The maneuvers in route order, ending with an arrival.
    public let maneuvers: [Maneuver]
    /// Pieces shorter than this are ignored when reading bearings (GPS-scale noise).
    static let minimumPiece = 2.0

    /// Guidance for a whole tour: an arrival at the end of each leg.
    public init(tour: Tour) {
        var arrivals: [(Double, String)] = []
        var along = 0.0
        for (leg, stop) in zip(tour.legs, tour.stops) {
            along += RouteGeometry(route: leg).length
            arrivals.append((along, stop.id))
        }
        self.init(route: tour.route, arrivals: arrivals)
    }

    /// Guidance for `route`; `arrivals` are (metres along, stop id); by default one at the end.
    public init(route: Route, arrivals: [(Double, String)]? = nil) {
        let geometry = RouteGeometry(route: route)
        self.geometry = geometry
        var maneuvers: [Maneuver] = []
        let points = route.points
        for k in 1..<max(points.count - 1, 1) {
            guard let back = (0..<k).last(where: { geometry.cumulative[k] - geometry.cumulative[$0] >= Self.minimumPiece }),
                  let ahead = ((k + 1)..<points.count).first(where: { geometry.cumulative[$0] - geometry.cumulative[k] >= Self.minimumPiece })
            else { continue }
            let incoming = RouteGeometry.bearing(points[back], points[k])
            let outgoing = RouteGeometry.bearing(points[k], points[ahead])
            let kind = TurnKind(bearingChange: RouteGeometry.change(from: incoming, to: outgoing))
            let before = route.names[k - 1], after = route.names[k]
            let renamed = after != nil && before != after
            guard (route.junctions[k] && kind != .straight) || renamed else { continue }
            maneuvers.append(Maneuver(kind: kind, distanceAlong: geometry.cumulative[k], point: points[k], street: after))
        }
        for (along, id) in arrivals ?? [(geometry.length, "")] {
            let point = points[geometry.cumulative.lastIndex { $0 <= along } ?? 0]
            maneuvers.append(Maneuver(kind: .arrive, distanceAlong: along, point: point, street: nil, stopID: id))
        }
        self.maneuvers = maneuvers.sorted { $0.distanceAlong < $1.distanceAlong }
    }

    /// What to do next from `position`; pass the previous instruction's ``GuidanceInstruction/along``
    /// as `after` so a route that doubles back is followed pass by pass.
    public func instruction(at position: GeoPoint, after: Double? = nil) -> GuidanceInstruction? {
        let (offset, along) = geometry.locate(position, after: after)
        guard let next = maneuvers.first(where: { $0.distanceAlong > along + 1 }) ?? maneuvers.last else { return nil }
        return GuidanceInstruction(maneuver: next, distance: max(0, next.distanceAlong - along),
                                   remaining: max(0, geometry.length - along), offset: offset, along: along)
    }
}
