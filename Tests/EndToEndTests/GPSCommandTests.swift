import Foundation
import TestSupport
import Testing

/// `audit-terminal gps read` as an operator runs it, on the real logs in ../shared/data/gps.
///
/// The counts are those of the positioning tests (NMEALogTests), derived there independently.
@Suite("audit-terminal gps read")
struct GPSCommandTests {
    static let gps = (ProcessInfo.processInfo.environment["FIELDAUDIT_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")).appendingPathComponent("gps")

    static func path(_ name: String) -> String { gps.appendingPathComponent(name).path }

    @Test("the torture log: one line per fix, then the summary with rejections by reason")
    func tortureLog() throws {
        let result = try run("audit-terminal", ["gps", "read", "nmea:" + Self.path("gp-320fw-2019-04-07-coldboot.log")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("00:03:43.030Z  48.149988  11.584663  gps  sats 4  hdop 1.4") == true)
        #expect(lines.dropFirst().first?.hasPrefix("2019-04-07T00:03:45.030Z  48.149988  11.584663  gps") == true)
        #expect(result.lastLine == "summary: read 143 sentences: 88 decoded, 55 rejected (bad checksum 33, malformed field 9 1, no checksum 4, "
                + "stray text 6, truncated 4, unsupported sentence 7); 2 fixes")
    }

    @Test("--json: every line is a JSON object; the fixes match the log's count and box")
    func json() throws {
        let result = try run("audit-terminal", ["gps", "read", "nmea:" + Self.path("haicom-305N.log"), "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let objects = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let fixes = objects.dropLast()
        #expect(fixes.count == 68)
        for fix in fixes {
            let lat = try #require(fix["lat"] as? Double), lon = try #require(fix["lon"] as? Double)
            #expect((-27.21092 ... -27.21065).contains(lat) && (153.05188...153.05234).contains(lon))
            #expect(fix["quality"] as? String == "gps")
            #expect((fix["time"] as? String)?.hasPrefix("2007-04-08T09:") == true)
        }
        let summary = try #require(objects.last?["summary"] as? [String: Any])
        #expect(summary["sentences_read"] as? Int == 325 && summary["fixes"] as? Int == 68 && summary["rejected"] as? Int == 0)
    }

    @Test("a GPX track with --count stops after that many fixes")
    func gpxWithCount() throws {
        let result = try run("audit-terminal", ["gps", "read", "gpx:" + Self.path("korita-zbevnica.gpx"), "--count", "5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == 6)
        #expect(result.lastLine == "summary: read 0 sentences: 0 decoded, 0 rejected; 5 fixes")
    }

    @Test("bad sources and options are refused with the reason", arguments: [
        (["serial:/dev/ttyUSB0"], "unknown kind of source; expected gpsd://HOST:PORT"),
        (["nmea:/nonexistent/walk.nmea"], "cannot read /nonexistent/walk.nmea: no such file"),
        (["nmea:walk.nmea?speed=-1"], "speed '-1' must be a number above 0"),
        (["none", "--speed", "0"], "--speed must be a number above 0"),
    ])
    func refusals(_ arguments: [String], _ message: String) throws {
        let result = try run("audit-terminal", ["gps", "read"] + arguments)
        #expect(result.status != 0)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }
}

extension GPSCommandTests {
    @Test("gpsd:// reads fixes from a real gpsd (fed by gpsfake) and stops after --count")
    func gpsd() throws {
        let port = try TestPorts.closedPort()
        let gpsfake = try GpsFake(log: Self.gps.appendingPathComponent("haicom-305N.log"), port: port)
        defer { gpsfake.stop() }
        let result = try run("audit-terminal", ["gps", "read", "gpsd://127.0.0.1:\(port)", "--count", "3"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        for line in lines.dropLast() {
            // 2007-04-08 per the log; gpsd may re-date it for GPS week rollover, so only the place is checked.
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            let lat = try #require(Double(columns[1])), lon = try #require(Double(columns[2]))
            #expect((-27.2110 ... -27.2106).contains(lat) && (153.0518...153.0524).contains(lon), "\(line)")
        }
        #expect(result.lastLine == "summary: read 0 sentences: 0 decoded, 0 rejected; 3 fixes")
    }
}

extension GPSCommandTests {
    @Test("gps walk writes a log that gps read plays back along the path; a bad path line is named")
    func walk() throws {
        let directory = try TemporaryDirectory("gps-walk")
        defer { directory.remove() }
        let path = directory.file("route.csv"), log = directory.file("walk.nmea")
        // Three points in northern Bayreuth, about 111 m north then 143 m east.
        try "lat,lon\n# start\n49.9500,11.5700\n49.9510,11.5700\n\n49.9510,11.5720\n".write(toFile: path, atomically: true, encoding: .utf8)
        let written = try run("audit-terminal", ["gps", "walk", path, "--out", log, "--speed", "2", "--start", "2026-05-04T08:00:00Z"])
        #expect(written.status == 0, "\(written.stderr)")
        let read = try run("audit-terminal", ["gps", "read", "nmea:" + log])
        let lines = read.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("2026-05-04T08:00:00.000Z  49.950000  11.570000  gps  sats 8  hdop 0.9") == true)
        #expect(lines.dropLast().last?.contains("49.951000  11.572000") == true)
        #expect(read.lastLine.hasPrefix("summary: read \(2 * (lines.count - 1)) sentences: \(2 * (lines.count - 1)) decoded, 0 rejected"))
        #expect(written.stdout.contains("wrote \(lines.count - 1) fixes"))

        try "49.95,11.57\n49.95;11.58\n".write(toFile: path, atomically: true, encoding: .utf8)
        let refused = try run("audit-terminal", ["gps", "walk", path, "--out", directory.file("bad.nmea")])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("route.csv:2: expected lat,lon in degrees"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.file("bad.nmea")))
    }
}
