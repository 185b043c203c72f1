import Foundation
import TestSupport
import Testing

/// `audit-server bulletin` end to end: the files it writes in Chinese and English, the reminder to
/// a supervisor, bad input refused with nothing written, and the page in chromium (on its own at
/// A4 width, and in the console). The numbers on both stores are checked in `BulletinReportTests`.
@Suite("audit-server bulletin")
struct BulletinCommandTests {
    /// `audit-server bulletin` on the fixture's store, with `arguments`.
    static func bulletin(_ fixture: ServerFixture, _ arguments: [String]) throws -> CommandResult {
        try run("audit-server", ["bulletin", "--data", fixture.dataDirectory] + fixture.storeArguments + arguments)
    }

    /// Today, `YYYY-MM-DD` in UTC: this week's bulletin holds the fixture's order, cut today.
    static var today: String { String(Date().formatted(.iso8601).prefix(10)) }

    @Test("this week's bulletin as a Chinese and an English page with its CSV tables, a supervisor told once; the page in chromium at A4 width and in the console")
    func writesPagesAndTables() throws {
        let fixture = try ServerFixture()
        try fixture.addOfficeUser("wang", role: "supervisor")
        try ServerFixture.expectSuccess(fixture.dispatch(["auditor", "set", "wang", "--phone", "+8613800138000", "--sms-lang", "zh-CN"]))
        // The office corrects customer 1's phone: a correction by field.
        let csv = fixture.directory.file("phones.csv")
        try "account,name,phone\n20000001,客户 1,0921 555 0999\n".write(toFile: csv, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", csv]))

        let chinese = fixture.directory.file("zh")
        let written = try ServerFixture.expectSuccess(Self.bulletin(fixture, ["--period", "week", "--date", Self.today, "--out", chinese, "--lang", "zh-CN"]))
        #expect(written.stdout.contains("已通知主管 1 人"), "\(written.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: chinese).sorted()
        let stem = try #require(files.first { $0.hasSuffix(".html") }).dropLast(5)
        #expect(files == (["\(stem).html"] + ["auditors", "conflicts", "corrections", "counties", "hazards", "overdue", "overdue_hazards", "presence", "summary"].map { "\(stem)-\($0).csv" }).sorted())
        let page = try String(contentsOfFile: (chinese as NSString).appendingPathComponent("\(stem).html"), encoding: .utf8)
        #expect(page.contains("<h1>稽查周报") && page.contains("按字段统计的更正") && page.contains("<svg") && !page.contains("<script"))
        #expect(page.contains(#"<section id="hazards">"#) && page.contains("逾期隐患"), "the hazards section, in Chinese")
        let summary = try String(contentsOfFile: (chinese as NSString).appendingPathComponent("\(stem)-summary.csv"), encoding: .utf8)
        #expect(summary.contains("planned,3,0,3\r\n") && summary.contains("corrections,1,0,1\r\n"), "\(summary)")
        let corrections = try String(contentsOfFile: (chinese as NSString).appendingPathComponent("\(stem)-corrections.csv"), encoding: .utf8)
        #expect(corrections == "kind,field,tablet,office,total\r\ncustomer,phone,0,1,1\r\n")

        let english = fixture.directory.file("en")
        let again = try ServerFixture.expectSuccess(Self.bulletin(fixture, ["--period", "week", "--date", Self.today, "--out", english, "--lang", "en"]))
        #expect(again.stdout.contains("0 supervisors told"), "the supervisor was told of this bulletin already: \(again.stdout)")
        let englishPage = try String(contentsOfFile: (english as NSString).appendingPathComponent("\(stem).html"), encoding: .utf8)
        #expect(englishPage.contains("<h1>Weekly audit bulletin") && englishPage.contains("Corrections by field"))
        let reminders = try fixture.dispatch(["reminders", "list", "--json"]).stdout
        #expect(reminders.contains("\"bulletin:week:") && reminders.contains(":wang\""), "\(reminders)")

        let browser = try ConsoleBrowserTests.runBrowser("bulletin_page.py", [(chinese as NSString).appendingPathComponent("\(stem).html"),
                                                                               ConsoleBrowserTests.screenshots, fixture.server.baseURL, "wang",
                                                                               OfficeAccountTests.password])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: and its summary table as CSV"), "\(browser.stdout)")
    }

    @Test("a bad --period, --date or --county is answered with a clear error, in the reader's language, and nothing is written")
    func refusesBadInput() throws {
        let fixture = try ServerFixture()
        let out = fixture.directory.file("never")
        let cases: [(arguments: [String], says: String)] = [
            (["--period", "fortnight"], "'day', 'week'"),
            (["--period", "week", "--date", "2026-02-30"], "--date 2026-02-30 is not a date: write YYYY-MM-DD"),
            (["--period", "day", "--date", "2999-01-01"], "has not begun yet"),
            (["--period", "week", "--county", "999999"], "no customer lies in county 999999"),
            (["--period", "week", "--county", "999999", "--lang", "zh-CN"], "没有客户位于区县 999999"),
        ]
        for (arguments, says) in cases {
            let refused = try Self.bulletin(fixture, arguments + ["--out", out, "--lang", arguments.contains("zh-CN") ? "zh-CN" : "en"])
            #expect(refused.status != 0 && refused.stderr.contains(says), "\(arguments): \(refused.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(arguments) wrote nothing")
        }
    }
}
