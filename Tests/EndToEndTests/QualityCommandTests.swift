import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// `audit-server quality` as the office runs it, on both stores: rules over the imported files,
/// findings listed in the reader's language, a broken rules file refused before anything runs.
@Suite("audit-server quality")
struct QualityCommandTests {
    @Test("run finds the imported files' defects, list shows them in Chinese and as JSON, a fixed meter file closes them", arguments: StoreKind.allCases)
    func runAndList(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        // Meters for customers 1 to 5 (6 has none); 5's second meter repeats 4's serial.
        let meters = fixture.directory.file("meters.csv")
        try """
            serial,kind,id,customer_account,status
            M1,meter,dev-M1,20000001,in_service
            M2,meter,dev-M2,20000002,in_service
            M3,meter,dev-M3,20000003,in_service
            M4,meter,dev-M4,20000004,in_service
            M4,meter,dev-M5,20000005,in_service
            """.write(toFile: meters, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "devices", meters]))
        let rules = fixture.directory.file("rules.yaml")
        try "rules:\n  capacity_category: {max_kva: {residential: 5}}\n".write(toFile: rules, atomically: true, encoding: .utf8)

        let run = try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules]))
        #expect(run.stdout.contains("checked all 11 records: 9 findings opened, 0 closed, 9 open"), "\(run.stdout)")
        let listed = try ServerFixture.expectSuccess(fixture.dispatch(["quality", "list", "--json"])).stdout
        let findings = try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]] ?? []
        let keys = Set(findings.map { "\($0["rule"] ?? "") \($0["subject"] ?? "")" })
        #expect(keys == Set((1...6).map { "capacity_category cus-2000000\($0)" } + ["customer_without_meter cus-20000006",
                                                                                       "duplicate_meter_serial dev-M4", "duplicate_meter_serial dev-M5"]))
        let chinese = try ServerFixture.expectSuccess(fixture.dispatch(["quality", "list", "--lang", "zh-CN", "--rule", "customer_without_meter"])).stdout
        #expect(chinese.contains("警告") && chinese.contains("cus-20000006") && chinese.contains("客户没有电能表"), "\(chinese)")

        try "serial,kind,id,customer_account,status\nM5,meter,dev-M5,20000005,in_service\nM6,meter,dev-M6,20000006,in_service\n"
            .write(toFile: meters, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "devices", meters]))
        let again = try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules])).stdout
        #expect(again.contains("checked 2 records changed since the last run: 0 findings opened, 3 closed, 6 open"), "\(again)")
    }

    @Test("on the imported Bayreuth map: a customer placed kilometres from the street of its address is found, one on it or on a street the map does not know is not")
    func farFromStreet() throws {
        let fixture = try ServerFixture()
        try ServerFixture.expectSuccess(fixture.dispatch(["map", "import", MapCommandTests.pbf]))
        let customers = fixture.directory.file("streets.csv")
        // A point of the real Ruhstraße, and one of Am Ängerlein, west of it, in the northern Bayreuth extract.
        try """
            account,name,address,lat,lon
            30000001,路边,"Ruhstraße 12, 95448 Bayreuth",49.983323,11.5963126
            30000002,远处,"Ruhstr. 40, 95448 Bayreuth",49.9832667,11.5129205
            30000003,不知,"Nirgendweg 1, 95448 Bayreuth",49.9832667,11.5129205
            """.write(toFile: customers, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", customers]))
        try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run"]))
        let listed = try ServerFixture.expectSuccess(fixture.dispatch(["quality", "list", "--rule", "far_from_street", "--json"])).stdout
        let findings = try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]] ?? []
        // The fixture's own customers say Bahnhofstraße but sit some 4 km from Bayreuth's real one.
        #expect(findings.compactMap { $0["subject"] as? String } == (1...6).map { "cus-2000000\($0)" } + ["cus-30000002"], "\(listed)")
        let far = findings.first { $0["subject"] as? String == "cus-30000002" }
        let distance = Int((far?["detail"] as? [String: String])?["distance"] ?? "") ?? 0
        // Python over the extract's own nodes: the nearest node of any Ruhstraße way is 4,948 m away.
        #expect((4_900...4_960).contains(distance), "about 4.95 km: \(distance)")
        let chinese = try ServerFixture.expectSuccess(fixture.dispatch(["quality", "list", "--record", "cus-30000002", "--lang", "zh-CN"])).stdout
        #expect(chinese.contains("位置距地址所在的Ruhstr. \(distance) 米"), "\(chinese)")
    }

    @Test("--cut-work sends an auditor to the suspect customers no open order holds, a day's walk an order, their findings in the notes and on each auditor's tablet beside the fields")
    func cutWork() throws {
        let fixture = try ServerFixture()
        let rules = fixture.directory.file("rules.yaml")
        try "rules:\n  capacity_category: {max_kva: {residential: 5}}\n".write(toFile: rules, atomically: true, encoding: .utf8)
        // Customers 1 to 3 are in Anna's open order; 4 to 6 were never anybody's.
        let nobody = try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules, "--cut-work"])).stdout
        #expect(nobody.contains("no order made") && nobody.contains("3 more customers were never any auditor's"), "\(nobody)")
        let before = try fixture.states(.workOrder).count
        let cut = try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules, "--cut-work", "--assignee", "ben",
                                                                    "--day-size", "2", "--due", "2026-12-20"])).stdout
        let lines = cut.split(separator: "\n").filter { $0.contains("\tben\t") }
        #expect(lines.count == 2 && lines[0].hasSuffix("2 customers") && lines[1].hasSuffix("1 customers"), "\(cut)")
        let orders = try fixture.states(.workOrder).values.map(WorkOrder.init).filter { $0.assignee == "ben" }
        #expect(try fixture.states(.workOrder).count == before + 2 && orders.count == 2)
        #expect(Set(orders.flatMap { $0.customers.map(\.rawValue) }) == ["cus-20000004", "cus-20000005", "cus-20000006"])
        #expect(orders.allSatisfy { $0.due == "2026-12-20" && $0.area.hasPrefix("Data-quality check") })
        let notes = orders.compactMap(\.notes).joined(separator: " | ")
        #expect(notes.contains("cus-20000004: capacity 10 kVA looks wrong for a residential supply (at most 5 kVA); the customer has no meter"), "\(notes)")
        let again = try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules, "--cut-work", "--assignee", "ben"])).stdout
        #expect(again.contains("no order made"), "their open orders hold them now: \(again)")
        #expect(try fixture.dispatch(["quality", "run", "--cut-work", "--day-size", "0"]).status != 0)
        #expect(try fixture.dispatch(["quality", "run", "--cut-work", "--due", "20.12.2026"]).stderr.contains("YYYY-MM-DD"))

        // Each tablet gets the findings of its own customers with the work, beside their fields.
        let annasTablet = TerminalHome(in: fixture.directory, name: "anna"), bensTablet = TerminalHome(in: fixture.directory, name: "ben")
        try annasTablet.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try bensTablet.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.benToken])
        try annasTablet.must(["sync"])
        try bensTablet.must(["sync"])
        let shown = try bensTablet.must(["show", "cus-20000004"]).stdout
        let capacityLine = shown.split(separator: "\n").first { $0.contains("capacity_kva") }.map(String.init) ?? ""
        #expect(capacityLine.hasPrefix("⚑") && capacityLine.contains("10   ⚑ capacity 10 kVA looks wrong for a residential supply (at most 5 kVA)"),
                "beside the field it concerns: \(shown)")
        #expect(shown.contains("⚑ the customer has no meter"), "\(shown)")
        let chinese = try bensTablet.must(["--lang", "zh-CN", "show", "cus-20000004"]).stdout
        #expect(chinese.contains("⚑ 居民用电容量 10 kVA 不合理（上限 5 kVA）"), "\(chinese)")
        #expect(try annasTablet.must(["show", "cus-20000001"]).stdout.contains("⚑ capacity 10 kVA looks wrong"))
        #expect(try annasTablet.run(["show", "cus-20000004"]).status != 0, "Ben's customer is not on Anna's tablet, nor its findings")
        // The office corrects the rule: the capacity findings close, and the next sync takes them off the tablet.
        try "rules:\n  capacity_category: {max_kva: {residential: 50}}\n".write(toFile: rules, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules]))
        try bensTablet.must(["sync"])
        let after = try bensTablet.must(["show", "cus-20000004"]).stdout
        #expect(!after.contains("looks wrong") && after.contains("⚑ the customer has no meter"), "\(after)")
    }

    @Test("findings close when a tablet corrects the record, when an audit verifies it on site and when the MIS job brings the right value; the others stay open")
    func closedByTabletAuditAndMIS() throws {
        let fixture = try ServerFixture()
        let mis = try MISJobTests.seededMIS()
        defer { mis.stop() }
        let rules = fixture.directory.file("rules.yaml")
        try "rules:\n  capacity_category: {max_kva: {residential: 5}}\n".write(toFile: rules, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules]))
        func capacityFindings(_ state: String) throws -> [String: String] {
            let listed = try ServerFixture.expectSuccess(fixture.dispatch(["quality", "list", "--rule", "capacity_category", "--state", state, "--json"])).stdout
            let findings = try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]] ?? []
            return Dictionary(uniqueKeysWithValues: findings.map { ($0["subject"] as? String ?? "", $0["closed_by"] as? String ?? "open") })
        }
        #expect(try capacityFindings("open").keys.sorted() == (1...6).map { "cus-2000000\($0)" }, "every 10 kVA residential supply is over 5")

        // Anna corrects customer 1's capacity on her tablet and verifies customer 2's on site; the MIS knows customer 3's is 4 kVA.
        let anna = TerminalHome(in: fixture.directory, name: "anna")
        try anna.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try anna.must(["sync"])
        #expect(try anna.must(["show", "cus-20000001"]).stdout.contains("⚑ capacity 10 kVA looks wrong"))
        try anna.must(["edit", "cus-20000001", "capacity_kva=4"])
        try anna.must(["visit", "cus-20000002", "--outcome", "verified", "--at", "49.952,11.572", "--reason", "receiver off"])
        try anna.must(["sync"])
        mis.setCustomer(["account": "20000003", "capacity_kva": "4"])
        try ServerFixture.expectSuccess(fixture.dispatch(["mis", "sync", "--url", mis.url]))

        try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules]))
        #expect(try capacityFindings("closed") == ["cus-20000001": "data", "cus-20000002": "audit", "cus-20000003": "data"])
        #expect(try capacityFindings("open").keys.sorted() == ["cus-20000004", "cus-20000005", "cus-20000006"])
        try anna.must(["sync"])
        #expect(try !anna.must(["show", "cus-20000001"]).stdout.contains("⚑ capacity"), "the closed finding left the tablet")
    }

    @Test("an idle sync after the findings arrived names their generation and is answered without them, the tablet keeping its own; the sync after another run brings them again")
    func idleSyncSparedFindings() async throws {
        let fixture = try ServerFixture()
        let rules = fixture.directory.file("rules.yaml")
        try "rules:\n  capacity_category: {max_kva: {residential: 5}}\n".write(toFile: rules, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules]))
        let anna = TerminalHome(in: fixture.directory, name: "anna")
        try anna.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try anna.must(["sync"])
        #expect(try anna.must(["show", "cus-20000001"]).stdout.contains("⚑ capacity 10 kVA looks wrong"))

        let arrived = try await Self.lastPages(fixture)
        try anna.must(["sync"])
        let idle = try await Self.lastPages(fixture)
        #expect(idle.held == arrived.held + 1 && idle.sent == arrived.sent, "the server held them back: \(arrived) → \(idle)")
        #expect(try anna.must(["show", "cus-20000001"]).stdout.contains("⚑ capacity 10 kVA looks wrong"), "the tablet keeps what it has")

        try ServerFixture.expectSuccess(fixture.dispatch(["quality", "run", "--rules", rules]))
        try anna.must(["sync"])
        let rerun = try await Self.lastPages(fixture)
        #expect(rerun.sent == idle.sent + 1 && rerun.held == idle.held, "a new generation: sent again (\(idle) → \(rerun))")
    }

    /// The pulls' last pages the server answered with the findings and without them (`/metrics`).
    static func lastPages(_ fixture: ServerFixture) async throws -> (sent: Int, held: Int) {
        let text = try await rawRequest(.get, fixture.server.baseURL + "/metrics").text ?? ""
        func count(_ findings: String) -> Int {
            let line = text.split(separator: "\n").first { $0.hasPrefix("fieldaudit_pull_findings_total{findings=\"\(findings)\"} ") }
            return line.flatMap { Double($0.split(separator: " ").last ?? "") }.map { Int($0) } ?? 0
        }
        return (count("sent"), count("held"))
    }

    @Test("a rules file with an unknown rule, or a bad option, is refused with what is wrong and nothing is run")
    func refused() throws {
        let fixture = try ServerFixture()
        let rules = fixture.directory.file("rules.yaml")
        try "rules:\n  capacity: {enabled: false}\n".write(toFile: rules, atomically: true, encoding: .utf8)
        let bad = try fixture.dispatch(["quality", "run", "--rules", rules])
        #expect(bad.status != 0 && bad.stderr.contains("no rule capacity; the rules are duplicate_account"), "\(bad.stderr)")
        let badChinese = try fixture.dispatch(["quality", "run", "--lang", "zh-CN", "--rules", rules])
        #expect(badChinese.status != 0 && badChinese.stderr.contains("没有规则 capacity"), "\(badChinese.stderr)")
        let none = try ServerFixture.expectSuccess(fixture.dispatch(["quality", "list"])).stdout
        #expect(none.contains("no findings match"), "nothing ran: \(none)")
        #expect(try fixture.dispatch(["quality", "list", "--severity", "fatal"]).stderr.contains("no severity fatal"))
        #expect(try fixture.dispatch(["quality", "list", "--state", "gone"]).status != 0)
        let defaults = try ServerFixture.expectSuccess(run("audit-server", ["quality", "rules"])).stdout
        #expect(defaults.contains("capacity_category:") && defaults.contains("residential: 100"))
    }
}
