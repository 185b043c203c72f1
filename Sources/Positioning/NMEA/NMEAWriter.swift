import Foundation

/// Writes fixes as NMEA 0183: one GGA and one RMC sentence per fix, each with its checksum.
///
/// Positions are written with five decimals of minutes (about 2 cm), times with hundredths of a
/// second. A fix without a day gets an empty RMC date; a fix without a time gets empty time fields.
/// The demo uses it to turn a planned route into a log, so the position path runs through the real
/// reader.
public struct NMEAWriter: Sendable {
    /// The talker written before each type, `GP` by default.
    public var talker: String

    /// Creates a writer for `talker` (two upper-case letters).
    public init(talker: String = "GP") {
        self.talker = talker
    }

    /// The GGA and RMC sentences of one fix, without line endings.
    public func sentences(for fix: Fix) -> [String] {
        let time = fix.time.map { Self.clock($0.secondsOfDay) } ?? ""
        let latitude = Self.coordinate(fix.latitude, degreeDigits: 2, positive: "N", negative: "S")
        let longitude = Self.coordinate(fix.longitude, degreeDigits: 3, positive: "E", negative: "W")
        let valid = fix.quality.hasPosition
        let gga = [talker + "GGA", time, latitude, longitude, String(fix.quality.rawValue),
                   fix.satellites.map { String(format: "%02d", $0) } ?? "", fix.hdop.map { String(format: "%.1f", $0) } ?? "",
                   fix.altitude.map { String(format: "%.1f", $0) } ?? "", "M", "", "M", "", ""]
        let date = fix.time?.day.map { String(format: "%02d%02d%02d", $0.day, $0.month, $0.year % 100) } ?? ""
        let rmc = [talker + "RMC", time, valid ? "A" : "V", latitude, longitude,
                   fix.speed.map { String(format: "%.2f", $0 / Units.metresPerSecondPerKnot) } ?? "",
                   fix.course.map { String(format: "%.1f", $0) } ?? "", date, "", "", valid ? (fix.quality == .dgps ? "D" : "A") : "N"]
        return [Self.sentence(gga.joined(separator: ",")), Self.sentence(rmc.joined(separator: ","))]
    }

    /// A whole log: every fix's sentences, each line ended by CR LF as NMEA prescribes.
    public func log<Fixes: Sequence>(for fixes: Fixes) -> String where Fixes.Element == Fix {
        fixes.flatMap(sentences(for:)).map { $0 + "\r\n" }.joined()
    }

    /// Writes the log of `fixes` to `url` through a temporary file and a rename, so a reader never
    /// sees half a file.
    public func write<Fixes: Sequence>(_ fixes: Fixes, to url: URL) throws where Fixes.Element == Fix {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try Data(log(for: fixes).utf8).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// `$` + body + `*` + checksum.
    public static func sentence(_ body: String) -> String {
        "$\(body)*\(NMEAChecksum.hex(NMEAChecksum.of(body)))"
    }

    private static func clock(_ secondsOfDay: Double) -> String {
        // Clamped so the last moments of a day stay on that day (the RMC date is not rolled).
        let hundredths = min(8_639_999, max(0, Int((secondsOfDay * 100).rounded())))
        let seconds = hundredths / 100
        return String(format: "%02d%02d%02d.%02d", seconds / 3600, seconds / 60 % 60, seconds % 60, hundredths % 100)
    }

    private static func coordinate(_ value: Double, degreeDigits: Int, positive: String, negative: String) -> String {
        let scale = 100_000
        let total = Int((abs(value) * 60 * Double(scale)).rounded())
        let degrees = total / (60 * scale), minutes = total % (60 * scale)
        let text = String(format: "%0\(degreeDigits)d%02d.%05d", degrees, minutes / scale, minutes % scale)
        return text + "," + (value < 0 ? negative : positive)
    }
}
