import Foundation
import Positioning
import Testing

/// A fix keeps what the receiver sent for it (the evidence a visit carries), without that text
/// changing what the fix is.
@Suite("fix raw reports")
struct FixRawTests {
    @Test("each fix of a real receiver log keeps the GGA sentence its position came from, checksum included")
    func nmeaKeepsItsSentence() throws {
        let text = try String(contentsOf: SharedData.gps.appendingPathComponent("haicom-305N.log"), encoding: .utf8)
        let fixes = NMEADecoder.decode(text).compactMap(\.fix)
        #expect(!fixes.isEmpty)
        for fix in fixes {
            let raw = try #require(fix.raw)
            #expect(raw.hasPrefix("$GPGGA,") || raw.hasPrefix("$GPRMC,"), "\(raw)")
            #expect(text.contains(raw), "the sentence is kept as the receiver sent it: \(raw)")
            // The sentence is the one the position came from: its own decoding gives the same position.
            let again = try #require(NMEADecoder.decode(raw + "\r\n").compactMap(\.fix).first)
            #expect(again.latitude == fix.latitude && again.longitude == fix.longitude)
        }
    }

    @Test("an RMC-only epoch keeps the RMC; a gpsd TPV keeps its report line; raw is capped and not part of equality")
    func otherSources() {
        let rmc = "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A"
        #expect(NMEADecoder.decode(rmc + "\r\n").compactMap(\.fix).first?.raw == rmc)

        var decoder = GpsdReportDecoder()
        let tpv = #"{"class":"TPV","mode":3,"time":"2009-12-09T14:33:07.500Z","lat":55.78,"lon":23.57,"eph":12.5}"#
        let fix = decoder.decode(line: tpv + "\n")
        #expect(fix?.raw == tpv)

        let long = Fix(time: nil, latitude: 1, longitude: 2, quality: .gps, raw: String(repeating: "x", count: 5000))
        #expect(long.raw?.count == Fix.rawLimit)
        #expect(long == Fix(time: nil, latitude: 1, longitude: 2, quality: .gps))
    }
}
