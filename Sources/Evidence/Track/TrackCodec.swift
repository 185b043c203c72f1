import Shared

/// The compact text form of a track: a few bytes per point, printable ASCII, safe in JSON.
///
/// Each point is four signed deltas from the previous point (the first from zero): latitude and
/// longitude in millionths of a degree (about 11 cm), time in seconds, accuracy in decimetres
/// (0 when unknown). Each number is zigzag-encoded and written five bits per character as in
/// Google's encoded polylines (`?` + value, bit 0x20 meaning "more follows"). A day of walking
/// with a point every 25 m or 60 s is a few kilobytes.
public enum TrackCodec {
    /// Why a track text could not be read.
    public struct DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
        /// Where in the text, counting characters from 0.
        public var offset: Int
        /// What is wrong.
        public var problem: String
        public var description: String { "track at character \(offset): \(problem)" }
    }

    /// The largest number of points one text may hold.
    public static let maximumPoints = 100_000

    /// Encodes `points` in order.
    public static func encode(_ points: [TrackPoint]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(points.count * 12)
        var previous: [Int64] = [0, 0, 0, 0]
        for point in points {
            let values = scaled(point)
            for index in 0..<4 {
                append(values[index] &- previous[index], to: &bytes)
            }
            previous = values
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Decodes a text written by ``encode(_:)``, refusing damaged text with the offset and the reason.
    public static func decode(_ text: String) throws(DecodingError) -> [TrackPoint] {
        let bytes = Array(text.utf8)
        var offset = 0
        var previous: [Int64] = [0, 0, 0, 0]
        var points: [TrackPoint] = []
        while offset < bytes.count {
            guard points.count < maximumPoints else { throw DecodingError(offset: offset, problem: "more than \(maximumPoints) points") }
            var values: [Int64] = [0, 0, 0, 0]
            for index in 0..<4 {
                let delta = try readNumber(bytes, &offset)
                let (sum, overflow) = previous[index].addingReportingOverflow(delta)
                guard !overflow else { throw DecodingError(offset: offset, problem: "a value is out of range") }
                values[index] = sum
            }
            let latitude = Double(values[0]) / 1e6, longitude = Double(values[1]) / 1e6
            guard (-90...90).contains(latitude), (-180...180).contains(longitude) else {
                throw DecodingError(offset: offset, problem: "a position is outside -90…90, -180…180")
            }
            guard values[3] >= 0 else { throw DecodingError(offset: offset, problem: "a negative accuracy") }
            points.append(TrackPoint(point: GeoPoint(latitude: latitude, longitude: longitude), seconds: values[2],
                                     accuracy: values[3] == 0 ? nil : Double(values[3]) / 10))
            previous = values
        }
        return points
    }

    static func scaled(_ point: TrackPoint) -> [Int64] {
        [whole(point.point.latitude * 1e6), whole(point.point.longitude * 1e6), point.seconds,
         point.accuracy.map { max(whole($0 * 10), 1) } ?? 0]
    }

    /// `value` rounded to a whole number, never trapping: not-a-number is 0, and the magnitude is
    /// capped far beyond any real coordinate or accuracy.
    static func whole(_ value: Double) -> Int64 {
        guard value.isFinite else { return 0 }
        return Int64(min(max(value.rounded(), -1e15), 1e15))
    }

    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        var zigzag = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        while zigzag >= 0x20 {
            bytes.append(UInt8(0x20 | (zigzag & 0x1F)) + 63)
            zigzag >>= 5
        }
        bytes.append(UInt8(zigzag) + 63)
    }

    static func readNumber(_ bytes: [UInt8], _ offset: inout Int) throws(DecodingError) -> Int64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard offset < bytes.count else { throw DecodingError(offset: offset, problem: "the text ends inside a point") }
            let byte = bytes[offset]
            guard (63...126).contains(byte) else { throw DecodingError(offset: offset, problem: "character \(byte) is not part of a track") }
            let chunk = UInt64(byte - 63)
            guard shift < 64, shift < 60 || chunk & 0x1F < 16 else { throw DecodingError(offset: offset, problem: "a number is too long") }
            result |= (chunk & 0x1F) << shift
            offset += 1
            if chunk & 0x20 == 0 { break }
            shift += 5
        }
        return Int64(bitPattern: result >> 1) ^ -Int64(bitPattern: result & 1)
    }
}
