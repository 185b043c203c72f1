/// Why a GPX file could not be read; each case names the place in the file.
public enum GPXError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The XML itself is broken.
    case malformedXML(line: Int, column: Int, message: String)
    /// The root element is not `<gpx>`, or its version is not 1.0 or 1.1.
    case notGPX(String)
    /// A `<trkpt>` has a missing or impossible value.
    case badPoint(number: Int, line: Int, message: String)

    /// A sentence that says what is wrong and where.
    public var description: String {
        switch self {
        case .malformedXML(let line, let column, let message): "line \(line), column \(column): malformed XML: \(message)"
        case .notGPX(let message): "not a GPX 1.0/1.1 file: \(message)"
        case .badPoint(let number, let line, let message): "line \(line): track point \(number): \(message)"
        }
    }
}
