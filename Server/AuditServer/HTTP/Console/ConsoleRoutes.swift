import Foundation
import Hummingbird
import Shared

/// The office console at `/console`: its pages and assets, the vendor libraries from Debian's
/// packages, the message catalogue, and the JSON API behind a login (documented in `openapi.yaml`).
struct ConsoleRoutes: Sendable {
    let accounts: OfficeAccounts
    let records: RecordInspection
    /// The store office writes go to, each made as the logged-in user.
    let database: any ServerStore
    /// Whether the server speaks TLS: session cookies are then `Secure`.
    let secureCookies: Bool
    /// Where the console's own files are (the AuditServer bundle's `Console` resources).
    let assetsFolder: String
    /// Where Debian's `libjs-leaflet` and `libjs-chart.js` put their files.
    let vendorFolder: String
    /// The imported road map (roads on the map, paths of cuts); `nil` when the server has none.
    let maps: WorkOrderMaps?
    /// Wakes the event streams when the change log moves.
    let notifier: ChangeNotifier

    /// The console's files, outside any route group so that they see every request under their paths.
    func fileMiddlewares() -> [FileMiddleware<DeviceRequestContext, LocalFileSystem>] {
        [FileMiddleware(assetsFolder, urlBasePath: "/console", searchForIndexHtml: true),
         FileMiddleware(vendorFolder, urlBasePath: "/console/vendor")]
    }

    func add(to router: Router<DeviceRequestContext>) {
        router.get("/console/messages/:language") { _, context in
            let code = context.parameters.get("language") ?? ""
            guard let language = Language(rawValue: code.replacingOccurrences(of: ".json", with: "")) else {
                throw APIError.notFound("no messages in \(code): zh-CN.json or en.json")
            }
            let texts = MessageCatalogue.entries.mapValues { $0[language] ?? "" }
            return try JSONResponse.make(texts, for: nil)
        }
        router.post("/console/api/login") { [accounts, secureCookies] request, context in
            guard request.headers[.contentType]?.hasPrefix("application/json") == true else {
                // A cross-site form cannot send JSON without the browser asking first: no login CSRF.
                throw APIError(status: 415, code: "json_required", detail: "send the login as application/json")
            }
            let body = try await RequestBody.read(request, limit: 4_096)
            guard let login = try? WireCoding.decode(LoginRequest.self, from: body) else {
                throw APIError(status: 400, code: "malformed", detail: "send {\"user\": NAME, \"password\": PASSWORD}")
            }
            let opened: (token: String, session: OfficeSession)
            do {
                opened = try await Self.offThread { try accounts.logIn(login.user, password: login.password, address: context.remoteAddress) }
            } catch let refusal as OfficeAccounts.Refusal {
                switch refusal {
                case .throttled(let seconds):
                    throw APIError.tooManyRequests("too_many_logins", detail: refusal.description, retryAfter: Int(seconds))
                default:
                    throw APIError(status: 401, code: "wrong_credentials", detail: refusal.description)
                }
            }
            var response = try JSONResponse.make(SessionAnswer(opened.session), for: request)
            response.setCookie(ConsoleCookie.session(opened.token, secure: secureCookies))
            return response
        }
        let api = router.group("/console/api").add(middleware: OfficeSessionMiddleware(accounts: accounts))
            .group(context: OfficeRequestContext.self)
        api.get("/session") { request, context in
            try JSONResponse.make(SessionAnswer(context.session), for: request)
        }
        addMapRoutes(to: api)
        addEventRoutes(to: api)
        addConflictRoutes(to: api)
        addBulletinRoutes(to: api)
        addQualityRoutes(to: api)
        addMessageRoutes(to: api)
        addHazardRoutes(to: api)
        // A record by its id; account numbers are found with a POST, so no customer's number is
        // ever in a URL (and so in a log).
        api.post("/records/find") { [records] request, _ in
            let body = try await RequestBody.read(request, limit: 4_096)
            guard let find = try? WireCoding.decode(FindRequest.self, from: body) else {
                throw APIError(status: 400, code: "malformed", detail: "send {\"reference\": ID or account number}")
            }
            let view = try await Self.offThread { try records.view(find.reference) }
            return try JSONResponse.make(["kind": view.kind, "id": view.id], for: request)
        }
        api.get("/records/:id") { [records] request, context in
            let id = context.parameters.get("id") ?? ""
            return try JSONResponse.make(try await Self.offThread { try RecordAnswer(id, records: records) }, for: request)
        }
        // Progress for leaders: the report `audit-server progress` prints, and its tables as CSV.
        api.get("/progress") { [database] request, _ in
            let office = DispatchService(database: database)
            return try JSONResponse.make(try await Self.offThread { try office.progress() }, for: request)
        }
        api.get("/progress/:table") { [database] _, context in
            let office = DispatchService(database: database)
            let report = try await Self.offThread { try office.progress() }
            let (name, csv): (String, String) = switch context.parameters.get("table") {
            case "auditors.csv": ("auditors", report.auditorsCSV)
            case "work-orders.csv": ("work-orders", report.workOrdersCSV)
            case "counties.csv": ("counties", report.countiesCSV)
            case "days.csv": ("days", report.daysCSV)
            default: throw APIError.notFound("no such table: auditors.csv, work-orders.csv, counties.csv or days.csv")
            }
            return Response(status: .ok, headers: [.contentType: "text/csv; charset=utf-8",
                                                   .contentDisposition: "attachment; filename=\"progress-\(name).csv\""],
                            body: .init(byteBuffer: ByteBuffer(string: csv)))
        }
        // The plan for the Gantt chart: open work orders, done per day, each auditor's workload.
        // The Gantt: each open order, with its pending customers planned into days on the road map.
        let dayPlans = OrderDayPlans(maps: maps)
        api.get("/plan") { [database] request, _ in
            let office = DispatchService(database: database)
            return try JSONResponse.make(try await Self.offThread { try dayPlans.adding(to: try office.plan(), database: database) }, for: request)
        }
        // Devices and users: an admin's.
        let admin = api.group("/admin").add(middleware: OfficeRoleMiddleware(need: .accountManagement))
        admin.get("/devices") { [database] request, _ in
            let registry = DeviceRegistry(database: database)
            return try JSONResponse.make(try await Self.offThread { try registry.listing() }, for: request)
        }
        admin.post("/devices/:name/revoke") { [database] request, context in
            let name = context.parameters.get("name") ?? ""
            let registry = DeviceRegistry(database: database)
            try await Self.offThread { try registry.revoke(name: name) }
            return try JSONResponse.make(try await Self.offThread { try registry.listing() }, for: request)
        }
        admin.get("/users") { [accounts] request, _ in
            try JSONResponse.make(try await Self.offThread { try accounts.list() }, for: request)
        }
        let writes = api.group("/records").add(middleware: OfficeRoleMiddleware(need: .auditDataWrites))
        // Resolves a conflict: keep one writer's value, or type another. Made as the logged-in
        // user, whom the record's history names.
        writes.post("/:id/resolve") { [records, database] request, context in
            let id = context.parameters.get("id") ?? ""
            let body = try await RequestBody.read(request, limit: 16_384)
            guard let resolve = try? WireCoding.decode(ResolveRequest.self, from: body), let resolution = resolve.resolution else {
                throw APIError(status: 400, code: "malformed", detail: "send {\"field\": NAME, \"keep\": REPLICA} or {\"field\": NAME, \"value\": TEXT}")
            }
            let office = DispatchService(database: database, author: context.session.user.name)
            let answer = try await Self.offThread {
                _ = try office.resolve(try records.key(of: id), field: resolve.field, with: resolution)
                return try RecordAnswer(id, records: records)
            }
            return try JSONResponse.make(answer, for: request)
        }
        api.post("/logout") { [accounts, secureCookies] request, _ in
            if let token = request.cookies[ConsoleCookie.name]?.value { try await accounts.logOut(token: token) }
            var response = Response(status: .noContent)
            response.setCookie(ConsoleCookie.cleared(secure: secureCookies))
            return response
        }
    }

    /// Runs the slow password check off the event loop.
    static func offThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try body() }) }
        }
    }
}

/// `POST /console/api/records/find`'s body.
struct FindRequest: Decodable {
    var reference: String
}

/// `POST /console/api/records/{id}/resolve`'s body: keep the value `keep` wrote, or write `value`.
struct ResolveRequest: Decodable {
    var field: String
    var keep: String?
    var value: String?

    var resolution: DispatchService.Resolution? {
        switch (keep, value) {
        case (let replica?, nil): (try? ReplicaID(validating: replica)).map { .pick($0) }
        case (nil, let text?): .value(text)
        default: nil
        }
    }
}

/// A record now and its history, for the console's record page.
struct RecordAnswer: Encodable {
    var record: RecordInspection.View
    var history: [RecordInspection.Write]
    /// A customer's visits with their evidence of presence.
    var visits: [CustomerVisitEvidence]

    /// The record `id` now, its history and (a customer's) visits.
    init(_ id: String, records: RecordInspection) throws {
        record = try records.view(id)
        history = try records.history(id).writes
        visits = record.kind == RecordKind.customer.rawValue ? try records.visits(of: record.id) : []
    }
}

/// `POST /console/api/login`'s body.
struct LoginRequest: Decodable {
    var user: String
    var password: String
}

/// Who is logged in, and the token their writes must carry.
struct SessionAnswer: Encodable {
    var user: String
    var role: String
    var csrfToken: String
    var expiresAtMs: Int64

    enum CodingKeys: String, CodingKey {
        case user, role
        case csrfToken = "csrf_token"
        case expiresAtMs = "expires_at_ms"
    }

    init(_ session: OfficeSession) {
        user = session.user.name
        role = session.user.role.rawValue
        csrfToken = session.csrfToken
        expiresAtMs = session.expiresAtMilliseconds
    }
}
