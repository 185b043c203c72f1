import AuditTerminal
import Foundation
import Positioning
import Routing
import Shared
import Testing
import TextUI

/// The map fed for real: roads of the cached map, the audit path planned off the main loop from
/// the tracker's position, the next-stop panel, and re-planning when the tablet leaves the path.
@Suite("Map navigation")
struct MapNavigationTests {
    static let start = GeoPoint(latitude: 49.9500, longitude: 11.5750)  // on Luitpoldplatz

    static func status(at point: GeoPoint) -> PositionStatus {
        .fresh(Fix(time: nil, latitude: point.latitude, longitude: point.longitude, quality: .gps, satellites: 9, hdop: 0.8, course: 0), age: 1)
    }

    /// An app on the map over the seeded home with the grid cached, started (so it loads the
    /// navigator in the background) and given a first fix; returns once the first path is in.
    static func navigated(_ home: SeededHome, width: Int = 80, height: Int = 24) async throws -> (AuditAppTests.Driver, AuditAppTests.Inbox) {
        try GridMap.install(in: home)
        let ui = try AuditAppTests.Driver(home)
        ui.screen = ScreenBuffer(width: width, height: height)
        let inbox = AuditAppTests.Inbox()
        ui.app.start(sink: EventSink { inbox.put($0) })
        _ = ui.app.handle(.message(.positionChanged(status(at: start))))
        try await settle(ui, inbox)
        ui.send([.key(.character("m"))])
        return (ui, inbox)
    }

    /// Hands background results to the app until a path arrives.
    static func settle(_ ui: AuditAppTests.Driver, _ inbox: AuditAppTests.Inbox) async throws {
        while true {
            let message = try await inbox.next()
            _ = ui.app.handle(.message(message))
            if case .pathPlanned = message { break }
            if case .planningFailed(let reason) = message { Issue.record("planning failed: \(reason)"); break }
        }
        ui.draw()
    }

    @Test("the map shows the cached roads, the path over them from the position, and the next-stop panel")
    func mapWithPath() async throws {
        let home = try SeededHome()
        let (ui, _) = try await Self.navigated(home)
        let plan = try #require(ui.app.state.navigation)
        #expect(Set(plan.tour.stops.map(\.id)) == ["cus-30000001", "cus-30000003"], "the pending customers with a site")
        #expect(plan.tour.start == Self.start)
        #expect(ui.app.state.roads.count == 24, "every street piece of the 4 × 4 grid once")
        let next = try #require(ui.app.state.nextStop)
        #expect(next.id == plan.tour.stops[0].id)
        #expect(ui.text.contains("▶ next: "))
        #expect(ui.text.contains("↪ in ") || ui.text.contains("↪ you have arrived"))
        var state = ui.app.state
        state.timeZone = TimeZone(identifier: "UTC")!
        var screen = ScreenBuffer(width: 80, height: 24)
        AuditScreen.render(state, into: &screen, now: Date(timeIntervalSince1970: 1_795_000_000))
        try ScreenFixture.expect(screen, matches: "map-route-80x24.txt")
    }

    @Test("a position 60 m off the path makes the app plan again, starting there; a position on the path keeps the plan")
    func replanOffPath() async throws {
        let home = try SeededHome()
        let (ui, inbox) = try await Self.navigated(home)
        let first = try #require(ui.app.state.navigation)
        let onPath = first.points[first.points.count / 2]
        _ = ui.app.handle(.message(.positionChanged(Self.status(at: onPath))))
        try await Self.settle(ui, inbox)
        #expect(ui.app.state.navigation?.tour == first.tour, "on the path nothing is re-planned")

        // 60 m east of the start, inside a block.
        let off = GeoPoint(latitude: Self.start.latitude, longitude: Self.start.longitude + 60 / (111_320 * cos(Self.start.latitude * .pi / 180)))
        #expect(abs(off.distance(to: Self.start) - 60) < 1)
        try #require(OffPathRule().isOff(off, route: first.tour.route), "the test point really is off the path")
        _ = ui.app.handle(.message(.positionChanged(Self.status(at: off))))
        try await Self.settle(ui, inbox)
        let again = try #require(ui.app.state.navigation)
        #expect(again.tour.start == off, "the new path starts where the tablet is")
        #expect(Set(again.tour.stops.map(\.id)) == Set(first.tour.stops.map(\.id)))
        #expect(ui.text.contains("▶ next: "))
    }

    @Test("recording a visit at the next stop re-plans without it")
    func replanAfterVisit() async throws {
        let home = try SeededHome()
        let (ui, inbox) = try await Self.navigated(home, width: 100, height: 30)
        let first = try #require(ui.app.state.navigation)
        let visited = first.tour.stops[0].id
        let account = String(visited.dropFirst("cus-".count))
        ui.send([.key(.character("t")), .key(.character("/"))])
        ui.type(account)
        ui.send([.key(.enter), .key(.enter), .key(.character("v")), .key(.enter)])
        #expect(ui.text.contains("visit recorded"))
        try await Self.settle(ui, inbox)
        let again = try #require(ui.app.state.navigation)
        #expect(again.tour.stops.map(\.id) == first.tour.stops.dropFirst().map(\.id))
    }
}
