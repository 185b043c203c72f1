import Testing
@testable import Positioning

@Suite("Position source specs")
struct SourceSpecTests {
    @Test("accepted forms", arguments: [
        ("gpsd://", PositionSourceSpec.gpsd(host: "127.0.0.1", port: 2947)),
        ("gpsd://gps.local", .gpsd(host: "gps.local", port: 2947)),
        ("gpsd://10.0.0.7:3000", .gpsd(host: "10.0.0.7", port: 3000)),
        ("gpsd://[::1]:2948", .gpsd(host: "::1", port: 2948)),
        ("nmea:/var/log/gps.nmea", .nmea(path: "/var/log/gps.nmea", speed: nil)),
        ("nmea:walk.log?speed=4", .nmea(path: "walk.log", speed: 4)),
        ("gpx:track.gpx?speed=0.5", .gpx(path: "track.gpx", speed: 0.5)),
        ("none", .none),
    ])
    func accepted(_ text: String, _ expected: PositionSourceSpec) throws {
        #expect(try PositionSourceSpec(parsing: text) == expected)
    }

    @Test("written back, a spec parses to itself", arguments: [
        PositionSourceSpec.gpsd(host: "::1", port: 2948), .nmea(path: "a b.log", speed: 2), .gpx(path: "/t.gpx", speed: nil), .none,
    ])
    func roundTrip(_ spec: PositionSourceSpec) throws {
        #expect(try PositionSourceSpec(parsing: spec.description) == spec)
    }

    @Test("refused forms name the problem", arguments: [
        ("serial:/dev/ttyUSB0", "unknown kind of source"),
        ("gpsd://host:99999", "port '99999' must be a number from 1 to 65535"),
        ("gpsd://host:abc", "port 'abc'"),
        ("gpsd://[::1", "closing ']'"),
        ("nmea:", "the file path is missing"),
        ("nmea:walk.log?speed=0", "speed '0' must be a number above 0"),
        ("gpx:t.gpx?speed=fast", "speed 'fast'"),
        ("gpx:t.gpx?rate=2", "unknown option 'rate=2'"),
    ])
    func refused(_ text: String, _ problem: String) {
        do {
            let spec = try PositionSourceSpec(parsing: text)
            Issue.record("accepted \(text) as \(spec)")
        } catch {
            #expect(error.description.contains(problem), "\(error)")
            #expect(error.description.contains("expected gpsd://HOST:PORT, nmea:PATH[?speed=N], gpx:PATH[?speed=N] or none"))
        }
    }
}
