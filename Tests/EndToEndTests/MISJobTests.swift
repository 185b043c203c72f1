import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// `audit-server mis sync` against a sample MIS over real HTTP, with a running server and real tablets.
@Suite("MIS reconciliation job")
struct MISJobTests {
    /// The fixture's six customers as the MIS holds them: the same values the office imported.
    static func seededMIS() throws -> SampleMIS {
        let mis = try SampleMIS()
        for index in 1...6 {
            mis.setCustomer(["account": "2000000\(index)", "name": "客户 \(index)", "address": "Bahnhofstraße \(index), Bayreuth",
                             "phone": "0921 555 0\(index)0", "category": "residential", "tariff": "T1", "feeder": "F-1",
                             "transformer": "TR-\(index)", "capacity_kva": "10", "lat": "49.95\(index)", "lon": "11.57\(index)"])
        }
        return mis
    }

    func sync(_ fixture: ServerFixture, _ mis: SampleMIS, _ extra: [String] = []) throws -> CommandResult {
        try fixture.dispatch(["mis", "sync", "--url", mis.url, "--json"] + extra)
    }

    /// Anna's tablet, enrolled and synced.
    func syncedTablet(_ fixture: ServerFixture) throws -> TerminalHome {
        let tablet = TerminalHome(in: fixture.directory, name: "anna")
        try tablet.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try tablet.must(["sync"])
        return tablet
    }

    func counts(_ result: CommandResult) throws -> [String: Int] {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
        return try #require(json["counts"] as? [String: Int])
    }

    @Test("first run: matches, a new MIS customer, an MIS change, and malformed rows reported by position while good rows go in", arguments: StoreKind.allCases)
    func firstRun(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let mis = try Self.seededMIS()
        defer { mis.stop() }
        mis.setCustomer(["account": "20000005", "tariff": "T2"])
        mis.setCustomer(["account": "20000007", "name": "Müller GmbH", "address": "Opernstraße 7, Bayreuth", "tariff": "T3",
                         "category": "commercial", "lat": "49.944", "lon": "11.575"])
        mis.addRawItem(#"{"account":"12a","name":"bad account"}"#)
        mis.addRawItem(#"["not","an","object"]"#)

        let result = try sync(fixture, mis)
        let counts = try counts(result)
        #expect(counts["matched"] == 6)
        #expect(counts["new_in_mis"] == 1)
        #expect(counts["changed_by_mis"] == 1)
        #expect(counts["row_rejected"] == 2)
        #expect(counts["conflicts_opened"] ?? 0 == 0)
        let report = try String(contentsOfFile: try reportPath(fixture))
        #expect(report.contains(#"row_rejected,,,,,,,"page 3, item 2: account"#), "\(report)")
        #expect(report.contains("page 3, item 3: expected an object"), "\(report)")
        #expect(report.contains("changed_by_mis,customer,cus-20000005,20000005,tariff,T2,T1,"))
        #expect(mis.requests.filter { $0.path == "/customers" }.count == 3, "three pages of three rows")
    }

    @Test("an auditor's correction reaches the MIS exactly once; an MIS tariff change reaches the tablet; the second run is a no-op", arguments: StoreKind.allCases)
    func roundTrip(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let mis = try Self.seededMIS()
        defer { mis.stop() }
        _ = try sync(fixture, mis)
        let tablet = try syncedTablet(fixture)
        try tablet.must(["edit", "cus-20000001", "phone=0921 777 001"])
        try tablet.must(["sync"])
        mis.setCustomer(["account": "20000002", "tariff": "T7"])

        let first = try counts(sync(fixture, mis))
        #expect(first["correction_sent"] == 1)
        #expect(first["changed_by_mis"] == 1)
        let applied = mis.appliedCorrections
        #expect(applied.count == 1)
        #expect(applied.first?["key"] as? String == "20000001")
        #expect(applied.first?["field"] as? String == "phone")
        #expect(applied.first?["value"] as? String == "0921 777 001")
        #expect(applied.first?["changed_by"] as? String == "t-tab-anna")
        #expect(mis.customer("20000001")?["phone"] == "0921 777 001")

        try tablet.must(["sync"])
        #expect(try tablet.field("cus-20000002", "tariff").value == "T7")

        // The MIS now lists customer 1 as changed (it applied the correction): nothing comes back.
        let changesBefore = try fixture.scalar("SELECT COUNT(*) FROM change_log")
        let posts = mis.correctionRequests
        let second = try counts(sync(fixture, mis))
        #expect(second["correction_sent"] == 0)
        #expect(second["changed_by_mis"] == 0)
        #expect(second["conflict_opened"] == 0)
        #expect(mis.correctionRequests == posts, "nothing sent twice")
        #expect(try fixture.scalar("SELECT COUNT(*) FROM change_log") == changesBefore, "nothing changed")
        #expect(mis.appliedCorrections.count == 1)
    }

    @Test("the same field changed in the MIS and in the field opens a conflict seen by the dispatcher and on the tablet", arguments: StoreKind.allCases)
    func conflict(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let mis = try Self.seededMIS()
        defer { mis.stop() }
        _ = try sync(fixture, mis)
        let tablet = try syncedTablet(fixture)
        try tablet.must(["edit", "cus-20000003", "tariff=T9", "address=Bahnhofstraße 3a, Bayreuth"])
        try tablet.must(["sync"])
        mis.setCustomer(["account": "20000003", "tariff": "T5", "address": "Bahnhofstr. 3, Bayreuth"])

        let counts = try counts(sync(fixture, mis))
        #expect(counts["conflict_opened"] == 2)
        #expect(counts["correction_sent"] == 0, "a field in conflict is not sent")
        let listed = try fixture.dispatch(["conflicts", "list"]).stdout
        #expect(listed.contains("cus-20000003"))
        #expect(listed.contains("T5") && listed.contains("T9"))

        try tablet.must(["sync"])
        let tariff = try tablet.field("cus-20000003", "tariff")
        #expect(tariff.conflict == ["T5", "T9"])
        #expect(tariff.value == "T5", "tariff belongs to the MIS: its value shows while in conflict")
        let address = try tablet.field("cus-20000003", "address")
        #expect(address.value == "Bahnhofstraße 3a, Bayreuth", "the address as found belongs to the field")
    }

    @Test("first contact: a field changed in the MIS since the office import and also on site is a conflict, not overwritten; a field only the auditor changed is sent", arguments: StoreKind.allCases)
    func firstContactConflict(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let mis = try Self.seededMIS()
        defer { mis.stop() }
        let tablet = try syncedTablet(fixture)
        try tablet.must(["edit", "cus-20000002", "tariff=T9", "phone=0921 777 002"])
        try tablet.must(["sync"])
        mis.setCustomer(["account": "20000002", "tariff": "T5"])

        let counts = try counts(sync(fixture, mis))
        #expect(counts["conflict_opened"] == 1, "\(counts)")
        #expect(counts["correction_sent"] == 1, "\(counts)")
        #expect(mis.customer("20000002")?["tariff"] == "T5", "the MIS's own change is not overwritten by the auditor's")
        #expect(mis.customer("20000002")?["phone"] == "0921 777 002", "the field the MIS did not change is corrected")
        #expect(mis.appliedCorrections.compactMap { $0["field"] as? String } == ["phone"])
        let listed = try fixture.dispatch(["conflicts", "list"]).stdout
        #expect(listed.contains("cus-20000002") && listed.contains("T5") && listed.contains("T9"), "\(listed)")
    }

    @Test("a 503 from the MIS is retried, and the changed_since mark advances only after a committed pull", arguments: StoreKind.allCases)
    func retryAndMark(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let mis = try Self.seededMIS()
        defer { mis.stop() }
        mis.failNext("/customers", status: 503)
        let first = try sync(fixture, mis)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try counts(first)["matched"] == 6)

        // The MIS is down for good: the job fails, and the mark stays where the last pull left it.
        for _ in 0..<4 { mis.failNext("/customers", status: 503) }  // every attempt of the retry policy
        mis.setCustomer(["account": "20000004", "feeder": "F-4"])
        let failed = try fixture.dispatch(["mis", "sync", "--url", mis.url])
        #expect(failed.status != 0)
        #expect(failed.stderr.contains("503"), "\(failed.stderr)")
        let retried = try counts(sync(fixture, mis))
        #expect(retried["changed_by_mis"] == 1, "the change is pulled once the MIS answers again")
        let sinceValues = mis.requests.filter { $0.path == "/customers" }.compactMap(\.query).filter { $0.contains("changed_since") }
        #expect(Set(sinceValues.map { $0.components(separatedBy: "&").first { $0.hasPrefix("changed_since") } ?? "" }).count == 1,
                "every later pull asked from the mark of the first committed pull")
    }

    /// The MIS's full export of the fixture's six customers, customer 6's tariff drifted (T8 where
    /// the server has T1); returns its path.
    static func writeExport(in fixture: ServerFixture) throws -> String {
        let export = fixture.directory.file("mis-export.csv")
        var lines = ["account,name,address,phone,category,tariff,feeder,transformer,capacity_kva,lat,lon"]
        for index in 1...6 {
            let tariff = index == 6 ? "T8" : "T1"
            lines.append("2000000\(index),客户 \(index),\"Bahnhofstraße \(index), Bayreuth\",0921 555 0\(index)0,residential,\(tariff),F-1,TR-\(index),10,49.95\(index),11.57\(index)")
        }
        try lines.joined(separator: "\n").write(toFile: export, atomically: true, encoding: .utf8)
        return export
    }

    @Test("file mode: a full CSV export in, correction files out; a dry run stores and sends nothing", arguments: StoreKind.allCases)
    func fileMode(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let export = try MISJobTests.writeExport(in: fixture)
        let outbox = fixture.directory.file("to-mis")

        let before = try fixture.databaseDump()
        let dry = try fixture.dispatch(["mis", "sync", "--from", export, "--to", outbox, "--dry-run"])
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("dry run"))
        #expect(dry.stdout.contains("fields changed by MIS      1"))
        #expect(try fixture.databaseDump() == before, "a dry run stores nothing")
        #expect(!FileManager.default.fileExists(atPath: outbox))

        let tablet = try syncedTablet(fixture)
        try tablet.must(["edit", "cus-20000002", "phone=0921 777 002"])
        try tablet.must(["sync"])
        let run = try fixture.dispatch(["mis", "sync", "--from", export, "--to", outbox])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox)
        #expect(files.count == 1)
        let body = try String(contentsOfFile: (outbox as NSString).appendingPathComponent(files[0]))
        #expect(body.contains("0921 777 002"))
        _ = try fixture.dispatch(["mis", "sync", "--from", export, "--to", outbox])
        #expect(try FileManager.default.contentsOfDirectory(atPath: outbox).count == 1, "nothing written twice")
    }

    @Test("serve --mis-every runs the job on a schedule: an MIS change reaches the store without anyone running a command", arguments: StoreKind.allCases)
    func schedule(store: StoreKind) throws {
        let mis = try Self.seededMIS()
        defer { mis.stop() }
        let fixture = try ServerFixture(store: store, serverArguments: ["--mis-url", mis.url, "--mis-every", "1s"])
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, mis.requests.filter({ $0.path == "/customers" }).count < 1 { Thread.sleep(forTimeInterval: 0.1) }
        mis.setCustomer(["account": "20000004", "feeder": "F-44"])
        var feeder: String?
        while Date() < deadline, feeder != "F-44" {
            Thread.sleep(forTimeInterval: 0.2)
            feeder = try fixture.storedState("cus-20000004").contains("F-44") ? "F-44" : nil
        }
        #expect(feeder == "F-44", "the scheduled job merged the MIS change: \(fixture.server.log.suffix(3000))")
        #expect(mis.requests.filter { $0.path == "/customers" }.count >= 2)
        let stopped = fixture.server.stop(within: 10)
        #expect(stopped == 0, "a graceful stop with the schedule running")
    }

    @Test("an export with a few columns changes only those fields and sends nothing back for the columns it leaves out", arguments: StoreKind.allCases)
    func partialExport(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let mis = try SampleMIS()
        defer { mis.stop() }
        for index in 1...6 { mis.setCustomer(["account": "2000000\(index)", "name": "客户 \(index)", "feeder": index == 2 ? "F-22" : "F-1"]) }
        let counts = try counts(sync(fixture, mis))
        #expect(counts["changed_by_mis"] == 1)
        #expect(counts["correction_sent"] == 0)
        #expect(mis.correctionRequests == 0)
        #expect(try fixture.storedState("cus-20000002").contains("0921 555 020"),
                "the phone, not in the export, is kept")
    }

    @Test("bad command lines and an unreachable MIS get clear errors", arguments: StoreKind.allCases)
    func badInput(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let missing = try fixture.dispatch(["mis", "sync"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--url URL, or --from FILE.csv --to DIR"))
        let noTo = try fixture.dispatch(["mis", "sync", "--from", "x.csv"])
        #expect(noTo.stderr.contains("--from needs --to"))
        let unreachable = try fixture.dispatch(["mis", "sync", "--url", "http://127.0.0.1:1"])
        #expect(unreachable.status == 1)
        #expect(unreachable.stderr.contains("MIS sync stopped"), "\(unreachable.stderr)")
    }

    func reportPath(_ fixture: ServerFixture) throws -> String {
        let directory = (fixture.dataDirectory as NSString).appendingPathComponent("mis")
        let reports = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        return (directory as NSString).appendingPathComponent(try #require(reports.last))
    }
}
