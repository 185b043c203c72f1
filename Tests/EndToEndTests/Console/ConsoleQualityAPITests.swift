import Foundation
import TestSupport
import Testing

/// The console's data-quality findings: what `audit-server quality run` found, filtered, with the
/// customers' positions for the map; bad filters refused, strangers 401.
@Suite("console: data quality")
struct ConsoleQualityAPITests {
    @Test("a supervisor reads the findings most severe first, filtered by rule, severity and county, with positions; bad filters 400, no session 401")
    func findings() async throws {
        let fixture = try ServerFixture()
        try fixture.addOfficeUser("zhao.min", role: "supervisor")
        let rules = fixture.directory.file("rules.yaml")
        try "rules:\n  capacity_category: {max_kva: {residential: 5}, severity: error}\n".write(toFile: rules, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules]))

        var supervisor = ConsoleSession(baseURL: fixture.server.baseURL)
        #expect(try await supervisor.logIn("zhao.min", OfficeAccountTests.password).status == 200)
        let all = try Self.json(try await supervisor.send(.get, "/console/api/quality").body)
        let findings = all["findings"] as? [[String: Any]] ?? []
        #expect(findings.count == 12, "six capacity findings and six customers without a meter")
        #expect(findings.prefix(6).allSatisfy { $0["severity"] as? String == "error" }, "most severe first")
        let sites = all["sites"] as? [String: [String: Double]] ?? [:]
        #expect(sites["cus-20000001"]?["lat"] == 49.951 && sites["cus-20000001"]?["lon"] == 11.571)
        let detail = findings.first { $0["rule"] as? String == "capacity_category" }?["detail"] as? [String: String]
        #expect(detail?["capacity"] == "10" && detail?["limit"] == "5" && detail?["category"] == "residential")

        let meters = try Self.json(try await supervisor.send(.get, "/console/api/quality?rule=customer_without_meter&severity=warning").body)
        #expect((meters["findings"] as? [[String: Any]])?.count == 6)
        let errorsOnly = try Self.json(try await supervisor.send(.get, "/console/api/quality?severity=error&limit=2").body)
        #expect((errorsOnly["findings"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } == ["capacity_category", "capacity_category"])
        let elsewhere = try Self.json(try await supervisor.send(.get, "/console/api/quality?county=094620").body)
        #expect((elsewhere["findings"] as? [[String: Any]])?.isEmpty == true, "the fixture's customers have no county")

        for query in ["?rule=capacity", "?severity=fatal", "?state=gone", "?limit=0", "?limit=501", "?county=abc"] {
            let answer = try await supervisor.send(.get, "/console/api/quality" + query)
            #expect(answer.status == 400 && (answer.text ?? "").contains("bad_filter"), "\(query): \(answer.status)")
        }
        #expect(try await ConsoleSession(baseURL: fixture.server.baseURL).send(.get, "/console/api/quality").status == 401)
    }

    @Test("in chromium: the findings in Chinese, most severe first with a symbol, one rule chosen, a customer shown on the map with what is wrong")
    func inChromium() throws {
        let fixture = try ServerFixture()
        try fixture.placeCustomersOnStreets(roads: false)
        try fixture.addOfficeUser("zhao.min", role: "supervisor")
        let rules = fixture.directory.file("rules.yaml")
        try "rules:\n  capacity_category: {max_kva: {residential: 5}, severity: error}\n".write(toFile: rules, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules]))
        let browser = try ConsoleBrowserTests.runBrowser("console_quality.py", [fixture.server.baseURL, "zhao.min", OfficeAccountTests.password,
                                                                               ConsoleBrowserTests.screenshots])
        #expect(browser.status == 0, "\(browser.stdout)\(browser.stderr)")
        #expect(browser.stdout.contains("ok: the customer on the map with what is wrong"), "\(browser.stdout)")
    }

    static func json(_ data: Data) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }
}
