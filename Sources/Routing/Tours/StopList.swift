import Foundation
import Shared

/// A list of stops read from CSV (`id,lat,lon` with a header naming the columns in any order), with
/// every bad row reported by line number rather than stopping at the first.
public struct StopList: Sendable {
    /// The good rows.
    public var stops: [TourStop] = []
    /// One sentence per bad row: "FILE:LINE: what is wrong".
    public var problems: [String] = []

    /// Reads CSV bytes; `file` names them in problems.
    public init(csv data: Data, file: String) {
        var reader = CSVReader(data)
        var columns: [String: Int]?
        var seen = Set<String>()
        while true {
            let row: CSVRow
            do {
                guard let next = try reader.nextRow() else { break }
                row = next
            } catch {
                problems.append("\(file):\(error.line): \(error.message)")
                if error.isFatal { break } else { continue }
            }
            guard let header = columns else {
                let names = row.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
                let index = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
                guard ["id", "lat", "lon"].allSatisfy({ index[$0] != nil }) else {
                    problems.append("\(file):\(row.line): the header must name the columns id, lat and lon (got \(row.fields.joined(separator: ",")))")
                    return
                }
                columns = index
                continue
            }
            let cell = { (name: String) -> String in
                let at = header[name]!
                return at < row.fields.count ? row.fields[at].trimmingCharacters(in: .whitespaces) : ""
            }
            let id = cell("id")
            guard !id.isEmpty else { problems.append("\(file):\(row.line): id: must not be empty"); continue }
            guard seen.insert(id).inserted else { problems.append("\(file):\(row.line): id: \"\(id)\" appears twice"); continue }
            guard let lat = Double(cell("lat")), let lon = Double(cell("lon")) else {
                problems.append("\(file):\(row.line): lat/lon: must be decimal degrees (got \"\(cell("lat"))\", \"\(cell("lon"))\")")
                continue
            }
            do {
                stops.append(TourStop(id: id, point: try GeoPoint.validated(latitude: lat, longitude: lon)))
            } catch {
                problems.append("\(file):\(row.line): \(error.field): \(error.rule) (got \"\(error.value ?? "")\")")
            }
        }
        if columns == nil, problems.isEmpty { problems.append("\(file):1: the file is empty; expected a header id,lat,lon") }
    }
}
