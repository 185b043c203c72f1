import Foundation
import TestSupport
import Testing

/// The console in a real browser: Debian's chromium, driven through chromium-driver by
/// `Tests/Browser/*.py` under Debian's `/usr/bin/python3` (where `python3-selenium` lives).
@Suite("office console in chromium")
struct ConsoleBrowserTests {
    /// Runs one browser script against `fixture`; fails with the script's own words.
    static func runBrowser(_ script: String, _ arguments: [String]) throws -> CommandResult {
        for part in ["/usr/bin/chromium", "/usr/bin/chromedriver", "/usr/bin/python3"] where !FileManager.default.isExecutableFile(atPath: part) {
            throw FixtureError("\(part) missing: run scripts/ensure-deps (chromium, chromium-driver, python3-selenium)")
        }
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Browser/\(script)").standardized.path
        let result = try run("/usr/bin/python3", [path] + arguments)
        // What the script said, beside its screenshots, for a person reading a failure.
        try? FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        try? (result.stdout + result.stderr).write(toFile: (screenshots as NSString).appendingPathComponent(script + ".log"), atomically: true, encoding: .utf8)
        return result
    }

    @Test("a dispatcher logs in with Chinese texts, sees a wrong password refused, switches to English, keeps the session over a reload, logs out")
    func loginInChromium() throws {
        let fixture = try ServerFixture()
        try fixture.addOfficeUser("wang.li", role: "dispatcher")
        let browser = try Self.runBrowser("console_login.py", [fixture.server.baseURL, "wang.li", OfficeAccountTests.password])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: after logout a reload asks for the login again"), "\(browser.stdout)")
    }

    @Test("a dispatcher without a mouse on a 1280x720 laptop: logs in by keyboard, every control is named, Tab reaches the customer list and Enter opens a record; Chinese names in a CJK font")
    func keyboardAndAccessibility() throws {
        let fixture = try ServerFixture()
        try fixture.placeCustomersOnStreets(roads: false)
        try fixture.addOfficeUser("wang.li", role: "dispatcher")
        let browser = try Self.runBrowser("console_access.py", [fixture.server.baseURL, "wang.li", OfficeAccountTests.password, Self.screenshots])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: Enter opens the record"), "\(browser.stdout)")
    }

    /// Where the browser tests leave screenshots for a person to look at.
    static var screenshots: String {
        ProcessInfo.processInfo.environment["FIELDAUDIT_SCREENSHOTS"]
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("fieldaudit-console-screenshots")
    }

    @Test("a dispatcher finds a customer by account number, sees a conflict's values side by side with their writers and the whole history, and resolves it with one click")
    func recordPage() async throws {
        let fixture = try await RecordHistoryTests.conflictedFixture(store: .sqlite)
        try fixture.addOfficeUser("wang.li", role: "dispatcher")
        let browser = try Self.runBrowser("console_record.py", [fixture.server.baseURL, "wang.li", OfficeAccountTests.password, "20000001", Self.screenshots])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: an unknown number is told plainly"), "\(browser.stdout)")
    }

    @Test("a supervisor follows progress (the auditors' table, the outcomes chart, the CSV export) and sees a conflict without a way to change it")
    func supervisorFollowsProgress() async throws {
        let fixture = try await RecordHistoryTests.conflictedFixture(store: .sqlite)
        let anna = TerminalHome(in: fixture.directory, name: "anna")
        try anna.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try anna.must(["sync"])
        try anna.must(["visit", "cus-20000002", "--outcome", "verified", "--at", "49.952,11.572", "--reason", "test"])
        try anna.must(["sync"])
        try fixture.addOfficeUser("zhao.min", role: "supervisor")
        let browser = try Self.runBrowser("console_progress.py", [fixture.server.baseURL, "zhao.min", OfficeAccountTests.password, Self.screenshots])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: but is offered no way to change it"), "\(browser.stdout)")
    }

    @Test("a dispatcher sees customers by status over the imported roads, filters them, cuts a box of them into a work order for Ben's tablet, and sees a synced visit turn a marker without a reload")
    func mapAndCutWork() throws {
        let fixture = try ServerFixture()
        try ServerFixture.expectSuccess(fixture.dispatch(["map", "import", MapCommandTests.pbf]))
        // The customers move onto the streets of the extract (north of Bayreuth), 0.001° apart.
        try fixture.placeCustomersOnStreets(roads: false)
        try fixture.addOfficeUser("wang.li", role: "dispatcher")
        let anna = TerminalHome(in: fixture.directory, name: "anna"), ben = TerminalHome(in: fixture.directory, name: "ben")
        try anna.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try anna.must(["sync"])
        try ben.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.benToken])
        try ben.must(["sync"])
        // What Anna's tablet does while the page is open: a visit, then a sync.
        let visit = fixture.directory.file("anna-visits.sh")
        let terminal = Executables.path("audit-terminal")
        try """
            set -e
            '\(terminal)' --home '\(anna.path)' visit cus-20000002 --outcome verified --at 49.992,11.572 --reason test
            '\(terminal)' --home '\(anna.path)' sync
            """.write(toFile: visit, atomically: true, encoding: .utf8)

        let browser = try Self.runBrowser("console_map.py", [fixture.server.baseURL, "wang.li", OfficeAccountTests.password, Self.screenshots,
                                                             "/bin/sh", visit])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: the page says it was updated"), "\(browser.stdout)")

        // Ben's tablet receives the work order cut in the browser, with its three customers.
        let order = try #require(browser.stdout.split(separator: "\n").first { $0.hasPrefix("work order: ") }?.dropFirst(12))
        try ben.must(["sync"])
        let received = try ben.show(String(order))
        let fields = received["fields"] as? [String: Any]
        let customers = ((fields?["customers"] as? [String: Any])?["value"] as? [String])?.joined(separator: ",")
        #expect(customers == "cus-20000004,cus-20000005,cus-20000006", "\(received)")
        #expect((fields?["assignee"] as? [String: Any])?["value"] as? String == "ben", "\(received)")
    }

    @Test("a dispatcher resolves many conflicts at once by a rule: previews it with every value and its writer, applies it, and the history names them; a supervisor may preview but not apply")
    func conflictRules() async throws {
        let fixture = try await ConflictRuleCommandTests.fixture(store: .sqlite)
        for (name, role) in [("wang.li", "dispatcher"), ("zhao.min", "supervisor")] {
            try fixture.addOfficeUser(name, role: role)
        }
        let browser = try Self.runBrowser("console_conflicts.py", [fixture.server.baseURL, "wang.li", "zhao.min", OfficeAccountTests.password,
                                                                   "20000001", Self.screenshots])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: the history names the dispatcher who applied the rule"), "\(browser.stdout)")
    }

    @Test("an admin reads the text messages (a delivered one with its ✓ and colour, filtered by state) and sets an auditor's phone, quiet hours and language, a bad value refused")
    func messagesAndPhones() throws {
        let fixture = try ServerFixture()
        try fixture.addOfficeUser("li.admin", role: "admin")
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "anna", "--phone", "+8613800138000", "--sms-lang", "zh-CN"]))
        for area in ["北片", "南片"] {
            try ServerFixture.expectSuccess(fixture.dispatch(["workorder", "create", "--assignee", "anna", "--area", area, "--customers", "20000001"]))
        }
        let key = try #require(try ReminderServeTests.outbox(fixture).first { ($0["text"] as? String)?.contains("北片") == true }?["key"] as? String)
        try fixture.store.execute("UPDATE reminder_outbox SET state = 'delivered', attempts = 1 WHERE key = '\(key)'")
        let browser = try Self.runBrowser("console_messages.py", [fixture.server.baseURL, "li.admin", OfficeAccountTests.password, key, Self.screenshots])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: the admin set Anna's phone and quiet hours"), "\(browser.stdout)")
        let contacts = try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "list", "--lang", "en"])).stdout
        #expect(contacts.contains("anna\t+8613900139000\ten\t21:30-06:00\tactive"), "\(contacts)")
    }
}
