import AuditTerminal
import Foundation
import Positioning
import Shared
import Testing
import TextUI
import Transport

/// The UI application driven with key and tap events over a seeded home, as the event loop drives
/// it, and drawn into an in-memory screen: what the auditor sees after each step, and what the
/// store holds.
@Suite("Audit terminal app")
struct AuditAppTests {
    final class Driver {
        let app: AuditTerminalApp
        var screen = ScreenBuffer(width: 100, height: 30)

        init(_ home: SeededHome, engine: SyncEngine? = nil) throws {
            app = try AuditTerminalApp(store: home.store, engine: engine, syncInterval: nil)
            draw()
        }

        /// The row showing `text`.
        func row(containing text: String) -> Int? {
            (0..<screen.height).first { screen.text(row: $0).contains(text) }
        }

        func tap(x: Int, y: Int) {
            send([.mouse(MouseEvent(.press(.left), x: x, y: y)), .mouse(MouseEvent(.release(.left), x: x, y: y))])
        }

        func draw() {
            var frame = ScreenBuffer(width: screen.width, height: screen.height)
            app.render(into: &frame)
            screen = frame
        }

        @discardableResult
        func send(_ events: [InputEvent]) -> LoopDecision {
            var decision = LoopDecision.continue
            for event in events {
                decision = app.handle(.input(event))
                draw()
            }
            return decision
        }

        func type(_ text: String) { send(text.map { .key(.character($0)) }) }

        var text: String { ScreenFixture.text(of: screen) }
        var statusBar: String { screen.text(row: screen.height - 1) }
    }

    @Test("search, open, edit with a refused value (kept as typed), fix, save: the new value and the outbox count show")
    func editFlow() throws {
        let home = try SeededHome()
        let ui = try Driver(home)
        #expect(ui.statusBar.contains("outbox 0"))
        ui.send([.key(.character("/"))])
        ui.type("M-0002")
        #expect(ui.text.contains("Anna Müller") && !ui.text.contains("王小明"))
        ui.send([.key(.enter), .key(.enter)])
        #expect(ui.screen.text(row: 1).contains("customer cus-30000002"))
        ui.send([.key(.down), .key(.down), .key(.down), .key(.enter)])  // account, name, address, phone
        ui.send([.key(.character("u"), .control)])
        ui.type("+49 921 x")
        #expect(ui.text.contains("✗ phone: must be 5 to 15 digits"))
        ui.send([.key(.enter)])
        #expect(ui.text.contains("not saved: phone"))
        #expect(ui.text.contains("+49 921 x"), "the refused text stays as typed")
        ui.send([.key(.backspace)])
        ui.type("5550199")
        #expect(ui.text.contains("✓ fits the rule"))
        ui.send([.key(.enter)])
        #expect(ui.text.contains("saved phone = +49 921 5550199; 1 edit(s) waiting to be sent"))
        #expect(ui.statusBar.contains("outbox 1"))
        #expect(try home.store.outboxCount() == 1)
        #expect(try home.store.find("cus-30000002")?.value(of: "phone") == .text("+49 921 5550199"))
    }

    @Test("Esc while editing keeps the text as a draft; editing again starts from it")
    func draftKept() throws {
        let home = try SeededHome()
        let ui = try Driver(home)
        ui.send([.key(.enter)])  // first customer
        ui.send([.key(.down), .key(.enter)])  // name
        ui.type(" 先生")
        ui.send([.key(.escape)])
        #expect(ui.text.contains("✎ draft: 王小明 先生"))
        ui.send([.key(.enter)])
        ui.send([.key(.enter)])
        #expect(try home.store.find("cus-30000001")?.value(of: "name") == .text("王小明 先生"))
        #expect(!ui.text.contains("draft"))
    }

    @Test("a visit with an outcome and a note is recorded through the store and the customer's status changes")
    func visit() throws {
        let home = try SeededHome()
        let ui = try Driver(home)
        #expect(ui.text.contains("○ pending 2") && ui.text.contains("✎ corrected 1"))
        ui.send([.key(.enter), .key(.character("v")), .key(.down)])  // 王小明, visit form, "corrected"
        ui.type("seal replaced")
        ui.send([.key(.enter)])
        #expect(ui.text.contains("visit recorded: corrected"))
        let visits = try home.store.records(.auditVisit).map(AuditVisit.init).filter { $0.customer.rawValue == "cus-30000001" }
        #expect(visits.map(\.outcome) == [.corrected])
        #expect(visits.first?.notes == "seal replaced")
        ui.send([.key(.escape)])
        #expect(ui.text.contains("○ pending 1") && ui.text.contains("✎ corrected 2"))
    }

    @Test("tapping a marker on the map opens that customer's record")
    func tapMarker() throws {
        let home = try SeededHome()
        let ui = try Driver(home)
        ui.send([.key(.character("m"))])
        // The only conflict marker is 陈建国's.
        let cell = try #require((2..<(ui.screen.height - 1)).lazy.compactMap { y in
            (0..<ui.screen.width).first { ui.screen[$0, y].character == "!" }.map { ($0, y) }
        }.first)
        ui.send([.mouse(MouseEvent(.press(.left), x: cell.0, y: cell.1)), .mouse(MouseEvent(.release(.left), x: cell.0, y: cell.1))])
        #expect(ui.screen.text(row: 1).contains("cus-30000003"))
        #expect(ui.screen.text(row: 1).contains("陈建国"))
    }

    @Test("with a finger: tap a customer to open it, tap a field to select it and again to edit it, tap the tabs")
    func touch() throws {
        let home = try SeededHome()
        let ui = try Driver(home)
        ui.tap(x: 20, y: try #require(ui.row(containing: "Anna Müller")))
        #expect(ui.screen.text(row: 1).contains("cus-30000002"))
        let phone = try #require(ui.row(containing: "phone"))
        ui.tap(x: 5, y: phone)
        #expect(ui.screen.text(row: phone).contains("▶"))
        ui.tap(x: 5, y: phone)
        #expect(ui.text.contains("✓ fits the rule"), "the second tap edits the field")
        ui.send([.key(.escape)])
        let mapTab = try #require(AuditScreen.tabs(ui.app.state).first { $0.screen == .map })
        ui.tap(x: mapTab.columns.lowerBound + 1, y: 0)
        #expect(ui.text.contains(MapScreen.attribution))
    }

    @Test("quitting with text typed and not saved warns first; a second quit leaves")
    func quitGuard() throws {
        let home = try SeededHome()
        let ui = try Driver(home)
        ui.send([.key(.enter), .key(.down), .key(.enter)])
        ui.type("x")
        #expect(ui.send([.key(.character("c"), .control)]) == .continue)
        #expect(ui.text.contains("unsaved: name"))
        #expect(ui.send([.key(.character("c"), .control)]) == .quit)
    }

    @Test("a sync runs in the background: keys are answered meanwhile, and a failure shows why in the status bar")
    func failedSync() async throws {
        let home = try SeededHome()
        let client = SyncClient(server: URL(string: "http://127.0.0.1:9")!, token: "token",
                                http: HTTPClient(configuration: .init(connectTimeout: .seconds(5), timeout: .seconds(5), retryPolicy: .none)))
        let ui = try Driver(home, engine: SyncEngine(store: home.store, client: client))
        let inbox = Inbox()
        ui.app.start(sink: EventSink { inbox.put($0) })
        ui.draw()
        #expect(ui.statusBar.contains("⟳ syncing"))
        ui.send([.key(.down)])
        #expect(ui.screen.text(row: 5).hasPrefix("▶"), "the list moved while the sync runs")
        let message = try await inbox.next()
        _ = ui.app.handle(.message(message))
        ui.draw()
        #expect(ui.statusBar.contains("○ offline:"))
        #expect(!ui.statusBar.contains("syncing"))
        #expect(try home.store.recall("last_error")?.isEmpty == false)
    }

    @Test("a road map that arrives with a sync while the UI is open is picked up: its roads appear on the map")
    func mapArrivesWhileOpen() async throws {
        let home = try SeededHome()
        let ui = try Driver(home)
        let inbox = Inbox()
        ui.app.start(sink: EventSink { inbox.put($0) })
        ui.send([.key(.character("m"))])
        #expect(!ui.app.state.roads.contains { !$0.isEmpty }, "no map cached yet")

        // The sync brings the work order's map; the app tries again once the sync has succeeded.
        try GridMap.install(in: home)
        _ = ui.app.handle(.message(.syncFinished(.success(SyncEngine.Report()))))
        var ready = false
        while !ready {
            let message = try await inbox.next()
            if case .navigatorReady = message { ready = true }
            _ = ui.app.handle(.message(message))
        }
        ui.draw()
        #expect(ui.app.state.roads.count > 4, "the grid's streets are the map's roads now")
        let mapCells = (2..<(ui.screen.height - 1)).flatMap { y in (0..<ui.screen.width).map { ui.screen[$0, y] } }
        #expect(mapCells.contains { $0.character.map { (0x2801...0x28FF).contains($0.unicodeScalars.first!.value) } == true
                                    && $0.style.foreground == .palette(245) }, "the roads drawn in braille in the road style")
    }

    /// Collects what background work posts.
    final class Inbox: @unchecked Sendable {
        private let lock = NSLock()
        private var messages: [AuditTerminalApp.Message] = []

        func put(_ message: AuditTerminalApp.Message) { lock.withLock { messages.append(message) } }

        /// The next position message, skipping other background results.
        func nextPosition() async throws -> AuditTerminalApp.Message? {
            while true {
                let message = try await next()
                if case .positionChanged = message { return message }
            }
        }

        func next() async throws -> AuditTerminalApp.Message {
            for _ in 0..<300 {
                if let message = lock.withLock({ messages.isEmpty ? nil : messages.removeFirst() }) { return message }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw CancellationError()
        }
    }

    static func fix(course: Double? = 270) -> Fix {
        Fix(time: nil, latitude: 49.9500, longitude: 11.5740, quality: .gps, satellites: 8, hdop: 0.9, course: course)
    }

    @Test("the tracker's fix shows on the map with its heading and in the status bar with satellites, HDOP and age; a stale one says stale")
    func positionAndRoads() throws {
        let home = try SeededHome()
        let ui = try Driver(home)
        ui.send([.key(.character("m"))])
        #expect(ui.statusBar.contains("no GPS"))
        _ = ui.app.handle(.message(.positionChanged(.fresh(Self.fix(), age: 2.4))))
        let road = [GeoPoint(latitude: 49.9460, longitude: 11.5760), GeoPoint(latitude: 49.9530, longitude: 11.5760)]
        _ = ui.app.handle(.message(.roadsLoaded([road])))
        ui.draw()
        #expect(ui.statusBar.contains("◉ gps 8 sat HDOP 0.9 2s"))
        #expect(ui.text.contains("←"), "the tablet heading west")
        let mapCells = (2..<(ui.screen.height - 1)).flatMap { y in (0..<ui.screen.width).map { ui.screen[$0, y] } }
        #expect(mapCells.contains { $0.character.map { (0x2801...0x28FF).contains($0.unicodeScalars.first!.value) } == true
                                    && $0.style.foreground == .palette(245) }, "the road drawn in braille in the road style")
        _ = ui.app.handle(.message(.positionChanged(.stale(Self.fix(), age: 42))))
        ui.draw()
        #expect(ui.statusBar.contains("⚠ stale gps 42s"))
        _ = ui.app.handle(.message(.positionChanged(.noFix)))
        ui.draw()
        #expect(ui.statusBar.contains("◌ GPS searching") && !ui.text.contains("←"))
    }

    @Test("--gps with a real receiver log: the app follows it in the background and the fix reaches the status bar and the map")
    func followsRealLog() async throws {
        var shared = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { shared.deleteLastPathComponent() }
        let root = ProcessInfo.processInfo.environment["FIELDAUDIT_SHARED_DATA"] ?? shared.appendingPathComponent("shared/data").path
        let spec = try PositionSourceSpec(parsing: "nmea:\(root)/gps/triton400.log")
        let home = try SeededHome()
        let app = try AuditTerminalApp(store: home.store, engine: nil, syncInterval: nil,
                                       positionSource: spec.makeSource(defaultSpeed: nil), screen: .map)
        var screen = ScreenBuffer(width: 100, height: 30)
        app.render(into: &screen)
        #expect(screen.text(row: 29).contains("◌ GPS searching"), "a source but no fix yet")
        let inbox = Inbox()
        app.start(sink: EventSink { inbox.put($0) })
        var status: PositionStatus = .noFix
        while status.fix == nil, case .positionChanged(let next)? = try await inbox.nextPosition() {
            status = next
            _ = app.handle(.message(.positionChanged(next)))
        }
        let fix = try #require(status.fix)
        #expect(app.state.position == fix.point)
        app.render(into: &screen)
        #expect(screen.text(row: 29).contains("◉ gps") || screen.text(row: 29).contains("◉ dgps"), "\(screen.text(row: 29))")
    }

    @Test("a visit recorded in the UI keeps the tracker's fix: position, accuracy, age and distance to the site")
    func visitKeepsFix() throws {
        let home = try SeededHome()
        let ui = try Driver(home)
        _ = ui.app.handle(.message(.positionChanged(.fresh(Self.fix(), age: 3))))
        ui.send([.key(.enter), .key(.character("v")), .key(.enter)])
        #expect(ui.text.contains("visit recorded"))
        let visit = try #require(try home.store.records(.auditVisit).map(AuditVisit.init).first { $0.customer.rawValue == "cus-30000001" })
        #expect(visit.fix == GeoPoint(latitude: 49.9500, longitude: 11.5740))
        #expect(visit.fixAccuracyMeters == 4.5, "HDOP 0.9 × 5 m")
        #expect((visit.fixAgeSeconds ?? 0) >= 3)
        #expect(visit.distanceMeters != nil)
    }

    @Test("zoom and pan change the map; c fits every customer again")
    func zoomAndPan() throws {
        let home = try SeededHome()
        let ui = try Driver(home)
        ui.send([.key(.character("m"))])
        let fitted = ui.text
        ui.send([.key(.character("+"))])
        #expect(ui.text != fitted)
        ui.send([.key(.left), .mouse(MouseEvent(.wheelDown, x: 10, y: 10))])
        ui.send([.key(.character("c"))])
        #expect(ui.text == fitted)
    }

    @Test("? shows help from any screen, PgDn pages, other keys return; q quits")
    func helpAndQuit() throws {
        let home = try SeededHome()
        let ui = try Driver(home)
        ui.send([.key(.character("?"))])
        #expect(ui.text.contains("Everywhere") && ui.text.contains("↓ more: PgDn"))
        ui.send([.key(.pageDown)])
        #expect(ui.text.contains("Editing a field"), "PgDn pages on in help")
        ui.send([.key(.character("x"))])
        #expect(ui.text.contains("○ pending"))
        #expect(ui.send([.key(.character("q"))]) == .quit)
    }
}
