import Foundation
import Shared
import TestSupport
import Testing

/// The road map of a work order's area reaching the tablet (by sync and by packet file), and the
/// audit path planned on it, with the real northern Bayreuth extract.
@Suite("audit-terminal maps and route")
struct TerminalMapTests {
    /// Customers on addressed buildings of northern Bayreuth (the extract's addr:* tags).
    static let csv = """
        account,name,address,tariff,category,lat,lon
        40000001,Neuenreuther 17,"Neuenreuther Straße 17, Bayreuth",H0,residential,50.0179468,11.4987665
        40000002,Altdrossenfeld 8,"Altdrossenfeld 8, Bayreuth",H0,residential,50.0117962,11.4959292
        40000003,Gutenberg 1,"Gutenbergstraße 1, Bayreuth",H0,residential,50.0223737,11.4998711
        40000004,Schloßplatz 1,"Schloßplatz 1, Bayreuth",G1,commercial,50.0158561,11.5025021
        40000005,Marktplatz 2a,"Marktplatz 2a, Bayreuth",G1,commercial,50.0155246,11.5035635
        """
    static let ids = (1...5).map { "cus-4000000\($0)" }

    /// A server with the map imported and one work order of the five customers for anna.
    static func server(_ directory: TemporaryDirectory) throws -> (ServerProcess, token: String, order: String) {
        let data = directory.file("data")
        let file = directory.file("customers.csv")
        try csv.write(toFile: file, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(run("audit-server", ["import", "customers", "--data", data, file]))
        try ServerFixture.expectSuccess(run("audit-server", ["map", "import", MapCommandTests.pbf, "--data", data]))
        let token = try ServerFixture.expectSuccess(run("audit-server", ["device", "enroll", "--data", data, "--name", "tab-anna", "--auditor", "anna"])).lastLine
        let order = try ServerFixture.expectSuccess(run("audit-server", ["workorder", "create", "--data", data, "--assignee", "anna",
                                                                         "--customers", ids.joined(separator: ",")])).lastLine
        return (try ServerProcess(dataDirectory: data), token, order)
    }

    func route(_ tablet: TerminalHome, _ extra: [String] = []) throws -> [String: Any] {
        let output = try tablet.must(["route", "--from", "50.0170,11.5000", "--json"] + extra).stdout
        return try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any])
    }

    @Test("sync brings the work order's road map; the path visits every pending customer once and drops visited ones")
    func mapBySync() throws {
        let directory = try TemporaryDirectory("maps")
        let (server, token, _) = try Self.server(directory)
        defer { _ = server.stop() }
        let tablet = TerminalHome(in: directory, name: "anna")
        try tablet.must(["enroll", "--server", server.baseURL, "--token", token])
        let before = try tablet.run(["route", "--from", "50.0170,11.5000"])
        #expect(before.status != 0)
        #expect(before.stderr.contains("no work order with customers still to visit"), "\(before.stderr)")

        let synced = try tablet.must(["sync"]).stdout
        #expect(synced.contains("1 road map(s) fetched"), "\(synced)")
        let planned = try route(tablet)
        let order = try #require(planned["order"] as? [String])
        #expect(order.sorted() == Self.ids, "every pending customer exactly once")
        let legs = try #require(planned["legs_m"] as? [Double])
        #expect(legs.count == order.count)
        #expect(legs.allSatisfy { $0 >= 0 })
        let total = try #require(planned["total_m"] as? Double)
        #expect(abs(legs.reduce(0, +) - total) < 1)
        // Over roads, never shorter than the straight lines between the stops.
        var straight = 0.0
        var previous = GeoPoint(latitude: 50.0170, longitude: 11.5000)
        let sites = Dictionary(uniqueKeysWithValues: Self.csv.split(separator: "\n").dropFirst().map { line -> (String, GeoPoint) in
            let cells = line.split(separator: ",")
            return ("cus-" + cells[0].trimmingCharacters(in: .whitespaces),
                    GeoPoint(latitude: Double(cells[cells.count - 2])!, longitude: Double(cells[cells.count - 1])!))
        })
        for id in order {
            straight += previous.distance(to: sites[id]!)
            previous = sites[id]!
        }
        #expect(total >= straight * 0.98, "road path \(total) m against straight lines \(straight) m")

        // The path's geometry, walked as NMEA and read back: the real parser path of the demo.
        let geometry = directory.file("path.csv")
        try tablet.must(["route", "--from", "50.0170,11.5000", "--geometry", geometry])
        let points = try String(contentsOfFile: geometry, encoding: .utf8).split(separator: "\n")
        #expect(points.count > order.count)
        let walk = directory.file("walk.nmea")
        try tablet.must(["gps", "walk", geometry, "--out", walk, "--speed", "50"])
        #expect(try tablet.must(["gps", "read", "nmea:\(walk)"]).stdout.contains("summary:"))

        try tablet.must(["visit", order[0], "--outcome", "verified", "--at", "50.0170,11.5000", "--reason", "receiver off"])
        let after = try #require(try route(tablet)["order"] as? [String])
        #expect(after.sorted() == order.dropFirst().sorted(), "a visited customer leaves the path")
        #expect(try tablet.must(["sync"]).stdout.contains("road map") == false, "the map is not fetched again")
    }

    @Test("route --days spreads the customers over short days: each once, each day within its hours, today in full")
    func routeDays() throws {
        let directory = try TemporaryDirectory("days")
        let (server, token, _) = try Self.server(directory)
        defer { _ = server.stop() }
        let tablet = TerminalHome(in: directory, name: "anna")
        try tablet.must(["enroll", "--server", server.baseURL, "--token", token])
        try tablet.must(["sync"])
        // Three households (10 min each) and two shops (15 min each) do not fit 45 minutes.
        let plan = try route(tablet, ["--days", "--shift", "08:00-08:45"])
        let days = try #require(plan["days"] as? [[String: Any]])
        #expect(days.count >= 2)
        let order = days.flatMap { $0["order"] as? [String] ?? [] } + (plan["unplannable"] as? [String] ?? [])
        #expect(order.sorted() == Self.ids, "every pending customer exactly once")
        for day in days {
            let finish = try #require(day["finish"] as? String)
            #expect(day["start"] as? String == "08:00" && finish <= "08:45", "day \(day["day"] ?? "?") ends \(finish)")
            #expect((day["arrivals"] as? [String])?.count == (day["order"] as? [String])?.count)
            let travel = try #require(day["travel_s"] as? Double), service = try #require(day["service_s"] as? Double)
            #expect(abs(try #require(day["total_s"] as? Double) - travel - service) <= 1)
        }
        let service = days.reduce(0.0) { $0 + ($1["service_s"] as? Double ?? 0) }
        #expect(service == 3 * 600 + 2 * 900, "households 10 min, shops 15 min")
        let table = try tablet.must(["route", "--from", "50.0170,11.5000", "--days", "--shift", "08:00-08:45"]).stdout
        #expect(table.contains("(day 1 of \(days.count))") && table.contains("more day(s)"), "\(table)")
        let refused = try tablet.run(["route", "--from", "50.0170,11.5000", "--days", "--shift", "9-5"])
        #expect(refused.status != 0 && refused.stderr.contains("HH:MM-HH:MM"), "\(refused.stderr)")
    }

    @Test("a packet file carries the map to a tablet that never sees a network")
    func mapByPacket() throws {
        let directory = try TemporaryDirectory("maps")
        let (server, token, order) = try Self.server(directory)
        let tablet = TerminalHome(in: directory, name: "offline")
        try tablet.must(["enroll", "--server", server.baseURL, "--token", token])
        _ = server.stop()
        let packet = directory.file("packet.json")
        let exported = try ServerFixture.expectSuccess(run("audit-server", ["packet", "export", "--data", server.dataDirectory,
                                                                            "--work-order", order, "--out", packet]))
        #expect(exported.stdout.contains("road map of the area"))
        try tablet.must(["import-packet", packet])
        let order2 = try #require(try route(tablet, ["--profile", "car"])["order"] as? [String])
        #expect(order2.sorted() == Self.ids)
    }

    @Test("the map endpoint keeps to scope: another auditor gets 403, an unknown work order 404")
    func mapScope() async throws {
        let directory = try TemporaryDirectory("maps")
        let (server, token, order) = try Self.server(directory)
        defer { _ = server.stop() }
        let other = try ServerFixture.expectSuccess(run("audit-server", ["device", "enroll", "--data", server.dataDirectory,
                                                                         "--name", "tab-ben", "--auditor", "ben"])).lastLine
        #expect(try await rawRequest(.get, server.baseURL + "/v1/maps/\(order)", token: token).status == 200)
        #expect(try await rawRequest(.get, server.baseURL + "/v1/maps/\(order)", token: other).status == 403)
        #expect(try await rawRequest(.get, server.baseURL + "/v1/maps/wo-nope", token: token).status == 404)
    }
}
