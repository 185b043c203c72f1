import Foundation
import Shared

/// A real receiver's character, read from its log: how its fixes scatter about its own smoothed
/// track, and the quality, satellites and HDOP it reported with each.
///
/// No recorded log lies on the maps the tests and the demo use, so a walk along a planned path is
/// simulated; laid over that walk (``apply(to:)``), the character makes it wander and report as
/// the real receiver did, fix by fix, so that the checks downstream meet real GNSS scatter rather
/// than a perfect line.
public struct ReceiverCharacter: Sendable, Equatable {
    /// What the receiver did at one fix.
    public struct Sample: Sendable, Equatable {
        /// The fix's offset from the smoothed track, metres east.
        public var east: Double
        /// The fix's offset from the smoothed track, metres north.
        public var north: Double
        /// The quality the receiver reported.
        public var quality: FixQuality
        /// The satellites it used.
        public var satellites: Int?
        /// Its horizontal dilution of precision.
        public var hdop: Double?
    }

    /// The receiver's fixes in the order recorded; never empty.
    public let samples: [Sample]

    /// Metres per degree of latitude (and of longitude at the equator).
    static let metresPerDegree = 111_320.0

    /// The character of the position fixes in `fixes` (fixes without a position are left out):
    /// each one's offset from the mean of the `smoothing` fixes on either side of it, which follows
    /// the receiver's own movement, so what remains is its scatter. `nil` with no usable fix.
    public init?(fixes: [Fix], smoothing: Int = 5) {
        let usable = fixes.filter { $0.quality != .none }
        guard !usable.isEmpty else { return nil }
        samples = usable.indices.map { index in
            let window = usable[max(0, index - smoothing)...min(usable.count - 1, index + smoothing)]
            let latitude = window.map(\.latitude).reduce(0, +) / Double(window.count)
            let longitude = window.map(\.longitude).reduce(0, +) / Double(window.count)
            let fix = usable[index]
            return Sample(east: (fix.longitude - longitude) * Self.metresPerDegree * cos(latitude * .pi / 180),
                          north: (fix.latitude - latitude) * Self.metresPerDegree,
                          quality: fix.quality, satellites: fix.satellites, hdop: fix.hdop)
        }
    }

    /// The character of the NMEA log at `path`.
    public static func read(nmeaLog path: String) throws -> ReceiverCharacter {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .isoLatin1) } catch {
            throw PositionSourceError.unreadable(path: path, reason: error.localizedDescription)
        }
        guard let character = ReceiverCharacter(fixes: NMEADecoder.decode(text).compactMap(\.fix)) else {
            throw PositionSourceError.unreadable(path: path, reason: "the log holds no position fix")
        }
        return character
    }

    /// `fixes` moved by the receiver's scatter and reporting its quality, satellites and HDOP, the
    /// samples taken in turn (from the first again when the walk outlasts the log).
    public func apply(to fixes: [Fix]) -> [Fix] {
        fixes.enumerated().map { index, fix in
            let sample = samples[index % samples.count]
            var moved = fix
            moved.latitude += sample.north / Self.metresPerDegree
            moved.longitude += sample.east / (Self.metresPerDegree * cos(fix.latitude * .pi / 180))
            moved.quality = sample.quality
            moved.satellites = sample.satellites
            moved.hdop = sample.hdop
            return moved
        }
    }
}
