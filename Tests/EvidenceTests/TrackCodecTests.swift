import Evidence
import PropertyBased
import Shared
import Testing

@Suite("Track codec and recorder")
struct TrackCodecTests {
    static func walk(points count: Int, seed: UInt64) -> [TrackPoint] {
        var rng = SplitMix64(seed: seed)
        var latitude = 49.95, longitude = 11.57
        var seconds: Int64 = 1_796_000_000
        return (0..<count).map { _ in
            latitude += Double.random(in: -0.0003...0.0003, using: &rng)
            longitude += Double.random(in: -0.0003...0.0003, using: &rng)
            seconds += Int64.random(in: 1...60, using: &rng)
            let accuracy: Double? = Bool.random(using: &rng) ? Double(Int.random(in: 20...300, using: &rng)) / 10 : nil
            return TrackPoint(point: GeoPoint(latitude: latitude, longitude: longitude), seconds: seconds, accuracy: accuracy)
        }
    }

    @Test("encode then decode gives the points back to a millionth of a degree, the second and the decimetre")
    func roundTrip() async {
        await propertyCheck(count: 200, input: Gen.uint64()) { seed in
            let points = Self.walk(points: 50, seed: seed)
            let decoded = try TrackCodec.decode(TrackCodec.encode(points))
            #expect(decoded.count == points.count)
            for (a, b) in zip(points, decoded) {
                #expect(abs(a.point.latitude - b.point.latitude) <= 5e-7)
                #expect(abs(a.point.longitude - b.point.longitude) <= 5e-7)
                #expect(a.seconds == b.seconds)
                #expect(a.accuracy.map { ($0 * 10).rounded() / 10 } == b.accuracy)
            }
        }
    }

    @Test("a day of walking (8 hours, a point every 25 m or 60 s) is well under 100 KB")
    func daySize() {
        var recorder = TrackRecorder()
        var latitude = 49.95
        for second in stride(from: Int64(1_796_000_000), to: 1_796_000_000 + 8 * 3_600, by: 1) {
            latitude += 1.3 / 111_000   // 1.3 m/s north
            recorder.offer(TrackPoint(point: GeoPoint(latitude: latitude, longitude: 11.57), seconds: second, accuracy: 4.5))
        }
        let points = recorder.takeBatch()
        #expect(points.count > 1_000)
        let bytes = TrackCodec.encode(points).utf8.count
        #expect(bytes < 20_000, "\(points.count) points in \(bytes) bytes")
    }

    @Test("damaged text is refused with the place and the reason, never a trap")
    func damaged() async {
        let valid = TrackCodec.encode(Self.walk(points: 20, seed: 7))
        for text in ["!", "~~~~~~~~~~~~~~~~~~~~~~~~~~~", String(valid.dropLast()), "??" + "\u{7F}", String(repeating: "~", count: 100)] {
            #expect(throws: TrackCodec.DecodingError.self) { try TrackCodec.decode(text) }
        }
        await propertyCheck(count: 500, input: Gen.uint64()) { seed in
            var rng = SplitMix64(seed: seed)
            var bytes = Array(valid.utf8)
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            _ = try? TrackCodec.decode(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test("the recorder keeps a point every 25 m or 60 s and skips vague fixes and time going back")
    func recorder() {
        var recorder = TrackRecorder()
        let start = GeoPoint(latitude: 49.95, longitude: 11.57)
        let moved = GeoPoint(latitude: 49.9503, longitude: 11.57)
        let offers: [(TrackPoint, Bool, String)] = [
            (TrackPoint(point: start, seconds: 100, accuracy: 5), true, "the first fix"),
            (TrackPoint(point: start, seconds: 110, accuracy: 5), false, "10 s, not moved"),
            (TrackPoint(point: moved, seconds: 115, accuracy: 5), true, "33 m"),
            (TrackPoint(point: start, seconds: 300, accuracy: 250), false, "too vague"),
            (TrackPoint(point: start, seconds: 90, accuracy: 5), false, "time going back"),
            (TrackPoint(point: moved, seconds: 175, accuracy: 5), true, "60 s"),
        ]
        for (point, kept, why) in offers {
            let answer = recorder.offer(point)
            #expect(answer == kept, "\(why)")
        }
        #expect(recorder.takeBatch().count == 3)
        #expect(recorder.pending.isEmpty)
    }
}
