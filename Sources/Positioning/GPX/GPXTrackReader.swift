import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the track points of a GPX 1.0 or 1.1 file into fixes.
///
/// Each `<trkpt lat lon>` becomes a fix with its `<time>` (ISO 8601, with or without fractions) and
/// `<ele>`, plus `<sat>`, `<hdop>` and `<fix>` when present. A point with no `<fix>` element is taken
/// as a plain GPS fix (``FixQuality/gps``), since a logger records only positions it had. Waypoints
/// and routes are not track points and are skipped, as are extensions. Elements are matched by local
/// name, so both GPX namespaces (and prefixed ones) work.
public enum GPXTrackReader {
    /// Reads a GPX file from disk.
    public static func read(contentsOf url: URL) throws -> GPXTrack {
        try read(Data(contentsOf: url))
    }

    /// Reads GPX from memory.
    public static func read(_ data: Data) throws(GPXError) -> GPXTrack {
        let parser = XMLParser(data: data)
        let collector = GPXCollector()
        parser.delegate = collector
        let parsed = parser.parse()
        if let error = collector.error { throw error }
        guard parsed else {
            throw .malformedXML(line: parser.lineNumber, column: parser.columnNumber,
                                message: parser.parserError.map { "\($0.localizedDescription)" } ?? "unreadable")
        }
        guard let version = collector.version else { throw .notGPX("no <gpx> root element") }
        return GPXTrack(version: version, segments: collector.segments)
    }
}

/// The XML delegate that gathers the points.
private final class GPXCollector: NSObject, XMLParserDelegate {
    var version: String?
    var segments: [[Fix]] = []
    var error: GPXError?

    private var point: Fix?
    private var pointLine = 0
    private var pointCount = 0
    private var text = ""
    private var depth = 0
    private let timeParsers: [ISO8601DateFormatter] = {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return [plain, fractional]
    }()

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        text = ""
        switch Self.localName(elementName) {
        case "gpx" where depth == 1:
            let declared = attributes["version"] ?? ""
            guard declared == "1.0" || declared == "1.1" else {
                fail(parser, .notGPX("version \"\(declared)\" (expected 1.0 or 1.1)"))
                return
            }
            version = declared
        case _ where depth == 1:
            fail(parser, .notGPX("the root element is <\(elementName)>"))
        case "trkseg":
            segments.append([])
        case "trkpt":
            pointCount += 1
            pointLine = parser.lineNumber
            guard let latitude = attributes["lat"].flatMap(Double.init), (-90...90).contains(latitude),
                  let longitude = attributes["lon"].flatMap(Double.init), (-180...180).contains(longitude) else {
                fail(parser, .badPoint(number: pointCount, line: pointLine,
                                       message: "lat must be -90…90 and lon -180…180, got lat=\"\(attributes["lat"] ?? "")\" lon=\"\(attributes["lon"] ?? "")\""))
                return
            }
            point = Fix(time: nil, latitude: latitude, longitude: longitude, quality: .gps)
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if point != nil { text += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        depth -= 1
        guard point != nil else { return }
        let value = text.trimmingCharacters(in: .whitespacesAndNewlines)
        switch Self.localName(elementName) {
        case "trkpt":
            if segments.isEmpty { segments.append([]) }
            segments[segments.count - 1].append(point!)
            point = nil
        case "time":
            guard let date = timeParsers.lazy.compactMap({ $0.date(from: value) }).first else {
                return fail(parser, .badPoint(number: pointCount, line: pointLine, message: "time \"\(value)\" is not ISO 8601"))
            }
            point?.time = FixTime(date)
        case "ele": point?.altitude = number(parser, value, "ele")
        case "hdop": point?.hdop = number(parser, value, "hdop")
        case "sat": point?.satellites = number(parser, value, "sat").map { Int($0) }
        case "fix": point?.quality = Self.quality(value)
        default: break
        }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if error == nil {
            error = .malformedXML(line: parser.lineNumber, column: parser.columnNumber, message: "\(parseError.localizedDescription)")
        }
    }

    private func number(_ parser: XMLParser, _ value: String, _ name: String) -> Double? {
        guard let number = Double(value), number.isFinite else {
            fail(parser, .badPoint(number: pointCount, line: pointLine, message: "<\(name)> \"\(value)\" is not a number"))
            return nil
        }
        return number
    }

    private func fail(_ parser: XMLParser, _ failure: GPXError) {
        if error == nil { error = failure }
        parser.abortParsing()
    }

    private static func localName(_ name: String) -> Substring {
        name.split(separator: ":").last ?? Substring(name)
    }

    /// GPX `<fix>`: none, 2d, 3d, dgps, pps.
    private static func quality(_ value: String) -> FixQuality {
        switch value {
        case "none": .none
        case "dgps": .dgps
        case "pps": .pps
        default: .gps
        }
    }
}
