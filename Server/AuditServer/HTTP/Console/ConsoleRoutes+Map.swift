import Foundation
import Hummingbird
import Routing
import Shared

/// The console's map and its cuts of work: the viewport's customers or clusters, the roads, the
/// preview of a cut, and the work-order writes (create, reassign, split) a dispatcher makes.
extension ConsoleRoutes {
    func addMapRoutes(to api: RouterGroup<OfficeRequestContext>) {
        let map = OfficeMap(database: database)
        api.get("/map") { request, _ in
            let selection = try Self.selection(in: request)
            return try JSONResponse.make(try await Self.offThread { try map.view(selection) }, for: request)
        }
        let list = CustomerList(database: database)
        api.get("/customers") { request, _ in
            let selection = try Self.selection(in: request, boxRequired: false)
            let query = request.uri.queryParameters
            guard let size = Int(query["limit"].map(String.init) ?? "50") else {
                throw APIError(status: 400, code: "invalid_limit", detail: "limit must be a whole number")
            }
            let after = query["after"].map(String.init)
            return try JSONResponse.make(try await Self.offThread { try list.page(selection, after: after, size: size) }, for: request)
        }
        api.get("/map/extent") { request, _ in
            guard let box = try await Self.offThread({ try map.extent() }) else { throw APIError.notFound("no customer has a position yet") }
            return try JSONResponse.make(box, for: request)
        }
        api.get("/map/roads") { [maps] request, _ in
            let box = try Self.selection(in: request).box
            let data = try await Self.offThread { try maps?.currentMap().map { RoadLayer.geoJSON($0, inside: box) } }
            guard let data else { throw APIError.notFound("no road map was imported: audit-server map import") }
            return Response(status: .ok, headers: [.contentType: "application/geo+json"], body: .init(byteBuffer: ByteBuffer(data: data)))
        }
        api.post("/cuts/preview") { [maps] request, _ in
            let cut = try await Self.decode(CutRequest.self, from: request, example: CutRequest.example)
            let preview = try await Self.offThread { try WorkCut.preview(cut.selection, travel: cut.travel ?? .foot, map: map, maps: maps) }
            return try JSONResponse.make(preview, for: request)
        }

        let writes = api.group("/work-orders").add(middleware: OfficeRoleMiddleware(need: .auditDataWrites))
        writes.post { [database] request, context in
            let cut = try await Self.decode(CutRequest.self, from: request, example: CutRequest.example)
            guard let assignee = cut.assignee.nonEmpty else {
                throw APIError(status: 400, code: "no_assignee", detail: "name the auditor who does the work: \"assignee\"")
            }
            let office = DispatchService(database: database, author: context.session.user.name)
            let order = try await Self.offThread {
                let customers = try map.customers(cut.selection).map(\.id)
                return try office.createWorkOrder(assignee: assignee, customers: customers, area: cut.area.nonEmpty, due: cut.due.nonEmpty,
                                                  priority: cut.priority, travel: cut.travel)
            }
            return try JSONResponse.make(WorkOrderAnswer(order), status: .created, for: request)
        }
        writes.post("/:id/reassign") { [database] request, context in
            let id = context.parameters.get("id") ?? ""
            let body = try await Self.decode(ReassignRequest.self, from: request, example: #"{"assignee": "NAME"}"#)
            let office = DispatchService(database: database, author: context.session.user.name)
            let order = try await Self.offThread { try office.reassign(workOrder: id, to: body.assignee) }
            return try JSONResponse.make(WorkOrderAnswer(order), for: request)
        }
        writes.post("/:id/split") { [database] request, context in
            let id = context.parameters.get("id") ?? ""
            let body = try await Self.decode(SplitRequest.self, from: request, example: #"{"customers": [IDS], "assignee": "NAME"}"#)
            let office = DispatchService(database: database, author: context.session.user.name)
            let (remaining, split) = try await Self.offThread { try office.split(workOrder: id, customers: body.customers, to: body.assignee) }
            return try JSONResponse.make(["remaining": WorkOrderAnswer(remaining), "split": WorkOrderAnswer(split)], status: .created, for: request)
        }
    }

    /// The selection a map request's query names (its box may be left out when not `boxRequired`).
    static func selection(in request: Request, boxRequired: Bool = true) throws -> CustomerSelection {
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        do { return try CustomerSelection(query: query, boxRequired: boxRequired) } catch {
            throw APIError(status: 400, code: "invalid_selection", detail: "\(error)")
        }
    }

    /// A JSON body of type `T` (at most `limit` bytes), or a 400 that shows `example`.
    static func decode<T: Decodable>(_ type: T.Type, from request: Request, example: String, limit: Int = 65_536) async throws -> T {
        let body = try await RequestBody.read(request, limit: limit)
        guard let value = try? WireCoding.decode(T.self, from: body) else {
            throw APIError(status: 400, code: "malformed", detail: "send JSON like \(example)")
        }
        return value
    }
}

/// A cut of work: which customers (`selection`), and for a new work order whom, when and how.
struct CutRequest: Decodable {
    var selection: CustomerSelection
    var assignee: String?
    var area: String?
    var due: String?
    var priority: Int64?
    var travel: TravelProfile?

    static let example = #"{"selection": {"box": {"south": S, "west": W, "north": N, "east": E}, "polygon": [{"latitude": LAT, "longitude": LON}, …], "county": C}, "assignee": "NAME", "due": "YYYY-MM-DD"}"#
}

struct ReassignRequest: Decodable {
    var assignee: String
}

struct SplitRequest: Decodable {
    var customers: [String]
    var assignee: String
}

/// A work order as the console shows it.
struct WorkOrderAnswer: Encodable {
    var id: String
    var area: String
    var assignee: String
    var customers: [String]
    var due: String?
    var priority: Int64?

    init(_ order: WorkOrder) {
        id = order.id.rawValue
        area = order.area
        assignee = order.assignee
        customers = order.customers.map(\.rawValue)
        due = order.due
        priority = order.priority
    }
}
