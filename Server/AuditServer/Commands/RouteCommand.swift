import ArgumentParser
import Foundation
import Routing
import Shared

extension TravelProfile: ExpressibleByArgument {}
extension RouteMetric: ExpressibleByArgument {}

/// `audit-server route`: plans an audit path for any list of stops on any map.
struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Order a list of stops into a short audit path from a starting point, over real roads.",
        discussion: """
            The stops are snapped to the nearest road, a table of shortest routes between all of them is \
            computed, and the order is found by a nearest-neighbour start improved by 2-opt and Or-opt \
            moves for at most --budget-ms. The path is open: it ends at the last stop. By default it \
            takes the least time (--metric time): walking pace on foot; by car the road class's usual \
            speed, or 80% of a tagged speed limit. Private and destination-only lanes are used only to \
            reach or leave a stop on them; turn restrictions are obeyed.

            --map takes an OSM extract (XML, .osm.gz or PBF; compiled on the fly) or a graph file \
            written by `audit-server map import` (DATA/map/graph.bin, much faster to load).

            The stops file is CSV with a header naming id, lat and lon (any order, other columns \
            ignored); each stop takes --service minutes. Bad rows are reported as FILE:LINE: problem on standard error and left out; the \
            exit status is then 2.

            JSON output: {"order": [ids], "legs_m": [metres of each leg], "legs_s": [travel seconds of each leg], \
            "total_m": N, "travel_s": N, "service_s": N, "total_s": travel + service seconds, "plan_ms": N}.

            Example: audit-server route --map maps/north-bayreuth.osm.pbf --from 49.9946,11.5717 --stops stops.csv --profile foot
            """
    )
    @Option(help: ArgumentHelp("An OSM extract or a compiled graph file.", valueName: "file")) var map: String
    @Option(help: ArgumentHelp("Where the auditor starts, as LAT,LON in decimal degrees.", valueName: "lat,lon")) var from: String
    @Option(help: ArgumentHelp("CSV file of stops with columns id,lat,lon.", valueName: "file.csv")) var stops: String
    @Option(help: "foot (all streets and paths, one-way rules ignored) or car (roads only, one-way rules obeyed).")
    var profile: TravelProfile = .foot
    @Option(name: .customLong("budget-ms"), help: "How long improving the order may take, in milliseconds.")
    var budgetMilliseconds: Int = 300
    @Option(help: "What the path minimises: time (seconds at the profile's speeds) or distance (metres).")
    var metric: RouteMetric = .time
    @Option(help: ArgumentHelp("Minutes spent at each stop.", valueName: "minutes")) var service: Double = 10
    @Flag(help: "Print JSON instead of a table.") var json = false

    func validate() throws {
        guard budgetMilliseconds >= 0 else { throw ValidationError("--budget-ms must not be negative") }
        guard service >= 0, service.isFinite else { throw ValidationError("--service must be minutes, 0 or more") }
    }

    func run() async throws {
        let start = try Self.point(from)
        let stopData: Data
        do { stopData = try Data(contentsOf: URL(fileURLWithPath: stops)) } catch {
            throw ExitCodeMessage("cannot read \(stops): \(error.localizedDescription)")
        }
        let list = StopList(csv: stopData, file: stops)
        for problem in list.problems { FileHandle.standardError.write(Data((problem + "\n").utf8)) }
        let loaded: RoutingMap
        do { loaded = try MapLoader.load(path: map) } catch { throw ExitCodeMessage("\(error)") }
        guard let graph = loaded.graph(for: profile) else { throw ExitCodeMessage("\(map) has no \(profile.rawValue) graph") }
        let planner = TourPlanner(router: Router(graph: graph, metric: metric))
        let stops = list.stops.map { TourStop(id: $0.id, point: $0.point, serviceTime: service * 60) }
        let tour: Tour
        do { tour = try planner.plan(from: start, stops: stops, budget: .milliseconds(budgetMilliseconds)) } catch {
            throw ExitCodeMessage("\(error)")
        }
        let summary = TourSummary(tour: tour)
        print(json ? summary.json : summary.table)
        if !list.problems.isEmpty { throw ExitCode(2) }
    }

    /// Parses "LAT,LON".
    static func point(_ text: String) throws -> GeoPoint {
        do { return try GeoPoint(parsing: text, field: "--from") } catch { throw ValidationError("\(error)") }
    }
}
