import Foundation
import Shared
import Testing
@testable import Routing

@Suite("turn-by-turn guidance on real junctions")
struct GuidanceTests {
    static var router: Router { Router(graph: Extracts.graph(Extracts.bayreuthMap, .car)) }
    /// Neuenreuther Straße runs east into Kulmbacher Straße (tertiary, north–south) at OSM node
    /// 336740699 (50.0175464, 11.5022556): a T-junction in northern Bayreuth.
    static let junction = GeoPoint(latitude: 50.0175464, longitude: 11.5022556)
    static let onNeuenreuther = GeoPoint(latitude: 50.0179722, longitude: 11.5002783)

    @Test("coming east along Neuenreuther Straße, southwards is a right turn onto Kulmbacher Straße")
    func rightTurn() throws {
        let route = try Self.router.route(from: Self.onNeuenreuther, to: GeoPoint(latitude: 50.0166968, longitude: 11.5020775))
        let guide = Guide(route: route, arrivals: nil)
        let instruction = try #require(guide.instruction(at: Self.onNeuenreuther))
        #expect(instruction.maneuver.kind == .right)
        #expect(instruction.maneuver.street == "Kulmbacher Straße")
        #expect(instruction.maneuver.point == Self.junction)
        // Along the way's nodes: 358871410 → 2102894286 → 336740699.
        let expected = Self.onNeuenreuther.distance(to: GeoPoint(latitude: 50.0178137, longitude: 11.5010551))
            + GeoPoint(latitude: 50.0178137, longitude: 11.5010551).distance(to: Self.junction)
        #expect(abs(instruction.distance - expected) < 1)
        #expect(instruction.text == "in \(GuidanceInstruction.rounded(expected)) m turn right onto Kulmbacher Straße")
    }

    @Test("northwards from the same street is a left turn onto Kulmbacher Straße")
    func leftTurn() throws {
        let route = try Self.router.route(from: Self.onNeuenreuther, to: GeoPoint(latitude: 50.0180121, longitude: 11.5021521))
        let instruction = try #require(Guide(route: route).instruction(at: Self.onNeuenreuther))
        #expect(instruction.maneuver.kind == .left)
        #expect(instruction.text.hasSuffix("turn left onto Kulmbacher Straße"))
    }

    @Test("after the last turn the guide counts down to the arrival and then says so")
    func arrival() throws {
        let target = GeoPoint(latitude: 50.0166968, longitude: 11.5020775)
        let route = try Self.router.route(from: Self.onNeuenreuther, to: target)
        let guide = Guide(route: route, arrivals: [(RouteGeometry(route: route).length, "1002")])
        let afterTurn = GeoPoint(latitude: 50.0172467, longitude: 11.5022325)
        let next = try #require(guide.instruction(at: afterTurn))
        #expect(next.maneuver.kind == .arrive)
        #expect(next.text.hasPrefix("in ") && next.text.hasSuffix("arrive at stop 1002"))
        #expect(abs(next.remaining - next.distance) < 1)
        let there = try #require(guide.instruction(at: target))
        #expect(there.text == "you have arrived at stop 1002")
        #expect(there.remaining < 20)
    }

    @Test("bearing changes are classed straight, slight, turn, sharp and U-turn, left and right")
    func turnClasses() {
        #expect([0, 19, -19].map(TurnKind.init(bearingChange:)) == [.straight, .straight, .straight])
        #expect([30, -30].map(TurnKind.init(bearingChange:)) == [.slightRight, .slightLeft])
        #expect([90, -90].map(TurnKind.init(bearingChange:)) == [.right, .left])
        #expect([140, -140].map(TurnKind.init(bearingChange:)) == [.sharpRight, .sharpLeft])
        #expect([170, -175, 180].map(TurnKind.init(bearingChange:)) == [.uTurn, .uTurn, .uTurn])
        #expect(RouteGeometry.change(from: 350, to: 10) == 20)
        #expect(RouteGeometry.change(from: 10, to: 350) == -20)
    }
}

@Suite("guidance along a whole tour")
struct TourGuidanceTests {
    @Test("a tour's guide arrives at every stop in visiting order, and the distance left shrinks along the way")
    func arrivalsInOrder() throws {
        let router = Router(graph: Extracts.graph(Extracts.bayreuthMap, .foot))
        let stops = [
            TourStop(id: "nr17", point: GeoPoint(latitude: 50.0179468, longitude: 11.4987665)),
            TourStop(id: "sp1", point: GeoPoint(latitude: 50.0158561, longitude: 11.5025021)),
            TourStop(id: "mp2a", point: GeoPoint(latitude: 50.0155246, longitude: 11.5035635)),
        ]
        let tour = try TourPlanner(router: router).plan(from: GeoPoint(latitude: 50.0170, longitude: 11.5000), stops: stops, budget: .milliseconds(10))
        let guide = Guide(tour: tour)
        let arrivals = guide.maneuvers.filter { $0.kind == .arrive }
        #expect(arrivals.map(\.stopID) == tour.stops.map(\.id))
        let points = tour.route.points
        var lastRemaining = Double.infinity, along: Double?
        for point in points {
            let instruction = try #require(guide.instruction(at: point, after: along))
            #expect(instruction.remaining <= lastRemaining + 1, "walking the route, the distance left never grows")
            #expect(instruction.offset < 1, "points of the route are on the route")
            lastRemaining = instruction.remaining
            along = instruction.along
        }
        #expect(lastRemaining < 1)
        #expect(abs(guide.geometry.length - tour.length) < 1, "the polyline measures what the graph measured")
    }
}
