import Foundation
import Hummingbird
import Shared

/// The console's data-quality findings: `GET /quality?rule=…&severity=…&county=…&state=…&limit=…`,
/// most severe first, each with its customer's position when it has one (so the page can show it
/// on the map), through ``QualityFindings`` as `audit-server quality list`. Every office user may
/// read them; bad filters are answered 400 `bad_filter`.
extension ConsoleRoutes {
    /// The most findings one answer carries.
    static let maximumFindings = 500

    func addQualityRoutes(to api: RouterGroup<OfficeRequestContext>) {
        api.get("/quality") { [database] request, _ in
            let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
            let filter = try Self.qualityFilter(query)
            let answer = try await Self.offThread {
                let findings = try QualityFindings(database: database).list(filter)
                return QualityAnswer(findings: findings, sites: try QualityFindings(database: database).sites(of: findings.map(\.subject)))
            }
            return try JSONResponse.make(answer, for: request)
        }
    }

    /// The filter a query names.
    static func qualityFilter(_ query: [String: String]) throws -> QualityFindings.Filter {
        var filter = QualityFindings.Filter()
        func bad(_ detail: String) -> APIError { APIError(status: 400, code: "bad_filter", detail: detail) }
        for code in (query["rule"] ?? "").split(separator: ",") {
            guard let rule = QualityRule(rawValue: String(code)) else { throw bad("no rule \(code)") }
            filter.rules.append(rule)
        }
        if let severity = query["severity"], !severity.isEmpty {
            guard let level = QualitySeverity(rawValue: severity) else { throw bad("severity must be error, warning or info") }
            filter.severity = level
        }
        if let county = query["county"], !county.isEmpty {
            guard county.count <= 12, county.allSatisfy(\.isASCII), county.allSatisfy(\.isNumber) else { throw bad("a county is 2 to 12 digits") }
            filter.county = county
        }
        switch query["state"] ?? "open" {
        case "open": filter.open = true
        case "closed": filter.open = false
        case "all": filter.open = nil
        default: throw bad("state must be open, closed or all")
        }
        if let limit = query["limit"] {
            guard let value = Int(limit), (1...maximumFindings).contains(value) else { throw bad("limit must be 1 to \(maximumFindings)") }
            filter.limit = value
        } else {
            filter.limit = maximumFindings
        }
        return filter
    }
}

/// `GET /console/api/quality`: the findings, and the positions of the customers among them.
struct QualityAnswer: Encodable {
    var findings: [QualityFinding]
    var sites: [String: GeoPoint]
}
