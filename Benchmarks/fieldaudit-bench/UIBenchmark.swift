import ArgumentParser
import AuditTerminal
import Foundation
import Routing
import Shared
import TextUI

/// Frame build + diff + encode of the tablet's text UI at 200 × 60.
struct UIBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ui",
        abstract: "Text UI frames per second at 200×60 (goals: map frame < 8 ms, list scroll < 1 ms, one-line change < 200 bytes).",
        discussion: """
            Builds a synthetic day of 5,000 customers (seeded random points around Bayreuth, a mix of \
            statuses) in one work order, with a 200-stop audit path. Each measured frame is drawn \
            from the UI state into a fresh screen buffer, diffed against the previous frame and encoded \
            as terminal bytes, exactly as the event loop does. Map: the view pans one dot per frame, \
            so every frame differs. List: the selection moves one row per frame, scrolling the list. \
            One-line change: the status bar's clock ticks a second. Map with roads: the same pan \
            with every street of the northern Bayreuth foot graph drawn under the customers (the \
            whole extract, more than any work order's cached cut), when the extract is found.
            """
    )

    @Option(help: "Frames to measure for each case.")
    var frames = 300

    @Option(help: "Seed of the synthetic customers.")
    var seed: UInt64 = 42

    @Option(help: "Frames to measure for the map (default: --frames); 0 skips it, for profiling the list alone.")
    var mapFrames: Int?

    @Option(help: "Folder of the OSM extracts, for the map with roads (default: $FIELDAUDIT_SHARED_DATA/osm or ../shared/data/osm).")
    var osm: String = ProcessInfo.processInfo.environment["FIELDAUDIT_SHARED_DATA"].map { $0 + "/osm" } ?? "../shared/data/osm"

    func run() throws {
        let state = Self.state(customers: 5_000, pathStops: 200, seed: seed)
        let renderer = FrameRenderer(colorMode: .truecolor)
        let start = Date(timeIntervalSince1970: 1_795_000_000)

        var map = state
        map.screen = .map
        map.viewport = MapScreen.viewport(map, width: 200, height: 60)
        let mapFigures = Self.measure(frames: max(1, mapFrames ?? frames), renderer: renderer) { frame in
            map.viewport = map.viewport!.panned(dotsEast: 1, dotsSouth: 0)
            return (map, start.addingTimeInterval(Double(frame)))
        }

        let extract = (osm as NSString).appendingPathComponent("north-bayreuth.osm.pbf")
        var roadFigures: (milliseconds: Double, buildMilliseconds: Double, bytes: Double)?
        var roadCount = 0
        if FileManager.default.fileExists(atPath: extract), let graph = try MapLoader.load(path: extract).graph(for: .foot) {
            var roads = state
            roads.screen = .map
            roads.roads = RoadLines.of(graph)
            roadCount = roads.roads.count
            roads.viewport = MapScreen.viewport(roads, width: 200, height: 60)
            roadFigures = Self.measure(frames: max(1, mapFrames ?? frames), renderer: renderer) { frame in
                roads.viewport = roads.viewport!.panned(dotsEast: 1, dotsSouth: 0)
                return (roads, start.addingTimeInterval(Double(frame)))
            }
        }

        var list = state
        let listFigures = Self.measure(frames: frames, renderer: renderer) { frame in
            list.today.selection = frame
            return (list, start)
        }

        var today = state
        today.normalize(width: 200, height: 60)
        let before = Self.draw(today, now: start)
        let after = Self.draw(today, now: start.addingTimeInterval(1))
        let clockBytes = renderer.render(from: before, to: after).count
        today.today.selection += 1
        let moved = Self.draw(today, now: start)
        let selectionBytes = renderer.render(from: before, to: moved).count
        let fullBytes = renderer.render(from: nil, to: before).count

        print("text UI, 200×60, \(state.snapshot.entries.count) customers, \(state.mapScene.path.count)-stop path, \(frames) frames each")
        print(String(format: "  map frame (pan):          %7.3f ms/frame (build %.3f)  %7.0f bytes/frame   goal < 8 ms",
                     mapFigures.milliseconds, mapFigures.buildMilliseconds, mapFigures.bytes))
        if let roadFigures {
            print(String(format: "  map frame with %5d roads: %6.3f ms/frame (build %.3f)  %7.0f bytes/frame   goal < 8 ms",
                         roadCount, roadFigures.milliseconds, roadFigures.buildMilliseconds, roadFigures.bytes))
        } else {
            print("  map frame with roads:     skipped, no \(extract)")
        }
        print(String(format: "  list scroll (one row):    %7.3f ms/frame (build %.3f)  %7.0f bytes/frame   goal < 1 ms",
                     listFigures.milliseconds, listFigures.buildMilliseconds, listFigures.bytes))
        print("  one-line change (clock):  \(clockBytes) bytes   goal < 200")
        print("  selection moves one row:  \(selectionBytes) bytes (two lines redrawn)")
        print("  full first frame:         \(fullBytes) bytes")
    }

    /// Draws `state` as the app does before each frame.
    static func draw(_ state: AuditUIState, now: Date) -> ScreenBuffer {
        var state = state
        state.normalize(width: 200, height: 60)
        var screen = ScreenBuffer(width: 200, height: 60)
        AuditScreen.render(state, into: &screen, now: now)
        return screen
    }

    /// Average time and bytes per frame of build + diff + encode over `frames` frames, and the part
    /// of the time spent building.
    static func measure(frames: Int, renderer: FrameRenderer, next: (Int) -> (AuditUIState, Date))
        -> (milliseconds: Double, buildMilliseconds: Double, bytes: Double) {
        let (first, firstTime) = next(0)
        var previous = draw(first, now: firstTime)
        var bytes = 0
        var building = Duration.zero
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for frame in 1...frames {
                let (state, now) = next(frame)
                var screen = previous
                building += clock.measure { screen = draw(state, now: now) }
                bytes += renderer.render(from: previous, to: screen).count
                previous = screen
            }
        }
        func milliseconds(_ duration: Duration) -> Double {
            (Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18) * 1000 / Double(frames)
        }
        return (milliseconds(elapsed), milliseconds(building), Double(bytes) / Double(frames))
    }

    /// A day of `customers` synthetic customers around Bayreuth; the first `pathStops` pending
    /// ones form the path.
    static func state(customers: Int, pathStops: Int, seed: UInt64) -> AuditUIState {
        var rng = SplitMix64(seed: seed)
        let statuses: [StopStatus] = [.visited, .visited, .corrected, .conflict]
        var entries: [CustomerEntry] = []
        for index in 0..<customers {
            let status = index < pathStops ? .pending : statuses.randomElement(using: &rng)!
            let point = GeoPoint(latitude: 49.93 + Double.random(in: 0..<0.06, using: &rng),
                                 longitude: 11.54 + Double.random(in: 0..<0.08, using: &rng))
            let account = String(40_000_000 + index)
            entries.append(CustomerEntry(orderID: "wo-bench", id: "cus-\(account)", account: account,
                                         name: index % 3 == 0 ? "王小明 \(index)" : "Kunde \(index)",
                                         address: "Bahnhofstraße \(index % 200), Bayreuth", serials: ["M-\(index)"],
                                         location: point, status: status, symbol: status.symbol))
        }
        let stops = entries.map { WorkList.Stop(id: $0.id, account: $0.account, name: $0.name, address: $0.address, outcome: nil, conflict: false) }
        let order = WorkList(id: "wo-bench", area: "Bayreuth", due: "2026-11-24", status: "assigned", customers: stops)
        var state = AuditUIState(snapshot: AuditSnapshot(orders: [order], entries: entries, auditor: "anna", outbox: 3))
        state.timeZone = TimeZone(identifier: "UTC")!
        state.status = ConnectionStatus(link: .online, lastSync: Date(timeIntervalSince1970: 1_795_000_000), outbox: 3)
        return state
    }
}
