import Foundation
import PropertyBased
import Shared
import Testing
@testable import Routing

@Suite("turn restrictions: read from PBF and XML, kept in the car graph, never turned")
struct TurnRestrictionTests {
    static var carGraph: RoadGraph { Extracts.graph(Extracts.bayreuthMap, .car) }

    /// A restricted junction of the car graph: the edge arriving from the `from` way, the edges
    /// leaving into the `to` way, and every edge leaving the via node.
    struct Junction {
        var restriction: OSMRestriction
        var rule: TurnRule
        var via: Int
        var arriving: [Int]
        var into: [Int]
        var leaving: [Int]
    }

    static func junctions(_ graph: RoadGraph, _ extract: OSMExtract) -> [Junction] {
        var node = [Int64: Int]()
        for (index, id) in graph.nodeIDs.enumerated() { node[id] = index }
        let ways = Dictionary(extract.ways.map { ($0.id, Set($0.refs)) }, uniquingKeysWith: { a, _ in a })
        return extract.restrictions.compactMap { restriction in
            guard let rule = TurnRule(restriction, profile: graph.profile), let viaID = restriction.viaNodes.first,
                  let via = node[viaID] else { return nil }
            let fromNodes = restriction.from.compactMap { ways[$0] }.reduce(Set<Int64>()) { $0.union($1) }
            let toNodes = restriction.to.compactMap { ways[$0] }.reduce(Set<Int64>()) { $0.union($1) }
            let arriving = (0..<graph.edgeCount).filter {
                Int(graph.edgeTarget[$0]) == via && fromNodes.contains(graph.nodeIDs[Int(graph.edgeSource[$0])])
            }
            let leaving = Array(graph.edges(from: via))
            let into = leaving.filter { toNodes.contains(graph.nodeIDs[Int(graph.edgeTarget[$0])]) }
            guard !arriving.isEmpty, !into.isEmpty else { return nil }
            return Junction(restriction: restriction, rule: rule, via: via, arriving: arriving, into: into, leaving: leaving)
        }
    }

    @Test("the PBF and the gzipped XML of northern Bayreuth hold the same 40 turn restrictions")
    func readersAgree() {
        let pbf = Extracts.bayreuthPBF.restrictions.sorted { $0.id < $1.id }
        let xml = Extracts.bayreuthXML.restrictions.sorted { $0.id < $1.id }
        #expect(pbf.count == 40)
        #expect(pbf == xml)
        let kinds = Dictionary(grouping: pbf, by: { $0.tags["restriction"] ?? "" }).mapValues(\.count)
        #expect(kinds == ["only_straight_on": 17, "only_right_turn": 12, "no_right_turn": 10, "only_left_turn": 1])
        #expect(pbf.allSatisfy { $0.from.count == 1 && $0.viaNodes.count == 1 && $0.to.count == 1 && $0.viaWays.isEmpty })
    }

    @Test("at each real restricted junction the car graph forbids exactly the turns the restriction names; walkers are not bound")
    func graphForbidsTheTurns() {
        let graph = Self.carGraph
        let junctions = Self.junctions(graph, Extracts.bayreuthPBF)
        #expect(junctions.count >= 30, "\(junctions.count) of 40 junctions lie in the car graph")
        for junction in junctions {
            for arriving in junction.arriving {
                for leaving in junction.leaving {
                    let forbidden = graph.isForbiddenTurn(from: arriving, to: leaving)
                    let named = junction.into.contains(leaving)
                    switch junction.rule {
                    case .no: #expect(forbidden == named, "relation \(junction.restriction.id): \(arriving) → \(leaving)")
                    case .only: #expect(forbidden == !named, "relation \(junction.restriction.id): \(arriving) → \(leaving)")
                    }
                }
            }
        }
        #expect(Extracts.graph(Extracts.bayreuthMap, .foot).turnFrom.isEmpty)
    }

    @Test("a car route from each restricted approach never makes the forbidden turn, and the guide never says it")
    func routesAndGuidanceObey() throws {
        let graph = Self.carGraph
        let router = Router(graph: graph, metric: .time)
        var checked = 0
        for junction in Self.junctions(graph, Extracts.bayreuthPBF) {
            for arriving in junction.arriving {
                // A forbidden U-turn is left out: the middles of an edge and its twin are one point.
                for leaving in junction.leaving where graph.isForbiddenTurn(from: arriving, to: leaving)
                    && graph.edgeTarget[leaving] != graph.edgeSource[arriving] {
                    let start = Self.middle(of: arriving, graph), end = Self.middle(of: leaving, graph)
                    guard let route = router.route(from: start, to: end) else { continue }
                    #expect(Self.forbiddenTurn(in: route, graph) == nil, "relation \(junction.restriction.id)")
                    // Turning there would be: half an edge in, half an edge out.
                    let direct = (graph.edgeLength[arriving] + graph.edgeLength[leaving]) / 2
                    #expect(route.length > direct + 1, "relation \(junction.restriction.id): the car goes round")
                    let viaPoint = graph.point(junction.via)
                    let said = RouteGeometry.change(from: RouteGeometry.bearing(graph.point(Int(graph.edgeSource[arriving])), viaPoint),
                                                    to: RouteGeometry.bearing(viaPoint, graph.point(Int(graph.edgeTarget[leaving]))))
                    let forbiddenKind = TurnKind(bearingChange: said)
                    let guide = Guide(route: route)
                    let first = guide.maneuvers.first { $0.point == viaPoint }
                    #expect(!(first?.kind == forbiddenKind && first?.street == graph.name(of: leaving) && forbiddenKind != .straight),
                            "relation \(junction.restriction.id): the guide says \(first?.text ?? "")")
                    checked += 1
                }
            }
        }
        #expect(checked >= 30)
    }

    @Test("no car path between random points of the real extracts makes a forbidden turn (property)",
          arguments: ["Bayreuth", "Monaco"])
    func neverForbidden(extract: String) async throws {
        let graph = extract == "Bayreuth" ? Self.carGraph : Extracts.graph(Extracts.monacoMap, .car)
        let router = Router(graph: graph, metric: .time)
        let count = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == "1" ? 400 : 60
        // Half the paths start or end right at a restricted junction, where a forbidden turn is most tempting.
        let vias = Array(Set(graph.turnFrom.map { Int(graph.edgeTarget[Int($0)]) })).sorted()
        await propertyCheck(count: count, input: Gen.int(in: 0..<graph.nodeCount), Gen.int(in: 0..<graph.nodeCount), Gen.bool) { a, b, nearJunction in
            let from = nearJunction && !vias.isEmpty ? vias[a % vias.count] : a
            let start = try #require(router.snap(ShortestPathTests.nudge(graph.point(from))))
            let end = try #require(router.snap(ShortestPathTests.nudge(graph.point(b))))
            let route = try #require(router.route(from: start, to: end))
            #expect(Self.forbiddenTurn(in: route, graph) == nil, "\(from) → \(b)")
        }
    }

    /// The first pair of consecutive edges of `route` that is a forbidden turn, or nil.
    static func forbiddenTurn(in route: Route, _ graph: RoadGraph) -> (Int, Int)? {
        zip(route.edges, route.edges.dropFirst()).first { graph.isForbiddenTurn(from: $0, to: $1) }
    }

    /// The middle of `edge`, as a snapped point.
    static func middle(of edge: Int, _ graph: RoadGraph) -> SnappedPoint {
        let a = graph.point(Int(graph.edgeSource[edge])), b = graph.point(Int(graph.edgeTarget[edge]))
        let point = GeoPoint(latitude: (a.latitude + b.latitude) / 2, longitude: (a.longitude + b.longitude) / 2)
        return SnappedPoint(original: point, edge: edge, fraction: 0.5, point: point, distance: 0)
    }
}
