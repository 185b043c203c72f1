import Shared

/// Builds a profile's ``RoadGraph`` from an ``OSMExtract``: every usable highway way contributes an
/// edge between each pair of consecutive nodes, in the directions its one-way rule allows, with its
/// haversine length, class, street name (`name`, else `ref`) and speed limit (`maxspeed`). Ways the profile may use only to
/// reach a place on them (``WayAccess/destinationOnly``) are kept with ``EdgeFlags/destinationOnly``;
/// the turn restrictions that bind the profile become forbidden turns (see ``RoadGraph/isForbiddenTurn(from:to:)``), or
/// forbidden runs of edges when they pass over via ways (``RoadGraph/forbiddenPathStart``).
public enum RoadGraphBuilder {
    /// Builds the graph and reports what the largest-component rule dropped.
    public static func build(_ extract: OSMExtract, profile: TravelProfile) -> (graph: RoadGraph, report: GraphReport) {
        let index = extract.nodeIndex()
        var edges: [GraphEdge] = []
        for way in extract.ways.sorted(by: { $0.id < $1.id }) {
            guard let tag = way.tags["highway"], let highwayClass = HighwayClass(tag: tag),
                  profile.speed(on: highwayClass) != nil else { continue }
            let access = profile.access(way.tags)
            guard access != .closed else { continue }
            let flags: EdgeFlags = access == .destinationOnly ? .destinationOnly : []
            let rule = OnewayRule(tags: way.tags, highwayClass: highwayClass, profile: profile)
            let name = way.tags["name"] ?? way.tags["ref"]
            let maxSpeed = UInt8(min(255, (way.tags["maxspeed"].flatMap(MaxSpeed.kmh) ?? 0).rounded()))
            for (from, to) in zip(way.refs, way.refs.dropFirst()) where from != to {
                guard let a = index[from], let b = index[to] else { continue }
                let length = extract.point(at: a).distance(to: extract.point(at: b))
                if rule.forward { edges.append(GraphEdge(from: from, to: to, length: length, highwayClass: highwayClass, name: name, flags: flags, maxSpeed: maxSpeed)) }
                if rule.backward { edges.append(GraphEdge(from: to, to: from, length: length, highwayClass: highwayClass, name: name, flags: flags, maxSpeed: maxSpeed)) }
            }
        }
        let ways = Dictionary(extract.ways.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let turns = ForbiddenTurn.list(extract.restrictions, ways: ways, profile: profile, edges: edges)
        let paths = ForbiddenPath.list(extract.restrictions, ways: ways, profile: profile, edges: edges)
        return GraphAssembler.assemble(profile: profile, edges: edges, turns: turns, paths: paths) { id in
            let at = index[id]!
            return (extract.latitudesE7[at], extract.longitudesE7[at])
        }
    }
}
