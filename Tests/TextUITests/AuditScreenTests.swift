import AuditTerminal
import Foundation
import Shared
import Testing
import TextUI

/// The tablet's screens drawn from a seeded home directory into fixed-size screens and compared
/// with text fixtures (Chinese names included: every wide character must take two cells and
/// nothing may spill past a column or the edge).
@Suite("Audit terminal screens")
struct AuditScreenTests {
    static let now = Date(timeIntervalSince1970: 1_795_003_725)  // 2026-11-18 … fixed clock for the status bar

    static func state(_ home: SeededHome) throws -> AuditUIState {
        var state = AuditUIState(snapshot: try AuditSnapshot.load(from: home.store))
        state.timeZone = TimeZone(identifier: "UTC")!
        state.status = ConnectionStatus(link: .offline(reason: "could not connect to 127.0.0.1:9"),
                                        lastSync: Date(timeIntervalSince1970: 1_795_000_000), outbox: state.snapshot.outbox)
        return state
    }

    static func draw(_ state: AuditUIState, width: Int = 80, height: Int = 24) -> ScreenBuffer {
        var state = state
        state.normalize(width: width, height: height)
        var screen = ScreenBuffer(width: width, height: height)
        AuditScreen.render(state, into: &screen, now: now)
        return screen
    }

    static func openRecord(_ id: String, in state: inout AuditUIState, home: SeededHome) throws {
        let record = try #require(try home.store.find(id))
        let devices = try home.store.records(.device).filter { $0.text("customer") == id }
        state.record = RecordScreenState(state: record, devices: devices)
        state.screen = .record
    }

    @Test("Today: counts per status, the work order and its customers with symbols, wide names aligned")
    func today() throws {
        let home = try SeededHome()
        try ScreenFixture.expect(Self.draw(try Self.state(home)), matches: "today-80x24.txt")
    }

    @Test("Today on a wide screen shows meter serials in their own column")
    func todayWide() throws {
        let home = try SeededHome()
        try ScreenFixture.expect(Self.draw(try Self.state(home), width: 120, height: 16), matches: "today-120x16.txt")
    }

    @Test("Today: incremental search by name, account, meter serial and address; filter by status")
    func searchAndFilter() throws {
        let home = try SeededHome()
        var state = try Self.state(home)
        func names() -> [String] { state.today.visible(state.snapshot.entries).map(\.name) }
        for (query, expected) in [("王", ["王小明"]), ("30000004", ["李娜 & Söhne GmbH"]), ("m-0003", ["陈建国"]),
                                  ("bahnhof", ["Anna Müller"]), ("straße", ["Anna Müller", "陈建国", "李娜 & Söhne GmbH", "Jürgen Groß"])] {
            state.today.search = LineEditor(query)
            #expect(names() == expected, "search \(query)")
        }
        state.today.search = LineEditor("")
        state.today.filter = .conflict
        #expect(names() == ["陈建国"])
        state.today.filter = .visited
        #expect(names() == ["Anna Müller"])
        state.today.filter = .pending
        state.today.search = LineEditor("王")
        state.today.searching = true
        try ScreenFixture.expect(Self.draw(state), matches: "today-search-80x24.txt")
    }

    @Test("Record: every field, the conflict side by side with who wrote each value, the devices")
    func recordWithConflict() throws {
        let home = try SeededHome()
        var state = try Self.state(home)
        try Self.openRecord("cus-30000003", in: &state, home: home)
        let screen = Self.draw(state, width: 100, height: 30)
        try ScreenFixture.expect(screen, matches: "record-conflict-100x30.txt")
        let tariffRow = try #require((0..<screen.height).first { screen.text(row: $0).contains("tariff") })
        #expect(screen[0, tariffRow].character == "!")
        #expect(screen.text(row: tariffRow).contains("\"T2\" by server  │  \"T3\" by t-tab-ben"))
    }

    @Test("Record: the edit line shows the rule's refusal under the field and keeps the text typed")
    func recordEditing() throws {
        let home = try SeededHome()
        var state = try Self.state(home)
        try Self.openRecord("cus-30000001", in: &state, home: home)
        state.record!.selection = 3
        state.record!.editing = FieldEdit(field: "phone", text: "0921 55x")
        state.record!.drafts["email"] = "wang@"
        try ScreenFixture.expect(Self.draw(state), matches: "record-editing-80x24.txt")
    }

    @Test("Record: the visit form lists every outcome and the note")
    func visitForm() throws {
        let home = try SeededHome()
        var state = try Self.state(home)
        try Self.openRecord("cus-30000002", in: &state, home: home)
        var form = VisitForm()
        form.move(1)
        _ = form.note.handle(.paste("门锁着 gate locked"))
        state.record!.visit = form
        try ScreenFixture.expect(Self.draw(state), matches: "record-visit-80x24.txt")
    }

    @Test("Map: customers as status markers, the path from the tablet in braille, position and heading, the attribution")
    func map() throws {
        let home = try SeededHome()
        var state = try Self.state(home)
        state.screen = .map
        state.position = GeoPoint(latitude: 49.9535, longitude: 11.5665)
        state.heading = 135
        let screen = Self.draw(state)
        try ScreenFixture.expect(screen, matches: "map-80x24.txt")
        let text = ScreenFixture.text(of: screen)
        #expect(text.contains(MapScreen.attribution))
        let mapRows = (2..<(screen.height - 1)).map { screen.text(row: $0) }.joined()
        #expect(mapRows.unicodeScalars.contains { (0x2801...0x28FF).contains($0.value) }, "the path is drawn in braille")
        #expect(mapRows.contains("↘"), "the tablet, heading south-east")
    }

    @Test("Map: with no located customer and no roads, an explanation instead of an empty map")
    func mapEmpty() throws {
        let home = try SeededHome(withLocations: false)
        var state = try Self.state(home)
        state.screen = .map
        try ScreenFixture.expect(Self.draw(state), matches: "map-empty-80x24.txt")
    }

    @Test("Help lists every key binding of the table the screens use")
    func help() throws {
        let home = try SeededHome()
        var state = try Self.state(home)
        state.screen = .help
        try ScreenFixture.expect(Self.draw(state, width: 160, height: 30), matches: "help-160x30.txt")
        // On a small screen it takes pages; together they list every binding.
        var text = ""
        let capacity = HelpScreen.capacity(width: 80, rows: AuditScreen.contentRows(height: 24).count)
        #expect(capacity.maxScroll > 0)
        for scroll in stride(from: 0, through: capacity.maxScroll + capacity.lines - 1, by: capacity.lines) {
            state.helpScroll = scroll
            text += ScreenFixture.text(of: Self.draw(state))
        }
        for binding in KeyMap.bindings {
            let summary = binding.summary(in: .english)
            #expect(text.contains(summary.prefix(30)), "help lists \(binding.label): \(summary)")
        }
    }

    @Test("Statuses differ by symbol, not only by colour")
    func statusSymbols() {
        let symbols = StopStatus.allCases.map(\.symbol)
        #expect(Set(symbols).count == symbols.count)
        let styles = StopStatus.allCases.map(\.style)
        #expect(Set(styles).count == styles.count)
    }
}
