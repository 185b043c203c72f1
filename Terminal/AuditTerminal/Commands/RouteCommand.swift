import ArgumentParser
import Foundation
import Routing
import Shared

extension TravelProfile: ExpressibleByArgument {}

/// `audit-terminal route`: the audit path from here over the cached road map.
struct RouteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Order the customers still to visit into a short path from where you are, over real roads.",
        discussion: """
            Uses the road map the tablet cached for the work order (fetched on sync, or carried by a \
            packet file). Customers already visited are left out; customers without a known site are \
            listed separately. The path is open: it ends at the last stop. It takes the least time: \
            travel at the profile's speeds (walking pace; by car the road class's usual speed, or 80% \
            of a tagged speed limit), private and destination-only lanes only to reach a customer on \
            them, turn restrictions obeyed.

            JSON output: {"order": [ids], "legs_m": [metres of each leg], "legs_s": [travel seconds of each leg], \
            "total_m": N, "travel_s": N, "service_s": N, "total_s": travel + service seconds, "plan_ms": N}.

            --days spreads the pending customers over working days of --shift hours, each day \
            starting at --from: today's tour is printed in full, then the days remaining. Run it again \
            each morning: it plans from what is still pending. Days run Monday to Friday from --day. A \
            customer with an appointment (YYYY-MM-DD HH:MM-HH:MM) is visited that day inside the window; \
            an appointment that cannot be kept is named with the reason. JSON output with --days: \
            {"days": [{"day": 1, "date": "YYYY-MM-DD", "start": "08:00", "finish": "HH:MM", "arrivals": \
            ["HH:MM", …], and the keys above}], "unplannable": [ids of customers that fit no day], \
            "missed": [{"id": …, "reason": …}], "plan_ms": N}.

            Example: audit-terminal route --from 49.9946,11.5717 --profile foot
            Example: audit-terminal route --from 49.9946,11.5717 --days --shift 07:30-16:00 --service residential=12
            """
    )

    @ParentCommand var root: AuditTerminalCommand
    var home: HomeOptions { root.home }

    @Option(help: ArgumentHelp("Where you are, as LAT,LON in decimal degrees.", valueName: "lat,lon")) var from: String
    @Option(name: .customLong("work-order"), help: "The work order (default: the first with customers still to visit).") var workOrder: String?
    @Option(help: "foot (all streets and paths, one-way rules ignored) or car (roads only, one-way rules obeyed); default: as the work order says.")
    var profile: TravelProfile?
    @Option(help: ArgumentHelp("Minutes spent at each customer, by category: residential=10,commercial=15,default=8, or one number for all. Unnamed categories keep 10 (residential), 15 (commercial, agricultural, public), 30 (industrial), 10 (unknown).", valueName: "minutes"))
    var service: String?
    @Flag(help: "Spread the pending customers over working days; show today's tour and the days remaining.") var days = false
    @Option(help: ArgumentHelp("Working hours of each day with --days.", valueName: "HH:MM-HH:MM")) var shift = "08:00-16:30"
    @Option(help: ArgumentHelp("The first day of the plan with --days (default: today).", valueName: "YYYY-MM-DD")) var day: String?
    @Flag(help: "Print JSON instead of a table.") var json = false
    @Option(help: ArgumentHelp("Also write the path's geometry here (with --days: today's), one lat,lon per line (for `gps walk`).", valueName: "file"))
    var geometry: String?

    func run() throws {
        let position: GeoPoint
        do { position = try GeoPoint(parsing: from, field: "--from") } catch { throw ValidationError("\(error)") }
        let times: ServiceTimes
        do { times = try service.map { try ServiceTimes(parsing: $0) } ?? .standard } catch { throw ValidationError("--service: \(error)") }
        let hours: TimeWindow
        do { hours = try TimeWindow(parsing: shift) } catch { throw ValidationError("--shift: \(error)") }
        guard let firstDay = day.map({ CalendarDay(parsing: $0) }) ?? .today else { throw ValidationError("--day: expected YYYY-MM-DD, as in 2026-12-03") }
        let store = try home.store()
        if days {
            let planned: (workOrder: String, plan: DayPlan, withoutSite: [String])
            do { planned = try AuditPath.planDays(store: store, workOrder: workOrder, from: position, profile: profile, service: times, shift: hours, firstDay: firstDay) } catch let failure as AuditPath.Failure {
                throw TerminalError(failure.description)
            }
            if let today = planned.plan.days.first { try writeGeometry(today.tour.route) }
            let summary = DayPlanSummary(plan: planned.plan)
            print(json ? summary.json : "work order \(planned.workOrder)\n" + summary.table)
            if !planned.withoutSite.isEmpty && !json { print("without a known site (not planned): " + planned.withoutSite.joined(separator: ", ")) }
            return
        }
        let path: AuditPath
        do { path = try AuditPath.plan(store: store, workOrder: workOrder, from: position, profile: profile, service: times) } catch let failure as AuditPath.Failure {
            throw TerminalError(failure.description)
        }
        try writeGeometry(path.tour.route)
        let summary = TourSummary(tour: path.tour)
        print(json ? summary.json : "work order \(path.workOrder)\n" + summary.table)
        if !path.withoutSite.isEmpty && !json {
            print("without a known site (not in the path): " + path.withoutSite.joined(separator: ", "))
        }
    }

    /// Writes `route`'s points to --geometry, when given.
    private func writeGeometry(_ route: Route) throws {
        guard let geometry else { return }
        let lines = route.points.map { String(format: "%.7f,%.7f", $0.latitude, $0.longitude) }
        do { try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: geometry), options: .atomic) } catch {
            throw TerminalError("cannot write \(geometry): \(error.localizedDescription)")
        }
    }
}
