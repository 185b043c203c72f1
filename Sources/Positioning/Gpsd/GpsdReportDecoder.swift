import Foundation

/// Turns gpsd's JSON reports, one per line, into fixes.
///
/// `TPV` reports carry time, position, mode and motion; `SKY` reports carry HDOP and the satellites
/// used, which the decoder remembers and adds to the following TPV fixes. A TPV with mode 0 or 1
/// (no fix) or without a position gives no fix. Other classes (`VERSION`, `DEVICES`, `WATCH`, …) and
/// lines that are not JSON objects are ignored.
public struct GpsdReportDecoder: Sendable {
    private var hdop: Double?
    private var satellitesUsed: Int?

    /// Creates a decoder that has seen no SKY report yet.
    public init() {}

    /// Reads one line; returns the fix it carries, if any.
    public mutating func decode(line: some StringProtocol) -> Fix? {
        guard let data = String(line).data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let kind = object["class"] as? String else { return nil }
        switch kind {
        case "SKY":
            if let value = Self.number(object["hdop"]) { hdop = value }
            if let used = Self.number(object["uSat"]) {
                satellitesUsed = Int(used)
            } else if let satellites = object["satellites"] as? [[String: Any]] {
                satellitesUsed = satellites.filter { $0["used"] as? Bool == true }.count
            }
            return nil
        case "TPV":
            return fix(object).map { fix in
                var fix = fix
                fix.raw = Fix.evidence(String(line))
                return fix
            }
        default:
            return nil
        }
    }

    private func fix(_ report: [String: Any]) -> Fix? {
        guard let mode = Self.number(report["mode"]), mode >= 2,
              let latitude = Self.number(report["lat"]), (-90...90).contains(latitude),
              let longitude = Self.number(report["lon"]), (-180...180).contains(longitude) else { return nil }
        let time = (report["time"] as? String).flatMap(Self.date).map(FixTime.init)
        return Fix(time: time, latitude: latitude, longitude: longitude, quality: Self.quality(report["status"]),
                   satellites: satellitesUsed, hdop: hdop, altitude: Self.number(report["altMSL"]) ?? Self.number(report["alt"]),
                   speed: Self.number(report["speed"]), course: Self.number(report["track"]), horizontalError: Self.number(report["eph"]))
    }

    /// gpsd's TPV `status`: 2 DGPS, 3 RTK fixed, 4 RTK float, 5 dead reckoning, 6 GNSS+DR, 7 time only, 8 simulated.
    private static func quality(_ value: Any?) -> FixQuality {
        switch number(value).map(Int.init) {
        case 2: .dgps
        case 3: .rtk
        case 4: .floatRTK
        case 5, 6: .estimated
        case 8: .simulation
        default: .gps
        }
    }

    private static func number(_ value: Any?) -> Double? {
        guard let number = value as? NSNumber else { return nil }
        let double = number.doubleValue
        return double.isFinite ? double : nil
    }

    private static func date(_ text: String) -> Date? {
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }
}
