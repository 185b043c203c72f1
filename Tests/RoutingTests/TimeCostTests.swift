import Foundation
import Shared
import Testing
@testable import Routing

@Suite("time costs: speeds by class and speed limit, service times, tours in seconds")
struct TimeCostTests {
    @Test("maxspeed values read as km/h: numbers, mph, zones, walk; none and unreadable give nil")
    func maxSpeedValues() {
        #expect(MaxSpeed.kmh("50") == 50)
        #expect(MaxSpeed.kmh("30 mph").map { abs($0 - 48.28) < 0.01 } == true)
        #expect(MaxSpeed.kmh("DE:urban") == 50)
        #expect(MaxSpeed.kmh("DE:rural") == 100)
        #expect(MaxSpeed.kmh("DE:zone30") == 30 && MaxSpeed.kmh("DE:zone:20") == 20)
        #expect(MaxSpeed.kmh("walk") == 7 && MaxSpeed.kmh("DE:living_street") == 7)
        #expect(MaxSpeed.kmh("none") == nil && MaxSpeed.kmh("signals") == nil && MaxSpeed.kmh("DE:motorway") == nil)
    }

    @Test("by car an edge of a way tagged maxspeed takes 80% of the limit, an untagged one its class's speed; on foot the walking pace")
    func speedsOnRealWays() throws {
        let car = Extracts.graph(Extracts.bayreuthMap, .car), foot = Extracts.graph(Extracts.bayreuthMap, .foot)
        let limited = (0..<car.edgeCount).filter { car.edgeMaxSpeed[$0] == 30 }
        let unlimited = (0..<car.edgeCount).filter { car.edgeMaxSpeed[$0] == 0 && car.highwayClass(of: $0) == .residential }
        #expect(limited.count > 100 && unlimited.count > 100)
        for edge in limited.prefix(50) { #expect(abs(car.travelTime(of: edge) - car.edgeLength[edge] / (24 / 3.6)) < 1e-9) }
        for edge in unlimited.prefix(50) { #expect(abs(car.travelTime(of: edge) - car.edgeLength[edge] / (30 / 3.6)) < 1e-9) }
        #expect((0..<car.edgeCount).contains { car.edgeMaxSpeed[$0] == 120 && car.highwayClass(of: $0) == .motorway })
        for edge in stride(from: 0, to: foot.edgeCount, by: 97) where foot.highwayClass(of: edge) != .steps {
            #expect(abs(foot.travelTime(of: edge) - foot.edgeLength[edge] / (5 / 3.6)) < 1e-9)
        }
    }

    @Test("service times by category: built-in figures, the office's minutes, one number for all, mistakes named")
    func serviceTimes() throws {
        #expect(ServiceTimes.standard.seconds(for: .residential) == 600)
        #expect(ServiceTimes.standard.seconds(for: .industrial) == 1800)
        #expect(ServiceTimes.standard.seconds(for: nil) == 600)
        let office = try ServiceTimes(parsing: "residential=12, commercial=20,default=7")
        #expect(office.seconds(for: .residential) == 720 && office.seconds(for: .commercial) == 1200)
        #expect(office.seconds(for: nil) == 420 && office.seconds(for: .industrial) == 1800)
        let flat = try ServiceTimes(parsing: "5")
        #expect(CustomerCategory.allCases.allSatisfy { flat.seconds(for: $0) == 300 } && flat.seconds(for: nil) == 300)
        #expect(throws: ServiceTimes.ParseError.self) { try ServiceTimes(parsing: "houses=10") }
        #expect(throws: ServiceTimes.ParseError.self) { try ServiceTimes(parsing: "residential=-3") }
    }

    @Test("a tour planned by time is never slower than one planned by distance, nor shorter (exact on 8 stops); totals add up")
    func timeTours() throws {
        let graph = Extracts.graph(Extracts.bayreuthMap, .car)
        let stops = TourTests.stops(8, seed: 5).map { TourStop(id: $0.id, point: $0.point, serviceTime: 600) }
        let start = TourTests.addresses[3].point
        let byTime = try TourPlanner(router: Router(graph: graph, metric: .time)).plan(from: start, stops: stops, budget: .milliseconds(50))
        let byDistance = try TourPlanner(router: Router(graph: graph, metric: .distance)).plan(from: start, stops: stops, budget: .milliseconds(50))
        #expect(byTime.time <= byDistance.time + 1e-6)
        #expect(byDistance.length <= byTime.length + 1e-6)
        #expect(byTime.serviceTime == 8 * 600)
        #expect(abs(byTime.duration - byTime.time - 4800) < 1e-9)
        let summary = TourSummary(tour: byTime)
        #expect(summary.legsSeconds.count == 8)
        #expect(abs(summary.legsSeconds.reduce(0, +) - summary.travelSeconds) <= 8)
        #expect(summary.totalSeconds == (byTime.time + 4800).rounded())
        let json = try #require(try JSONSerialization.jsonObject(with: Data(summary.json.utf8)) as? [String: Any])
        #expect(Set(json.keys) == ["order", "legs_m", "legs_s", "total_m", "travel_s", "service_s", "total_s", "plan_ms"])
    }
}
