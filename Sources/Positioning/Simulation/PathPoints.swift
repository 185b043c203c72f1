import Foundation
import Shared

/// Reads a path as text: one `lat,lon` point per line; blank lines and `#` comments are skipped.
///
/// A header line `lat,lon` is allowed. Each bad line is named: `path.csv:7: expected lat,lon in
/// degrees, got "49.95;11.57"`.
public enum PathPoints {
    /// The points of `text`; `name` is used in error messages.
    public static func parse(_ text: String, name: String) throws(PathPointsError) -> [GeoPoint] {
        var points: [GeoPoint] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || (points.isEmpty && line.lowercased() == "lat,lon") { continue }
            let parts = line.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let latitude = Double(parts[0]), let longitude = Double(parts[1]),
                  let point = try? GeoPoint.validated(latitude: latitude, longitude: longitude) else {
                throw PathPointsError(file: name, line: index + 1, message: "expected lat,lon in degrees (-90…90, -180…180), got \"\(line)\"")
            }
            points.append(point)
        }
        guard points.count >= 2 else {
            throw PathPointsError(file: name, line: nil, message: "a path needs at least two points, found \(points.count)")
        }
        return points
    }
}
