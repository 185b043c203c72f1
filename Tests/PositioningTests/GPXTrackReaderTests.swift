import Foundation
import Testing
@testable import Positioning

/// The two real GPX tracks, and refusals of broken GPX with the place named.
///
/// Point counts were checked independently with Python's xml.etree (trkpt per trkseg, and how many
/// carry <time> and <ele>): Višnjan 1 segment of 104 points, all timed; Korita 4 segments of
/// 0, 358, 176 and 337 points, 513 of them timed.
@Suite("GPX tracks")
struct GPXTrackReaderTests {
    // The boxes are PROVENANCE.md's, rounded to five decimals there, so widened by half a unit here.
    static func track(_ name: String) throws -> GPXTrack {
        try GPXTrackReader.read(contentsOf: SharedData.gps.appendingPathComponent(name))
    }

    @Test("Višnjan (GPX 1.1, Garmin extensions): 104 points with time and elevation")
    func visnjan() throws {
        let track = try Self.track("around-visnjan-with-car.gpx")
        #expect(track.version == "1.1")
        #expect(track.segments.map(\.count) == [104])
        let fixes = track.fixes
        #expect(fixes.allSatisfy { $0.time?.date != nil && $0.altitude != nil })
        #expect(fixes.first?.latitude == 45.2735188510 && fixes.first?.longitude == 13.7142099626 && fixes.first?.altitude == 211.15)
        #expect(fixes.first?.time?.description == "2020-12-18T06:15:50.000Z")
        #expect(fixes.last?.time?.description == "2020-12-18T06:24:24.000Z")
        let times = fixes.compactMap(\.time)
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 < $1 })
        #expect(fixes.allSatisfy { (45.272475...45.280915).contains($0.latitude) && (13.711515...13.722455).contains($0.longitude) })
    }

    @Test("Korita (GPX 1.0, GPSBabel): 871 points in 4 segments, waypoints skipped")
    func korita() throws {
        let track = try Self.track("korita-zbevnica.gpx")
        #expect(track.version == "1.0")
        #expect(track.segments.map(\.count) == [0, 358, 176, 337])
        #expect(track.fixes.count == 871)
        #expect(track.fixes.filter { $0.time != nil }.count == 513)
        #expect(track.fixes.last?.time?.description == "2010-10-03T13:19:31.000Z")
        #expect(track.fixes.allSatisfy { (45.367775...45.463085).contains($0.latitude) && (14.003985...14.167965).contains($0.longitude) })
    }

    static let header = #"<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>"#

    @Test("fractional-second times, <sat>, <hdop> and <fix> are read")
    func optionalElements() throws {
        let gpx = Self.header + #"<trkpt lat="49.95" lon="11.57"><time>2024-05-01T10:00:00.250Z</time><sat>7</sat><hdop>1.4</hdop><fix>dgps</fix></trkpt></trkseg></trk></gpx>"#
        let fix = try #require(try GPXTrackReader.read(Data(gpx.utf8)).fixes.first)
        #expect(fix.time?.description == "2024-05-01T10:00:00.250Z")
        #expect(fix.satellites == 7 && fix.hdop == 1.4 && fix.quality == .dgps)
    }

    @Test("broken GPX is refused with what and where", arguments: [
        (header + #"<trkpt lat="95" lon="11.57"/></trkseg></trk></gpx>"#, "track point 1: lat must be -90…90"),
        (header + #"<trkpt lat="49.9" lon="11.57"><time>yesterday</time></trkpt></trkseg></trk></gpx>"#, "time \"yesterday\" is not ISO 8601"),
        (header + #"<trkpt lat="49.9" lon="11.57"><ele>high</ele></trkpt></trkseg></trk></gpx>"#, "<ele> \"high\" is not a number"),
        (header + #"<trkpt lat="49.9" lon="11.57">"#, "malformed XML"),
        (#"<kml><Document/></kml>"#, "not a GPX 1.0/1.1 file: the root element is <kml>"),
        (#"<gpx version="2.0"></gpx>"#, "version \"2.0\""),
    ])
    func refusals(_ text: String, _ message: String) {
        do {
            _ = try GPXTrackReader.read(Data(text.utf8))
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }
}
