import Shared

/// A turn a profile may not make, by OSM node ids: arriving at `via` from `from`, leaving towards
/// `to`. Turn restrictions become lists of these before the graph is assembled, so they survive
/// renumbering and cutting unchanged.
struct ForbiddenTurn: Hashable {
    var from: Int64
    var via: Int64
    var to: Int64

    /// The forbidden turns of `restrictions` for `profile`, over the directed `edges` of its graph.
    ///
    /// A restriction applies to a profile by its `restriction:motorcar`, `restriction:motor_vehicle`,
    /// `restriction:vehicle` or `restriction` tag (cars) or `restriction:foot` (walkers), unless
    /// `except` names the profile's vehicle. `no_*` forbids the turns from the `from` way into the
    /// `to` way at the via node; `only_*` forbids every other turn from the `from` way there.
    /// Restrictions over via ways (several junctions) are ``ForbiddenPath``s.
    static func list(_ restrictions: [OSMRestriction], ways: [Int64: OSMWay], profile: TravelProfile,
                     edges: [GraphEdge]) -> [ForbiddenTurn] {
        var leaving = [Int64: Set<Int64>]()
        var entering = [Int64: Set<Int64>]()
        for edge in edges {
            leaving[edge.from, default: []].insert(edge.to)
            entering[edge.to, default: []].insert(edge.from)
        }
        var result = Set<ForbiddenTurn>()
        for restriction in restrictions {
            guard let rule = TurnRule(restriction, profile: profile), restriction.viaNodes.count == 1, restriction.viaWays.isEmpty,
                  !restriction.from.isEmpty, !restriction.to.isEmpty else { continue }
            let via = restriction.viaNodes[0]
            let froms = restriction.from.compactMap { ways[$0] }.flatMap { neighbours(of: via, on: $0) }
                .filter { entering[via]?.contains($0) == true }
            let tos = Set(restriction.to.compactMap { ways[$0] }.flatMap { neighbours(of: via, on: $0) })
            for from in froms {
                switch rule {
                case .no:
                    for to in tos { result.insert(ForbiddenTurn(from: from, via: via, to: to)) }
                case .only:
                    for to in leaving[via] ?? [] where !tos.contains(to) { result.insert(ForbiddenTurn(from: from, via: via, to: to)) }
                }
            }
        }
        return result.sorted { ($0.from, $0.via, $0.to) < ($1.from, $1.via, $1.to) }
    }

    /// The nodes next to `node` along `way`.
    static func neighbours(of node: Int64, on way: OSMWay) -> [Int64] {
        way.refs.indices.filter { way.refs[$0] == node }.flatMap { index in
            [index > 0 ? way.refs[index - 1] : nil, index + 1 < way.refs.count ? way.refs[index + 1] : nil].compactMap { $0 }
        }
    }
}

/// What a turn restriction says, for one profile.
enum TurnRule {
    /// `no_left_turn`, `no_u_turn`, …: the turn into the `to` way is forbidden.
    case no
    /// `only_straight_on`, …: every other turn is forbidden.
    case only

    /// The rule of `restriction` for `profile`, or nil when it does not bind the profile.
    init?(_ restriction: OSMRestriction, profile: TravelProfile) {
        let keys = profile == .car ? ["restriction:motorcar", "restriction:motor_vehicle", "restriction:vehicle", "restriction"]
                                   : ["restriction:foot"]
        guard let value = keys.lazy.compactMap({ restriction.tags[$0] }).first else { return nil }
        let exempt = profile == .car ? ["motorcar", "motor_vehicle", "vehicle"] : ["foot"]
        let except = (restriction.tags["except"] ?? "").split(separator: ";").map { $0.filter { !$0.isWhitespace } }
        guard !except.contains(where: exempt.contains) else { return nil }
        if value.hasPrefix("no_") {
            self = .no
        } else if value.hasPrefix("only_") {
            self = .only
        } else {
            return nil
        }
    }
}
