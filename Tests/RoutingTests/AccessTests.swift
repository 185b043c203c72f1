import Foundation
import PropertyBased
import Shared
import Testing
@testable import Routing

@Suite("destination-only ways: private lanes reached at the ends of a leg, never driven through")
struct AccessTests {
    static let restrictedValues: Set<String> = ["private", "no", "destination"]

    /// The highways of northern Bayreuth tagged `access=private|no|destination`.
    static let restrictedWays = Extracts.bayreuthPBF.ways.filter { way in
        way.tags["highway"] != nil && way.tags["access"].map(restrictedValues.contains) == true
    }

    @Test("northern Bayreuth has 73 highways tagged access=private, no or destination; each is kept as destination-only wherever a profile may use its class")
    func restrictedWaysKept() throws {
        #expect(Self.restrictedWays.count == 73)
        for profile in TravelProfile.allCases {
            let graph = Extracts.graph(Extracts.bayreuthMap, profile)
            var node = [Int64: Int]()
            for (index, id) in graph.nodeIDs.enumerated() { node[id] = index }
            var kept = 0
            for way in Self.restrictedWays {
                let highwayClass = try #require(HighwayClass(tag: way.tags["highway"]!))
                guard profile.speed(on: highwayClass) != nil else { continue }
                #expect(profile.access(way.tags) != .open, "way \(way.id) is \(way.tags)")
                var edges = 0
                for (a, b) in zip(way.refs, way.refs.dropFirst()) {
                    guard let from = node[a], let to = node[b] else { continue }
                    for edge in graph.edges(from: from) where Int(graph.edgeTarget[edge]) == to {
                        #expect(graph.isDestinationOnly(edge) || profile.access(way.tags) == .open, "way \(way.id), \(profile)")
                        edges += 1
                    }
                }
                if edges > 0 { kept += 1 }
            }
            // Before issue 17 none of them was in a graph; now most are (some lie outside the largest component).
            #expect(kept >= (profile == .car ? 15 : 50), "\(profile): \(kept) restricted ways kept")
        }
    }

    @Test("access tags: the most specific key decides; yes opens, private, no, destination and the like restrict; squares are closed to cars")
    func accessRules() {
        #expect(TravelProfile.car.access(["access": "private"]) == .destinationOnly)
        #expect(TravelProfile.car.access(["access": "no", "motor_vehicle": "destination"]) == .destinationOnly)
        #expect(TravelProfile.car.access(["access": "private", "motorcar": "yes"]) == .open)
        #expect(TravelProfile.car.access(["vehicle": "destination"]) == .destinationOnly)
        #expect(TravelProfile.car.access(["foot": "no"]) == .open)
        #expect(TravelProfile.car.access(["area": "yes"]) == .closed)
        #expect(TravelProfile.foot.access(["access": "private"]) == .destinationOnly)
        #expect(TravelProfile.foot.access(["access": "private", "foot": "yes"]) == .open)
        #expect(TravelProfile.foot.access(["motor_vehicle": "no"]) == .open)
        #expect(TravelProfile.foot.access(["access": "destination"]) == .destinationOnly)
        #expect(TravelProfile.foot.access([:]) == .open)
    }

    @Test("a customer on a private lane is snapped onto it and reached along it by car")
    func customerOnPrivateLane() throws {
        let router = Router(graph: Extracts.graph(Extracts.bayreuthMap, .car), metric: .time)
        let graph = router.graph
        var reached = 0
        for way in Self.restrictedWays {
            // The middle of the lane's middle edge in the car graph, if it is there.
            let ids = Set(way.refs)
            guard let edge = (0..<graph.edgeCount).first(where: {
                graph.isDestinationOnly($0) && ids.contains(graph.nodeIDs[Int(graph.edgeSource[$0])]) && ids.contains(graph.nodeIDs[Int(graph.edgeTarget[$0])])
            }) else { continue }
            let a = graph.point(Int(graph.edgeSource[edge])), b = graph.point(Int(graph.edgeTarget[edge]))
            let customer = GeoPoint(latitude: (a.latitude + b.latitude) / 2, longitude: (a.longitude + b.longitude) / 2)
            let snapped = try #require(router.snap(customer))
            #expect(graph.isDestinationOnly(snapped.edge), "way \(way.id): snapped onto the lane itself")
            #expect(snapped.distance < 1)
            let start = GeoPoint(latitude: 49.9946, longitude: 11.5717)
            let there = try router.route(from: start, to: customer), back = try router.route(from: customer, to: start)
            #expect(there.edges.last.map(graph.isDestinationOnly) == true)
            #expect(back.edges.first.map(graph.isDestinationOnly) == true)
            #expect(Self.passesThrough(there, graph) == nil && Self.passesThrough(back, graph) == nil)
            reached += 1
        }
        #expect(reached >= 15)
    }

    @Test("no route uses a destination-only way between two open ones (property, both profiles, real extract)",
          arguments: [TravelProfile.car, .foot])
    func neverThrough(profile: TravelProfile) async throws {
        let graph = Extracts.graph(Extracts.bayreuthMap, profile)
        let router = Router(graph: graph, metric: profile == .car ? .time : .distance)
        let count = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == "1" ? 400 : 60
        await propertyCheck(count: count, input: Gen.int(in: 0..<graph.nodeCount), Gen.int(in: 0..<graph.nodeCount)) { a, b in
            let from = try #require(router.snap(ShortestPathTests.nudge(graph.point(a))))
            let to = try #require(router.snap(ShortestPathTests.nudge(graph.point(b))))
            let route = try #require(router.route(from: from, to: to))
            #expect(Self.passesThrough(route, graph) == nil, "\(a) → \(b) passes through edge \(Self.passesThrough(route, graph) ?? -1)")
        }
    }

    @Test("between the two ends of every destination-only lane, a car goes round, not along it")
    func lanesNotShortcuts() throws {
        let graph = Extracts.graph(Extracts.bayreuthMap, .car)
        let router = Router(graph: graph, metric: .time)
        var checked = 0
        for edge in 0..<graph.edgeCount where graph.isDestinationOnly(edge) {
            // Lane ends where open roads meet it: start on an open edge entering one end, stop on one leaving the other.
            let from = Int(graph.edgeSource[edge]), to = Int(graph.edgeTarget[edge])
            guard let entering = (0..<graph.edgeCount).first(where: { Int(graph.edgeTarget[$0]) == from && !graph.isDestinationOnly($0) }),
                  let leaving = graph.edges(from: to).first(where: { !graph.isDestinationOnly($0) }) else { continue }
            let start = SnappedPoint(original: graph.point(from), edge: entering, fraction: 0.5, point: graph.point(from), distance: 0)
            let end = SnappedPoint(original: graph.point(to), edge: leaving, fraction: 0.5, point: graph.point(to), distance: 0)
            guard let route = router.route(from: start, to: end) else { continue }
            #expect(!route.edges.contains(edge), "edge \(edge) of a destination-only way used for transit")
            #expect(Self.passesThrough(route, graph) == nil)
            checked += 1
        }
        #expect(checked >= 3)
    }

    /// The first destination-only edge of `route` that lies between two open ones, or nil.
    static func passesThrough(_ route: Route, _ graph: RoadGraph) -> Int? {
        guard let first = route.edges.firstIndex(where: { !graph.isDestinationOnly($0) }),
              let last = route.edges.lastIndex(where: { !graph.isDestinationOnly($0) }) else { return nil }
        return route.edges[first...last].first(where: graph.isDestinationOnly)
    }
}
