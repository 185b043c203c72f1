import Foundation
import Hummingbird
import Shared

/// The console's bulletins, made on demand from ``BulletinService`` (the service
/// `audit-server bulletin` writes files from), so a supervisor always reads current figures:
///
/// - `GET /bulletins?period=week` lists the latest periods of a kind and the counties;
/// - `GET /bulletins/{period}/{start}` is a bulletin's figures as JSON;
/// - `GET /bulletins/{period}/{start}/page.html?lang=zh-CN` the page itself, as the CLI writes it;
/// - `GET /bulletins/{period}/{start}/{table}.csv` one of its tables.
///
/// `county=C` limits any of them to one county. Every office user may read them.
extension ConsoleRoutes {
    /// How many periods the list offers.
    static let listedPeriods = 12

    func addBulletinRoutes(to api: RouterGroup<OfficeRequestContext>) {
        api.get("/bulletins") { [database] request, _ in
            let query = request.uri.queryParameters
            let kind = try Self.bulletinKind(query["period"].map(String.init) ?? "week")
            let service = BulletinService(database: database)
            var period = try Self.refusing { try BulletinService.period(kind, date: nil) }
            var periods: [BulletinPeriod] = []
            for _ in 0..<Self.listedPeriods {
                periods.append(period)
                period = period.previous
            }
            let counties = try await Self.offThread { try service.counties() }
            return try JSONResponse.make(BulletinListAnswer(periods: periods, counties: counties), for: request)
        }
        api.get("/bulletins/:period/:start") { [database] request, context in
            let report = try await Self.bulletin(request, context, database: database)
            return try JSONResponse.make(report, for: request)
        }
        api.get("/bulletins/:period/:start/:file") { [database] request, context in
            let report = try await Self.bulletin(request, context, database: database)
            let file = context.parameters.get("file") ?? ""
            if file == "page.html" {
                let language = request.uri.queryParameters["lang"].flatMap { Language(rawValue: String($0)) } ?? .simplifiedChinese
                return Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: BulletinPage(report, language: language).html)))
            }
            let table = file.hasSuffix(".csv") ? String(file.dropLast(4)) : file
            guard let csv = BulletinTables(report).csv(table) else {
                throw APIError.notFound("no such file: page.html or one of " + BulletinTables.names.map { $0 + ".csv" }.joined(separator: ", "))
            }
            let name = BulletinFiles(report, language: .english).tableName(table)
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(name)\""],
                            body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
    }

    /// The bulletin the path and the query name.
    private static func bulletin(_ request: Request, _ context: OfficeRequestContext, database: any ServerStore) async throws -> BulletinReport {
        let kind = try bulletinKind(context.parameters.get("period") ?? "")
        let start = context.parameters.get("start") ?? ""
        let county = request.uri.queryParameters["county"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let period = try refusing { try BulletinService.period(kind, date: start) }
        let service = BulletinService(database: database)
        return try await offThread { try refusing { try service.report(period, county: county) } }
    }

    private static func bulletinKind(_ text: String) throws -> BulletinPeriod.Kind {
        guard let kind = BulletinPeriod.Kind(rawValue: text) else {
            throw APIError(status: 400, code: "bad_period", detail: "period must be day, week or month, not \(text)")
        }
        return kind
    }

    /// `body`'s value; a ``BulletinService/Refusal`` becomes a 400 `bad_bulletin` in English.
    private static func refusing<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let refusal as BulletinService.Refusal {
            throw APIError(status: 400, code: "bad_bulletin", detail: refusal.description)
        }
    }
}

/// `GET /console/api/bulletins`: the latest periods of a kind, newest first, and the counties.
struct BulletinListAnswer: Encodable {
    var periods: [BulletinPeriod]
    var counties: [String]
}
