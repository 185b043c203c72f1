import Foundation
import PropertyBased
import Shared
import Testing
@testable import Routing

@Suite("audit tours: every stop once, local search never worse, re-planning")
struct TourTests {
    static var bayreuthFoot: Router { Router(graph: Extracts.graph(Extracts.bayreuthMap, .foot)) }
    static let addresses = Extracts.bayreuthPBF.addresses()

    /// `count` addressed buildings of Bayreuth picked by `seed`.
    static func stops(_ count: Int, seed: UInt64) -> [TourStop] {
        var random = SplitMix64(seed: seed)
        return addresses.shuffled(using: &random).prefix(count).enumerated().map { TourStop(id: "s\($0)", point: $1.point) }
    }

    @Test("a planned tour visits every stop exactly once, and its legs join up")
    func everyStopOnce() async throws {
        let planner = TourPlanner(router: Self.bayreuthFoot)
        await propertyCheck(count: 3, input: Gen.uint64()) { seed in
            let stops = Self.stops(30, seed: seed)
            let tour = try planner.plan(from: stops[0].point, stops: stops, budget: .milliseconds(50))
            #expect(tour.stops.map(\.id).sorted() == stops.map(\.id).sorted())
            #expect(tour.legs.count == stops.count)
            for (leg, next) in zip(tour.legs, tour.legs.dropFirst()) { #expect(leg.points.last == next.points.first) }
            #expect(abs(tour.length - tour.legs.map(\.length).reduce(0, +)) < 1e-6)
        }
    }

    @Test("local search never lengthens a tour, whatever order it starts from")
    func localSearchNeverWorse() async {
        await propertyCheck(count: 60, input: Gen.uint64()) { seed in
            var random = SplitMix64(seed: seed)
            let size = Int.random(in: 3...25, using: &random)
            // Asymmetric costs, as one-way streets make them.
            let matrix = CostMatrix((0..<size).map { from in (0..<size).map { to in from == to ? 0 : Double.random(in: 1...100, using: &random) } })
            let order = Array(1..<size).shuffled(using: &random)
            let closed = Bool.random(using: &random)
            let improved = TourOptimizer.improve(order, on: matrix, closed: closed)
            #expect(improved.cost <= improved.constructedCost + 1e-9)
            #expect(improved.order.sorted() == Array(1..<size))
            let path = [0] + improved.order + (closed ? [0] : [])
            #expect(abs(matrix.cost(of: path) - improved.cost) < 1e-6)
        }
    }

    @Test("on small tables the optimiser finds the optimum that trying every order finds")
    func optimalOnSmallTables() async {
        await propertyCheck(count: 30, input: Gen.uint64()) { seed in
            var random = SplitMix64(seed: seed)
            let size = Int.random(in: 3...7, using: &random)
            let matrix = CostMatrix((0..<size).map { from in (0..<size).map { to in from == to ? 0 : Double.random(in: 1...100, using: &random) } })
            let best = Self.permutations(Array(1..<size)).map { matrix.cost(of: [0] + $0) }.min()!
            let found = TourOptimizer.solve(matrix, budget: .milliseconds(20))
            #expect(found.cost <= best + 1e-6 && found.cost >= best - 1e-6)
        }
    }

    @Test("an open tour ends at a stop; a closed one comes back to the start")
    func openAndClosed() throws {
        let planner = TourPlanner(router: Self.bayreuthFoot)
        let stops = Self.stops(8, seed: 11)
        let start = Self.addresses[0].point
        let open = try planner.plan(from: start, stops: stops, budget: .milliseconds(20))
        let closed = try planner.plan(from: start, stops: stops, budget: .milliseconds(20), returnToStart: true)
        #expect(open.legs.count == 8 && closed.legs.count == 9)
        let home = try #require(Self.bayreuthFoot.snap(start)).point
        #expect(closed.legs.last?.points.last == home)
        #expect(closed.length >= open.length)
    }

    @Test("re-planning from a point off the path starts there and drops the finished stops")
    func replanFromOffPath() throws {
        let planner = TourPlanner(router: Self.bayreuthFoot)
        let stops = Self.stops(10, seed: 21)
        let tour = try planner.plan(from: stops[0].point, stops: stops, budget: .milliseconds(30))
        let middle = tour.legs[1].points[tour.legs[1].points.count / 2]
        // An addressed building 60–300 m from every piece of the path: off it.
        let geometry = RouteGeometry(route: tour.route)
        let away = try #require(Self.addresses.map(\.point).first { (60...300).contains(geometry.locate($0).distance) })
        let rule = OffPathRule()
        #expect(rule.isOff(away, route: tour.route))
        #expect(!rule.isOff(middle, route: tour.route))
        #expect(try planner.replanIfNeeded(tour, at: middle) == nil, "on the path with nothing finished: no re-plan")
        let done: Set<String> = [tour.stops[0].id]
        let again = try #require(try planner.replanIfNeeded(tour, at: away, finished: done))
        let snappedAway = try #require(Self.bayreuthFoot.snap(away))
        #expect(again.start == away)
        #expect(again.route.points.first == snappedAway.point)
        #expect(again.route.points.first!.distance(to: away) < 150)
        #expect(Set(again.stops.map(\.id)) == Set(tour.stops.map(\.id)).subtracting(done))
    }

    static func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }
}
