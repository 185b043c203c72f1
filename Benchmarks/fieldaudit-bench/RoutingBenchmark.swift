import ArgumentParser
import Foundation
import Routing
import Shared

/// Map import, point-to-point queries and audit tours on the real OSM extracts, optionally measured
/// against OR-Tools on the same cost table.
struct RoutingBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routing",
        abstract: "Routing speeds and tour quality on the real extracts (goals: 200 stops < 500 ms, ≤ 1.03 × OR-Tools, point-to-point < 5 ms, 200-stop day plan < 500 ms, 1,000-stop week plan < 3 s).",
        discussion: """
            For Monaco (XML) and northern Bayreuth (PBF) in ../shared/data/osm: reads and builds the \
            graphs, writes and loads the graph file, times --queries random point-to-point routes \
            (mean, p50, p99), then plans tours of each --sizes stops placed on addressed buildings \
            (random road positions where the extract has too few addresses) from a random start with \
            the product's TourPlanner (minimising time) and its default budget: planning time \
            (snapping, cost table, ordering, leg routes), length and travel time. Then day plans \
            (DayPlanner, --service-minutes per stop, 08:00–16:30): --day-stops stops (a day's work) \
            and --week-stops stops (a week's), with the planning time and the number of days.

            When the python3 on PATH or /usr/bin/python3 can import ortools, the same cost table \
            (tenths of seconds, rounded) is also solved by Benchmarks/ortools_tour.py with guided \
            local search for --ortools-seconds, and our travel time is printed as a ratio of \
            OR-Tools'. Install with `pip install ortools`.
            """
    )

    @Option(help: "Folder of the OSM extracts (default: $FIELDAUDIT_SHARED_DATA/osm or ../shared/data/osm).")
    var osm: String = ProcessInfo.processInfo.environment["FIELDAUDIT_SHARED_DATA"].map { $0 + "/osm" } ?? "../shared/data/osm"
    @Option(help: "Travel profile: foot or car.") var profile: String = "foot"
    @Option(parsing: .upToNextOption, help: "Tour sizes (stops).") var sizes: [Int] = [50, 200, 500]
    @Option(help: "Point-to-point queries per extract.") var queries = 1000
    @Option(name: .customLong("budget-ms"), help: "Improvement budget of the tour planner.") var budgetMilliseconds = 300
    @Option(name: .customLong("ortools-seconds"), help: "OR-Tools time limit per tour; 0 skips OR-Tools.") var ortoolsSeconds = 30
    @Option(name: .customLong("day-stops"), help: "Stops of the day plan.") var dayStops = 200
    @Option(name: .customLong("week-stops"), help: "Stops of the week plan.") var weekStops = 1000
    @Option(name: .customLong("service-minutes"), help: "Minutes at each stop in the day plans.") var serviceMinutes = 1.0
    @Option(name: .customLong("day-budget-ms"), help: "Ordering budget of the day plan.") var dayBudgetMilliseconds = 300
    @Option(name: .customLong("week-budget-ms"), help: "Ordering budget of the week plan.") var weekBudgetMilliseconds = 1500

    func run() throws {
        guard let travel = TravelProfile(rawValue: profile) else { throw ValidationError("--profile must be foot or car") }
        let ortools = ortoolsSeconds > 0 && ORToolsReference.isAvailable
        if !ortools { print("OR-Tools: not used (\(ortoolsSeconds == 0 ? "--ortools-seconds 0" : "python3 cannot import ortools"))") }
        for file in ["monaco.osm", "north-bayreuth.osm.pbf"] {
            try measure(path: (osm as NSString).appendingPathComponent(file), profile: travel, ortools: ortools)
        }
    }

    private func measure(path: String, profile: TravelProfile, ortools: Bool) throws {
        print("\n== \((path as NSString).lastPathComponent), profile \(profile.rawValue)")
        let (extract, readTime) = try Timing.measure { try OSMReader.read(path: path) }
        let ((map, _), buildTime) = Timing.measure { RoutingMap.build(from: extract) }
        let bytes = GraphFile.encode(map)
        let (_, loadTime) = try Timing.measure { try GraphFile.decode(bytes, file: "graph.bin") }
        let graph = map.graph(for: profile)!
        print("read \(Timing.ms(readTime)) ms, build both graphs \(Timing.ms(buildTime)) ms, graph file \(bytes.count / 1024) KiB loads in \(Timing.ms(loadTime)) ms")
        print("\(profile.rawValue) graph: \(graph.nodeCount) nodes, \(graph.edgeCount) edges")

        let router = Router(graph: graph, metric: .time)
        var random = SplitMix64(seed: 42)
        var times: [Duration] = []
        for _ in 0..<queries {
            let a = graph.point(Int.random(in: 0..<graph.nodeCount, using: &random))
            let b = graph.point(Int.random(in: 0..<graph.nodeCount, using: &random))
            times.append(try Timing.measure { try router.route(from: a, to: b) }.1)
        }
        times.sort()
        let mean = times.reduce(Duration.zero, +) / queries
        print("point-to-point (\(queries) random pairs, A*): mean \(Timing.ms(mean)) ms, p50 \(Timing.ms(times[queries / 2])) ms, p99 \(Timing.ms(times[queries * 99 / 100])) ms")

        let sites = Self.customerSites(extract: extract, graph: graph, count: max(sizes.max() ?? 0, dayStops, weekStops), random: &random)
        print("customer sites: \(sites.fromAddresses ? "addressed buildings" : "random road positions (too few addresses)")")
        print(" stops | plan ms | table ms |   length m |   time s | OR-Tools s | ratio")
        for size in sizes {
            let stops = sites.points.prefix(size).enumerated().map { TourStop(id: "c\($0)", point: $1) }
            let start = graph.point(Int.random(in: 0..<graph.nodeCount, using: &random))
            let planner = TourPlanner(router: router)
            let tour = try planner.plan(from: start, stops: Array(stops), budget: .milliseconds(budgetMilliseconds))
            let snapped = ([start] + stops.map(\.point)).map { router.snap($0)! }
            let (table, tableTime) = Timing.measure { router.table(snapped) }
            var line = String(format: "%6d | %7@ | %8@ | %10.0f | %8.0f", size, Timing.ms(tour.planningTime) as NSString,
                              Timing.ms(tableTime) as NSString, tour.length, tour.time)
            if ortools {
                let tenths = table.map { $0.map { Int(($0 * 10).rounded()) } }
                let index = Dictionary(uniqueKeysWithValues: stops.enumerated().map { ($1.id, $0 + 1) })
                let ours = ([0] + tour.stops.map { index[$0.id]! })
                let ourCost = zip(ours, ours.dropFirst()).reduce(0) { $0 + tenths[$1.0][$1.1] }
                if let reference = try ORToolsReference.solve(tenths, seconds: ortoolsSeconds) {
                    line += String(format: " | %10.0f | %.3f", Double(reference) / 10, Double(ourCost) / Double(reference))
                } else {
                    line += " |     failed |"
                }
            }
            print(line)
        }
        for (count, budget) in [(dayStops, dayBudgetMilliseconds), (weekStops, weekBudgetMilliseconds)] where count > 0 {
            let stops = sites.points.prefix(count).enumerated().map { TourStop(id: "c\($0)", point: $1, serviceTime: serviceMinutes * 60) }
            let start = graph.point(Int.random(in: 0..<graph.nodeCount, using: &random))
            let plan = try DayPlanner(router: router).plan(from: start, stops: Array(stops), firstDay: CalendarDay(year: 2026, month: 12, day: 7), budget: .milliseconds(budget))
            let finishes = plan.days.map { TimeWindow.clock($0.finish) }.joined(separator: ", ")
            print("day plan: \(stops.count) stops at \(serviceMinutes) min each, 08:00–16:30: \(plan.days.count) day(s) ending \(finishes), "
                  + "\(plan.unplannable.count) unplannable; planned in \(Timing.ms(plan.planningTime)) ms (ordering budget \(budget) ms)")
        }
    }

    /// Where customers live: addressed buildings when there are enough, else random road positions.
    static func customerSites(extract: OSMExtract, graph: RoadGraph, count: Int, random: inout SplitMix64) -> (points: [GeoPoint], fromAddresses: Bool) {
        var seen = Set<GeoPoint>()
        let addresses = extract.addresses().map(\.point).filter { seen.insert($0).inserted }
        if addresses.count >= count { return (addresses.shuffled(using: &random), true) }
        return ((0..<count).map { _ in
            let node = graph.point(Int.random(in: 0..<graph.nodeCount, using: &random))
            return GeoPoint(latitude: node.latitude + .random(in: -0.0002...0.0002, using: &random),
                            longitude: node.longitude + .random(in: -0.0002...0.0002, using: &random))
        }, false)
    }
}

/// Timing helpers for the benchmark.
enum Timing {
    static func measure<T>(_ body: () throws -> T) rethrows -> (T, Duration) {
        let clock = ContinuousClock(), start = clock.now
        let value = try body()
        return (value, clock.now - start)
    }

    static func ms(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return String(format: "%.2f", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
    }
}
