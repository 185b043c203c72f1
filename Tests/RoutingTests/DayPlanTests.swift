import Foundation
import PropertyBased
import Shared
import Testing
@testable import Routing

@Suite("day plans: pending stops spread over working days, each day within its shift")
struct DayPlanTests {
    /// Monday, 7 December 2026.
    static let monday = CalendarDay(year: 2026, month: 12, day: 7)
    static var footRouter: Router { Router(graph: Extracts.graph(Extracts.bayreuthMap, .foot), metric: .time) }

    @Test("every stop is planned exactly once, every day ends within the shift, and the times add up (property, real extract)")
    func everyDayFits() async throws {
        let router = Self.footRouter
        await propertyCheck(count: 4, input: Gen.uint64()) { seed in
            var random = SplitMix64(seed: seed)
            let count = Int.random(in: 30...70, using: &random)
            let stops = TourTests.stops(count, seed: seed).map {
                TourStop(id: $0.id, point: $0.point, serviceTime: Double(Int.random(in: 5...20, using: &random) * 60))
            }
            let shift = TimeWindow(start: 8 * 3600, end: 12 * 3600)
            let plan = try DayPlanner(router: router, shift: shift).plan(from: TourTests.addresses[0].point, stops: stops, firstDay: Self.monday, budget: .milliseconds(200))
            let planned = plan.days.flatMap { $0.tour.stops.map(\.id) } + plan.unplannable.map(\.id)
            #expect(planned.sorted() == stops.map(\.id).sorted(), "each stop exactly once")
            #expect(plan.days.count >= 2, "\(count) stops of 5–20 minutes do not fit one morning")
            for day in plan.days {
                #expect(!day.tour.stops.isEmpty)
                #expect(day.finish <= shift.end + 1e-6, "day ends \(TimeWindow.clock(day.finish))")
                // The arrivals follow from the routed legs and the service times.
                var time = shift.start
                for (index, (leg, stop)) in zip(day.tour.legs, day.tour.stops).enumerated() {
                    time += leg.time
                    #expect(abs(day.arrivals[index] - time) < 1, "arrival at \(stop.id)")
                    time += stop.serviceTime
                }
                #expect(abs(day.finish - time) < 1)
                #expect(day.arrivals == day.arrivals.sorted())
            }
        }
    }

    @Test("a stop that cannot fit a day on its own is named, not planned; an empty list plans no day")
    func unplannable() throws {
        let router = Self.footRouter
        let stops = TourTests.stops(5, seed: 9).map { TourStop(id: $0.id, point: $0.point, serviceTime: 600) }
        let short = TimeWindow(start: 8 * 3600, end: 8 * 3600 + 300)
        let plan = try DayPlanner(router: router, shift: short).plan(from: TourTests.addresses[0].point, stops: stops, firstDay: Self.monday)
        #expect(plan.days.isEmpty)
        #expect(plan.unplannable.map(\.id).sorted() == stops.map(\.id).sorted())
        let none = try DayPlanner(router: router).plan(from: TourTests.addresses[0].point, stops: [], firstDay: Self.monday)
        #expect(none.days.isEmpty && none.unplannable.isEmpty)
    }

    @Test("when everything fits one shift, the plan is one day")
    func oneDay() throws {
        let stops = TourTests.stops(6, seed: 4).map { TourStop(id: $0.id, point: $0.point, serviceTime: 300) }
        let plan = try DayPlanner(router: Self.footRouter).plan(from: TourTests.addresses[0].point, stops: stops, firstDay: Self.monday)
        #expect(plan.days.count == 1 && plan.days[0].tour.stops.count == 6)
    }

    @Test("shift hours read as HH:MM-HH:MM; mistakes are named")
    func shiftHours() throws {
        let shift = try TimeWindow(parsing: "07:30-16:00")
        #expect(shift.start == 7.5 * 3600 && shift.length == 8.5 * 3600)
        #expect(TimeWindow.clock(shift.end) == "16:00" && TimeWindow.clock(7 * 3600 + 5 * 60) == "07:05")
        #expect(throws: TimeWindow.ParseError.self) { try TimeWindow(parsing: "16:00-08:00") }
        #expect(throws: TimeWindow.ParseError.self) { try TimeWindow(parsing: "8-16") }
        #expect(throws: TimeWindow.ParseError.self) { try TimeWindow(parsing: "08:00-25:00") }
    }
}
