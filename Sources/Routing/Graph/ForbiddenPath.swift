import Shared

/// A run of nodes a profile may not travel in order, from a turn restriction over via ways: from
/// the `from` way onto the via ways, along them, and off into the `to` way (`no_*`) or anywhere
/// but the `to` way (`only_*`). By OSM node ids, like ``ForbiddenTurn``: the first node lies on the
/// `from` way, the last on the way turned into, and every node between on the via ways.
struct ForbiddenPath: Hashable {
    var nodes: [Int64]

    /// The forbidden paths of the restrictions over via ways in `restrictions` that bind `profile`
    /// (see ``TurnRule``), over the directed `edges` of its graph. A restriction is applied when its
    /// via ways join end to end into one line that the `from` way meets at one end and the `to` way
    /// at the other.
    static func list(_ restrictions: [OSMRestriction], ways: [Int64: OSMWay], profile: TravelProfile,
                     edges: [GraphEdge]) -> [ForbiddenPath] {
        var leaving = [Int64: Set<Int64>](), entering = [Int64: Set<Int64>]()
        for edge in edges {
            leaving[edge.from, default: []].insert(edge.to)
            entering[edge.to, default: []].insert(edge.from)
        }
        var result = Set<ForbiddenPath>()
        for restriction in restrictions {
            guard let rule = TurnRule(restriction, profile: profile), restriction.viaNodes.isEmpty, !restriction.viaWays.isEmpty,
                  case let fromWays = restriction.from.compactMap({ ways[$0] }), case let toWays = restriction.to.compactMap({ ways[$0] }),
                  !fromWays.isEmpty, !toWays.isEmpty,
                  var line = joined(restriction.viaWays.compactMap { ways[$0]?.refs }), line.count >= 2, line.first != line.last else { continue }
            // Orient the via line from the `from` way to the `to` way.
            if !fromWays.contains(where: { $0.refs.contains(line[0]) }) { line.reverse() }
            guard fromWays.contains(where: { $0.refs.contains(line[0]) }), toWays.contains(where: { $0.refs.contains(line[line.count - 1]) }) else { continue }
            let first = line[0], last = line[line.count - 1]
            let froms = Set(fromWays.flatMap { ForbiddenTurn.neighbours(of: first, on: $0) }).subtracting([line[1]])
                .filter { entering[first]?.contains($0) == true }
            let tos = Set(toWays.flatMap { ForbiddenTurn.neighbours(of: last, on: $0) }).subtracting([line[line.count - 2]])
            let banned = rule == .no ? tos : (leaving[last] ?? []).subtracting(tos)
            for from in froms {
                for to in banned { result.insert(ForbiddenPath(nodes: [from] + line + [to])) }
            }
        }
        return result.sorted { $0.nodes.lexicographicallyPrecedes($1.nodes) }
    }

    /// The node lists of `ways` joined end to end into one line (each way either way round, in the
    /// order given), or nil when they do not join.
    static func joined(_ ways: [[Int64]]) -> [Int64]? {
        guard var line = ways.first, !line.isEmpty else { return nil }
        for (index, way) in ways.dropFirst().enumerated() {
            guard let start = way.first, let end = way.last else { return nil }
            // The first way's direction is only known once the second is seen.
            if index == 0, line.first == start || line.first == end { line.reverse() }
            if line.last == start {
                line += way.dropFirst()
            } else if line.last == end {
                line += way.reversed().dropFirst()
            } else {
                return nil
            }
        }
        return line
    }
}
