import Foundation
import PropertyBased
import Shared
import Testing
@testable import Routing

@Suite("shortest paths: A*, snapping and cost tables against a plain Dijkstra")
struct ShortestPathTests {
    static let pairs = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == "1" ? 300 : 12

    static let cases: [(String, RoadGraph, RouteMetric)] = [
        ("Monaco foot", Extracts.graph(Extracts.monacoMap, .foot), .distance),
        ("Monaco car", Extracts.graph(Extracts.monacoMap, .car), .time),
        ("Bayreuth foot", Extracts.graph(Extracts.bayreuthMap, .foot), .distance),
        ("Bayreuth car", Extracts.graph(Extracts.bayreuthMap, .car), .distance),
        ("Bayreuth car by time", Extracts.graph(Extracts.bayreuthMap, .car), .time),
    ]

    @Test("A* between random nodes costs exactly what a plain Dijkstra finds, in both extracts",
          arguments: 0..<5)
    func aStarEqualsDijkstra(caseIndex: Int) async {
        let (_, graph, metric) = Self.cases[caseIndex]
        let router = Router(graph: graph, metric: metric)
        await propertyCheck(count: Self.pairs, input: Gen.int(in: 0..<graph.nodeCount), Gen.int(in: 0..<graph.nodeCount)) { a, b in
            // Placed on the nodes themselves: snapping a bare position could pick another node at the
            // same spot (a bridge over a road, a tunnel under it), which is a different start.
            let route = try #require(router.route(from: Self.onNode(a, graph, leaving: true), to: Self.onNode(b, graph, leaving: false)))
            let expected = PlainDijkstra.cost(graph, from: a, to: b, metric: metric)
            let found = metric == .distance ? route.length : route.time
            #expect(abs(found - expected) <= 1e-6 * max(1, expected), "\(a) → \(b): A* \(found), Dijkstra \(expected)")
            #expect(route.points.first == graph.point(a) && route.points.last == graph.point(b))
        }
    }

    @Test("every cost-table entry equals the point-to-point route between the same snapped points", arguments: [1, 3, 4])
    func tableEqualsRoutes(caseIndex: Int) async {
        let (_, graph, metric) = Self.cases[caseIndex]
        let router = Router(graph: graph, metric: metric)
        await propertyCheck(count: 4, input: Gen.int(in: 0..<graph.nodeCount).array(of: 10)) { nodes in
            // Half the points beside a node (inside an edge), half exactly on one (junctions too).
            let snapped = nodes.enumerated().compactMap { router.snap($0 % 2 == 0 ? Self.nudge(graph.point($1)) : graph.point($1)) }
            let table = router.table(snapped)
            for (i, from) in snapped.enumerated() {
                for (j, to) in snapped.enumerated() {
                    let route = try #require(router.route(from: from, to: to))
                    let cost = metric == .distance ? route.length : route.time
                    #expect(abs(table[i][j] - cost) <= 1e-6 * max(1, cost), "\(i) → \(j): table \(table[i][j]), route \(cost)")
                }
            }
        }
    }

    @Test("snapping finds the nearest edge, the same as checking every edge")
    func snapEqualsScan() {
        let graph = Extracts.graph(Extracts.monacoMap, .foot)
        let index = EdgeIndex(graph: graph)
        var random = SplitMix64(seed: 3)
        for _ in 0..<50 {
            let point = GeoPoint(latitude: .random(in: 43.725...43.750, using: &random), longitude: .random(in: 7.405...7.435, using: &random))
            let snapped = try! #require(index.snap(point))
            let projection = PlanarProjection(origin: point)
            let nearest = (0..<graph.edgeCount).map {
                projection.closest(on: graph.point(Int(graph.edgeSource[$0])), graph.point(Int(graph.edgeTarget[$0]))).distance
            }.min()!
            #expect(abs(snapped.distance - nearest) < 0.05, "grid \(snapped.distance) m, scan \(nearest) m")
        }
    }

    @Test("a point far from every road is refused with the point named")
    func offMap() {
        let router = Router(graph: Extracts.graph(Extracts.monacoMap, .foot))
        let sea = GeoPoint(latitude: 43.60, longitude: 7.45)
        #expect(throws: RoutingError.noRoadNear(sea)) { try router.route(from: sea, to: GeoPoint(latitude: 43.7384, longitude: 7.4246)) }
        #expect(router.snap(GeoPoint(latitude: .nan, longitude: 7.42)) == nil)
    }

    /// The position of `node`, placed on an edge leaving it (fraction 0) or entering it (fraction 1).
    static func onNode(_ node: Int, _ graph: RoadGraph, leaving: Bool) -> SnappedPoint {
        let edge = leaving ? graph.edges(from: node).lowerBound : graph.edgeTarget.firstIndex(of: Int32(node))!
        return SnappedPoint(original: graph.point(node), edge: edge, fraction: leaving ? 0 : 1, point: graph.point(node), distance: 0)
    }

    /// A point a few metres beside `point`, so snapping lands inside an edge.
    static func nudge(_ point: GeoPoint) -> GeoPoint {
        GeoPoint(latitude: point.latitude + 0.00004, longitude: point.longitude + 0.00003)
    }
}

@Suite("routes between two placements of one point")
struct SamePointTests {
    @Test("from the start of an edge to the end of the edge before it, in the middle of a street: no way, no crash")
    func endOfPreviousEdge() throws {
        let graph = Extracts.graph(Extracts.bayreuthMap, .foot)
        let router = Router(graph: graph)
        var checked = 0
        for node in 0..<graph.nodeCount where router.chains.coreIndex[node] < 0 && checked < 40 {
            let leaving = graph.edges(from: node).lowerBound
            guard let entering = graph.edgeTarget.indices.first(where: {
                Int(graph.edgeTarget[$0]) == node && graph.edgeSource[$0] != graph.edgeTarget[leaving]
            }) else { continue }
            let here = graph.point(node)
            let from = SnappedPoint(original: here, edge: leaving, fraction: 0, point: here, distance: 0)
            let to = SnappedPoint(original: here, edge: entering, fraction: 1, point: here, distance: 0)
            let route = try #require(router.route(from: from, to: to))
            #expect(route.length < 1e-6, "node \(node): \(route.length) m")
            checked += 1
        }
        #expect(checked == 40)
    }
}
