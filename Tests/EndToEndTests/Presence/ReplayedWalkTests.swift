import Foundation
import Positioning
import Shared
import TestSupport
import Testing

/// The whole proof of presence, as the office meets it: a tablet follows its planned audit path on
/// the real northern Bayreuth map with a real receiver's scatter and reports (the Haicom HI-305N
/// log), in real time, recording the day's track with `sync --watch --gps` and visits at the stops
/// as they come; then the replay jumps 2 km, and a visit is typed by hand. The server's own checks
/// pass the visits at the stops and flag the other two with their evidence.
@Suite("Presence along a replayed walk", .serialized)
struct ReplayedWalkTests {
    /// Two stops on the market square (about 80 m apart), the customer visited after the jump
    /// (beside the second stop), and the one whose visit is typed.
    static let csv = """
        account,name,address,tariff,category,lat,lon
        40000004,Schloßplatz 1,"Schloßplatz 1, Bayreuth",G1,commercial,50.0158561,11.5025021
        40000005,Marktplatz 2a,"Marktplatz 2a, Bayreuth",G1,commercial,50.0155246,11.5035635
        40000006,Marktplatz 4,"Marktplatz 4, Bayreuth",G1,commercial,50.0154600,11.5039000
        40000001,Neuenreuther 17,"Neuenreuther Straße 17, Bayreuth",H0,residential,50.0179468,11.4987665
        """
    static let stops = ["cus-40000004", "cus-40000005"]

    /// The walk's fixes in the log, and the log itself.
    struct Walk {
        var fixes: [Fix]
        var log: String
    }

    @Test("visits at the stops of a real-time walk pass every check; after a 2 km jump the visit is flagged with the speed; a typed one is typed, not proof")
    func walkThePlannedPath() throws {
        let directory = try TemporaryDirectory("replayed-walk")
        let data = directory.file("data")
        try Self.csv.write(toFile: directory.file("customers.csv"), atomically: true, encoding: .utf8)
        func server(_ arguments: [String]) throws -> String {
            try ServerFixture.expectSuccess(run("audit-server", arguments + ["--data", data])).stdout
        }
        _ = try server(["import", "customers", directory.file("customers.csv")])
        _ = try server(["map", "import", MapCommandTests.pbf])
        let token = try ServerFixture.expectSuccess(run("audit-server", ["device", "enroll", "--data", data, "--name", "tab-anna", "--auditor", "anna"])).lastLine
        let onFoot = try server(["workorder", "create", "--assignee", "anna", "--customers", Self.stops.joined(separator: ","), "--travel", "foot"])
            .trimmingCharacters(in: .whitespacesAndNewlines)
        _ = try server(["workorder", "create", "--assignee", "anna", "--customers", "cus-40000006,cus-40000001"])
        let process = try ServerProcess(dataDirectory: data, extraArguments: ["--rate", "0"])
        defer { _ = process.stop() }

        let tablet = TerminalHome(in: directory, name: "anna")
        try tablet.must(["enroll", "--server", process.baseURL, "--token", token])
        try tablet.must(["sync"])
        // The planned path from the first stop's door, and a walk along it at 1.4 m/s that starts
        // now, with the real receiver's scatter, quality, satellites and HDOP.
        let path = directory.file("path.csv")
        try tablet.must(["route", "--work-order", onFoot, "--from", "50.0158561,11.5025021", "--geometry", path])
        let walk = try Self.walk(tablet, path: path, directory: directory)
        let secondStop = try Self.arrival(walk, at: GeoPoint(latitude: 50.0155246, longitude: 11.5035635))
        // The replay then jumps 2 km north, 3 s after the walk's last fix.
        let jumpStart = try #require(walk.fixes.last?.time?.date).addingTimeInterval(3)
        let far = directory.file("far.csv")
        try "50.0335,11.5036\n50.0336,11.5037\n".write(toFile: far, atomically: true, encoding: .utf8)
        try tablet.must(["gps", "walk", far, "--out", directory.file("far.nmea"), "--receiver", TabletEvidenceTests.receiverLog,
                         "--start", jumpStart.formatted(.iso8601)])
        let jumped = try String(contentsOfFile: directory.file("far.nmea"), encoding: .utf8)
        let replay = directory.file("replay.nmea")
        try (try String(contentsOfFile: walk.log, encoding: .utf8) + jumped).write(toFile: replay, atomically: true, encoding: .utf8)

        let watch = try tablet.startWatch(gps: "nmea:\(replay)?speed=1")
        defer { if watch.isRunning { kill(watch.processIdentifier, SIGKILL); watch.waitUntilExit() } }
        // At each stop, when the walker is there, the auditor records the visit with the fix of the moment.
        let atFirst = try Self.visit(tablet, "cus-40000004", from: Array(walk.fixes.prefix(5)), directory: directory)
        let atSecond = try Self.visit(tablet, "cus-40000005", from: Array(walk.fixes[secondStop...].prefix(5)), directory: directory)
        let jumpedFixes = NMEADecoder.decode(jumped).compactMap(\.fix)
        let afterJump = try Self.visit(tablet, "cus-40000006", from: Array(jumpedFixes.dropFirst(2)), directory: directory)
        let typed = try Self.recordedID(tablet.must(["visit", "cus-40000001", "--outcome", "no-access",
                                                      "--at", "50.0179468,11.4987665", "--reason", "receiver off"]).stdout)
        kill(watch.processIdentifier, SIGTERM)
        watch.waitUntilExit()
        try tablet.must(["sync"])

        let flagged = try Self.flags(data)
        for visit in [atFirst, atSecond] {
            #expect(flagged[visit] == nil, "\(visit): \(flagged[visit] ?? "")")
            let shown = try Self.presence(visit, data)
            #expect(shown["source"] as? String == "gnss")
            #expect((shown["findings"] as? [Any])?.isEmpty == true, "\(shown)")
            #expect(try #require(shown["server_distance_m"] as? Double) < 50)
            #expect(!((shown["track_before"] as? [Any]) ?? []).isEmpty, "the day's track leads to the stop")
            #expect((shown["signature"] as? [String: Any])?["status"] as? String == "verified")
            #expect(shown["profile"] as? String == "foot")
        }
        let jumpReason = try #require(flagged[afterJump])
        #expect(jumpReason.contains("km/h: the track jumps"), "\(jumpReason)")
        #expect(jumpReason.contains("m from the site"), "\(jumpReason)")
        let jumpFinding = try Self.findings(Self.presence(afterJump, data))["track_jump"] ?? ""
        let kmh = try #require(Double(jumpFinding.split(separator: " ").first ?? ""), "\(jumpFinding)")
        #expect(kmh > 500, "2 km in a few seconds: \(jumpFinding)")
        #expect(try #require(flagged[typed]).contains("typed, not proof"))
        // The receiver's own reports travelled with the visit.
        let character = try ReceiverCharacter.read(nmeaLog: TabletEvidenceTests.receiverLog)
        let atFirstState = try Self.presence(atFirst, data)
        #expect(atFirstState["accuracy_m"] != nil)
        let hdops = Set(character.samples.compactMap(\.hdop).map { ($0 * 5 * 10).rounded() / 10 })
        #expect(hdops.contains(try #require(atFirstState["accuracy_m"] as? Double)), "accuracy from the Haicom's HDOP")
        let verified = try run("audit-server", ["presence", "verify", "--data", data, "--device", "tab-anna"])
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("chain whole"))
    }

    /// A walk along `path` starting now, with the Haicom receiver's character.
    static func walk(_ tablet: TerminalHome, path: String, directory: TemporaryDirectory) throws -> Walk {
        let log = directory.file("walk.nmea")
        try tablet.must(["gps", "walk", path, "--out", log, "--speed", "1.4", "--receiver", TabletEvidenceTests.receiverLog,
                         "--start", Date().formatted(.iso8601)])
        let fixes = NMEADecoder.decode(try String(contentsOfFile: log, encoding: .utf8)).compactMap(\.fix)
        try #require(fixes.count > 20)
        return Walk(fixes: fixes, log: log)
    }

    /// The index of the walk's fix nearest `site`.
    static func arrival(_ walk: Walk, at site: GeoPoint) throws -> Int {
        try #require(walk.fixes.indices.min { walk.fixes[$0].point.distance(to: site) < walk.fixes[$1].point.distance(to: site) })
    }

    /// Waits until the first of `fixes` is the replay's current one, then records a verified visit
    /// at `customer` with the position from those fixes; the visit's id.
    static func visit(_ tablet: TerminalHome, _ customer: String, from fixes: [Fix], directory: TemporaryDirectory) throws -> String {
        let when = try #require(fixes.first?.time?.date)
        if when > Date() { Thread.sleep(until: when) }
        let log = directory.file("at-\(customer).nmea")
        try NMEAWriter().write(fixes, to: URL(fileURLWithPath: log))
        return try recordedID(tablet.must(["visit", customer, "--outcome", "verified", "--gps", "nmea:\(log)"]).stdout)
    }

    /// The id in `visit vis-… recorded: …`.
    static func recordedID(_ output: String) throws -> String {
        let words = output.split(separator: " ")
        let index = try #require(words.firstIndex(of: "visit"), "\(output)")
        return String(words[index + 1])
    }

    /// `progress --json`'s flagged visits: id → reason.
    static func flags(_ data: String) throws -> [String: String] {
        let report = try ServerFixture.expectSuccess(run("audit-server", ["progress", "--json", "--data", data])).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        return Dictionary(uniqueKeysWithValues: (json["flagged"] as? [[String: Any]] ?? []).map { ($0["visit"] as! String, $0["reason"] as! String) })
    }

    /// `presence ID --json`, decoded.
    static func presence(_ visit: String, _ data: String) throws -> [String: Any] {
        let shown = try ServerFixture.expectSuccess(run("audit-server", ["presence", visit, "--json", "--data", data])).stdout
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
    }

    /// The findings of a presence answer: code → detail.
    static func findings(_ presence: [String: Any]) -> [String: String] {
        Dictionary(((presence["findings"] as? [[String: String]]) ?? []).map { ($0["code"] ?? "", $0["detail"] ?? "") }) { first, _ in first }
    }
}
