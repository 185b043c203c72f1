import Foundation
import PropertyBased
import Shared
import Testing
@testable import Routing

@Suite("appointment windows: the plan visits each booked customer that day inside the window, or says why not")
struct AppointmentTests {
    static let monday = DayPlanTests.monday

    static func booked(_ stop: TourStop, _ date: CalendarDay, _ window: String) throws -> TourStop {
        var stop = stop
        stop.appointment = Appointment(date: date, window: try TimeWindow(parsing: window))
        return stop
    }

    /// Checks what every plan promises: each stop once (in a day, unplannable or missed), each day
    /// within the shift, each kept appointment on its day inside its window.
    static func checkPromises(_ plan: DayPlan, stops: [TourStop]) {
        let placed = plan.days.flatMap { $0.tour.stops.map(\.id) } + plan.unplannable.map(\.id) + plan.missed.map(\.stop.id)
        #expect(placed.sorted() == stops.map(\.id).sorted(), "each stop exactly once")
        for day in plan.days {
            #expect(day.date.isWorkingDay)
            #expect(day.finish <= plan.shift.end + 1e-6)
            for (stop, begins) in zip(day.tour.stops, day.arrivals) {
                guard let appointment = stop.appointment else { continue }
                #expect(appointment.date == day.date, "\(stop.id) booked for \(appointment.date), planned \(day.date)")
                #expect(begins >= appointment.window.start - 1e-6 && begins <= appointment.window.end + 1e-6,
                        "\(stop.id) begins \(TimeWindow.clock(begins)), window \(appointment.window)")
            }
        }
    }

    @Test("booked customers are visited on their day inside their windows; the others fit around them")
    func keptInWindows() throws {
        let tuesday = Self.monday.next
        var stops = TourTests.stops(40, seed: 17).map { TourStop(id: $0.id, point: $0.point, serviceTime: 600) }
        stops[3] = try Self.booked(stops[3], tuesday, "10:00-10:30")
        stops[8] = try Self.booked(stops[8], tuesday, "13:00-14:00")
        stops[12] = try Self.booked(stops[12], Self.monday, "11:00-11:20")
        stops[20] = try Self.booked(stops[20], Self.monday.next.next.next, "15:00-15:30")
        let plan = try DayPlanner(router: DayPlanTests.footRouter).plan(from: TourTests.addresses[0].point, stops: stops, firstDay: Self.monday)
        #expect(plan.missed.isEmpty, "\(plan.missed.map(\.reason))")
        Self.checkPromises(plan, stops: stops)
        let thursday = try #require(plan.days.first { $0.date == Self.monday.next.next.next })
        #expect(thursday.tour.stops.contains { $0.id == stops[20].id })
        #expect(plan.days.first?.date == Self.monday && plan.days.first?.tour.stops.count ?? 0 > 1)
    }

    @Test("an appointment the plan cannot keep is named with the reason, and its customer is not planned")
    func missedSaidPlainly() throws {
        var stops = TourTests.stops(6, seed: 23).map { TourStop(id: $0.id, point: $0.point, serviceTime: 900) }
        let saturday = CalendarDay(year: 2026, month: 12, day: 12)
        stops[0] = try Self.booked(stops[0], saturday, "10:00-11:00")
        stops[1] = try Self.booked(stops[1], CalendarDay(year: 2026, month: 12, day: 4), "10:00-11:00")
        stops[2] = try Self.booked(stops[2], Self.monday, "10:00-10:01")
        stops[3] = try Self.booked(stops[3], Self.monday, "10:00-10:01")
        stops[4] = try Self.booked(stops[4], Self.monday, "07:00-07:30")
        let plan = try DayPlanner(router: DayPlanTests.footRouter).plan(from: TourTests.addresses[0].point, stops: stops, firstDay: Self.monday)
        let reasons = Dictionary(uniqueKeysWithValues: plan.missed.map { ($0.stop.id, $0.reason) })
        #expect(reasons[stops[0].id] == "2026-12-12 is a Saturday, not a working day")
        #expect(reasons[stops[1].id] == "the appointment on 2026-12-04 is before the plan's first day, 2026-12-07")
        #expect(reasons[stops[4].id]?.contains("cannot be reached from the start within the working hours 08:00–16:30") == true)
        // Two visits of 15 minutes cannot both begin at 10:00: the second is named.
        #expect([stops[2].id, stops[3].id].filter { reasons[$0]?.contains("clashes with other appointments that day") == true }.count == 1)
        Self.checkPromises(plan, stops: stops)
        #expect(DayPlanSummary(plan: plan).table.contains("appointment not kept: \(stops[0].id): 2026-12-12 is a Saturday"))
    }

    @Test("every kept appointment is met and every stop placed once, for random bookings on the real extract (property)")
    func randomBookings() async throws {
        let router = DayPlanTests.footRouter
        await propertyCheck(count: 4, input: Gen.uint64()) { seed in
            var random = SplitMix64(seed: seed)
            let stops = try TourTests.stops(Int.random(in: 20...50, using: &random), seed: seed).map { stop -> TourStop in
                var stop = TourStop(id: stop.id, point: stop.point, serviceTime: Double(Int.random(in: 5...20, using: &random) * 60))
                if Int.random(in: 0..<4, using: &random) == 0 {
                    let date = CalendarDay(number: Self.monday.number + Int.random(in: 0..<7, using: &random))
                    let start = Int.random(in: 8 * 4..<16 * 4, using: &random) * 900
                    let length = Int.random(in: 1...8, using: &random) * 900
                    stop = try Self.booked(stop, date, TimeWindow.clock(Double(start)) + "-" + TimeWindow.clock(Double(min(start + length, 24 * 3600 - 60))))
                }
                return stop
            }
            let plan = try DayPlanner(router: router).plan(from: TourTests.addresses[0].point, stops: stops, firstDay: Self.monday, budget: .milliseconds(100))
            Self.checkPromises(plan, stops: stops)
        }
    }

    @Test("dates and appointments read as YYYY-MM-DD and YYYY-MM-DD HH:MM-HH:MM; weekdays are right")
    func parsing() throws {
        let day = try #require(CalendarDay(parsing: "2026-12-07"))
        #expect(day == Self.monday && day.weekday == "Monday" && day.description == "2026-12-07")
        #expect(CalendarDay(parsing: "2024-02-29")?.next.description == "2024-03-01")
        #expect(CalendarDay(parsing: "2026-02-29") == nil && CalendarDay(parsing: "7.12.2026") == nil)
        #expect(CalendarDay(year: 1970, month: 1, day: 1).number == 0 && CalendarDay(number: 0).weekday == "Thursday")
        let appointment = try Appointment(parsing: "2026-12-08 10:00-11:30")
        #expect(appointment.date == Self.monday.next && appointment.window == TimeWindow(start: 36000, end: 41400))
        #expect(throws: Appointment.ParseError.self) { try Appointment(parsing: "2026-12-08") }
        #expect(throws: Appointment.ParseError.self) { try Appointment(parsing: "2026-12-08 11:00-10:00") }
        let json = try JSONEncoder().encode(TourStop(id: "a", point: GeoPoint(latitude: 50, longitude: 11), appointment: appointment))
        #expect(try JSONDecoder().decode(TourStop.self, from: json).appointment == appointment)
    }
    @Test("the customer's appointment field and the day planner accept exactly the same texts, read the same way (property)")
    func fieldRuleAndPlannerAgree() async {
        let samples = ["2026-12-08 10:00-11:30", "2026-12-08  10:00-11:30", "2024-02-29 00:00-24:00", "2026-02-29 10:00-11:00",
                       "2026-12-08 11:00-10:00", "2026-12-08 10:00-10:00", "2026-12-08 8:00-10:00", "2026-12-08 10:00-24:01",
                       "2026-12-08 10:60-11:00", "2026-12-08", "2026-12-08 10:00", "2026-12-08 10:00-11:00-12:00", "7.12.2026 10:00-11:00"]
        for text in samples { Self.checkAgreement(text) }
        let digit = Gen.int(in: 0...9)
        await propertyCheck(count: 200, input: Gen.int(in: 0...13), Gen.int(in: 0...32), digit.array(of: 8)) { month, day, clock in
            let two = { (n: Int) in (n < 10 ? "0" : "") + "\(n)" }
            let text = "2026-\(two(month))-\(two(day)) \(clock[0])\(clock[1] % 5):\(clock[2] % 7)\(clock[3])-\(clock[4])\(clock[5] % 5):\(clock[6] % 7)\(clock[7])"
            Self.checkAgreement(text)
        }
    }

    /// `FieldRule.appointment` accepts `text` exactly when `Appointment(parsing:)` reads it, and then as the same day and window.
    static func checkAgreement(_ text: String) {
        let accepted = (try? FieldRule.appointment.check(.text(text), field: "appointment")) != nil
        let parsed = try? Appointment(parsing: text)
        #expect(accepted == (parsed != nil), "\(text)")
        if let parsed, let shared = try? AppointmentText(parsing: text) {
            #expect(parsed.date.parts == (shared.year, shared.month, shared.day) && parsed.window.start == Double(shared.startMinute * 60), "\(text)")
        }
    }
}

