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
        return try run("/usr/bin/python3", [path] + arguments)
    }

    @Test("a dispatcher logs in with Chinese texts, sees a wrong password refused, switches to English, keeps the session over a reload, logs out")
    func loginInChromium() throws {
        let fixture = try ServerFixture()
        try ServerFixture.expectSuccess(fixture.dispatch(["user", "add", "wang.li", "--role", "dispatcher"],
                                                         input: Data((OfficeAccountTests.password + "\n").utf8)))
        let browser = try Self.runBrowser("console_login.py", [fixture.server.baseURL, "wang.li", OfficeAccountTests.password])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: after logout a reload asks for the login again"), "\(browser.stdout)")
    }

    /// Where the browser tests leave screenshots for a person to look at.
    static var screenshots: String {
        ProcessInfo.processInfo.environment["FIELDAUDIT_SCREENSHOTS"]
            ?? (NSTemporaryDirectory() as NSString).appendingPathComponent("fieldaudit-console-screenshots")
    }

    @Test("a dispatcher finds a customer by account number, sees a conflict's values side by side with their writers and the whole history, and resolves it with one click")
    func recordPage() async throws {
        let fixture = try await RecordHistoryTests.conflictedFixture(store: .sqlite)
        try ServerFixture.expectSuccess(fixture.dispatch(["user", "add", "wang.li", "--role", "dispatcher"],
                                                         input: Data((OfficeAccountTests.password + "\n").utf8)))
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
        try ServerFixture.expectSuccess(fixture.dispatch(["user", "add", "zhao.min", "--role", "supervisor"],
                                                         input: Data((OfficeAccountTests.password + "\n").utf8)))
        let browser = try Self.runBrowser("console_progress.py", [fixture.server.baseURL, "zhao.min", OfficeAccountTests.password, Self.screenshots])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: but is offered no way to change it"), "\(browser.stdout)")
    }
}
