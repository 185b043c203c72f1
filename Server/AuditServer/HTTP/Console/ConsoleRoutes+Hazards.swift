import Foundation
import Hummingbird
import Shared

/// The console's hazards: `GET /hazards?state=…&severity=…&overdue=true` lists them the most severe
/// first, and `GET /hazards/:id` shows one with every step of its life (every office user may read
/// them); `POST /hazards/:id/plan|rectified|reinspect|close`
/// takes a step of their life as the logged-in user (a writer's), through ``HazardService`` as
/// `audit-server hazard` does. Bad filters are 400 `bad_filter`; a step from the wrong state 409
/// `invalid_transition`, with nothing written.
extension ConsoleRoutes {
    func addHazardRoutes(to api: RouterGroup<OfficeRequestContext>) {
        api.get("/hazards") { [database] request, _ in
            let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
            let filter = try Self.hazardFilter(query)
            let hazards = try await Self.offThread { try HazardService(database: database).hazards(filter) }
            return try JSONResponse.make(["hazards": hazards.map { HazardRow($0, today: filter.today) }], for: request)
        }
        api.get("/hazards/:id") { [database] request, context in
            let id = context.parameters.get("id") ?? ""
            let detail = try await Self.offThread {
                do { return try HazardService(database: database).detail(id) } catch let error as HazardError { throw error.apiError }
            }
            return try JSONResponse.make(detail, for: request)
        }
        let writes = api.group("/hazards").add(middleware: OfficeRoleMiddleware(need: .auditDataWrites))
        writes.post("/:id/:step") { [database] request, context in
            let id = context.parameters.get("id") ?? ""
            guard let step = context.parameters.get("step").flatMap(HazardStep.init(rawValue:)) else {
                throw APIError.notFound("no such step: plan, rectified, reinspect or close")
            }
            let body = step == .plan || step == .reinspect
                ? try await Self.decode(HazardStepRequest.self, from: request, example: HazardStepRequest.example) : HazardStepRequest()
            let service = HazardService(database: database, author: context.session.user.name)
            let hazard = try await Self.offThread {
                do { return try body.take(step, on: id, with: service) } catch let error as HazardError { throw error.apiError }
            }
            return try JSONResponse.make(HazardRow(hazard, today: HazardService.today()), for: request)
        }
    }

    /// The filter a query names.
    static func hazardFilter(_ query: [String: String]) throws -> HazardFilter {
        var filter = HazardFilter()
        func bad(_ detail: String) -> APIError { APIError(status: 400, code: "bad_filter", detail: detail) }
        if let state = query["state"], !state.isEmpty {
            guard let value = HazardState(rawValue: state) else { throw bad("state must be one of " + HazardState.allCases.map(\.rawValue).joined(separator: ", ")) }
            filter.state = value
        }
        if let severity = query["severity"], !severity.isEmpty {
            guard let value = HazardSeverity(rawValue: severity) else { throw bad("severity must be low, medium, high or critical") }
            filter.severity = value
        }
        switch query["overdue"] ?? "false" {
        case "true": filter.overdue = true
        case "false", "": filter.overdue = false
        default: throw bad("overdue must be true or false")
        }
        return filter
    }
}

/// The body of `POST /console/api/hazards/:id/plan` (`owner`, `due`) and `…/reinspect`
/// (`assignee`, optional `due` and `area`).
struct HazardStepRequest: Decodable {
    var owner: String?
    var due: String?
    var assignee: String?
    var area: String?

    static let example = #"{"owner": "Line crew 3", "due": "2026-12-20"} or {"assignee": "ben", "due": "2026-12-28"}"#

    /// Takes `step` on hazard `id` with this body's values.
    func take(_ step: HazardStep, on id: String, with service: HazardService) throws -> Hazard {
        func missing(_ field: String) -> APIError { APIError(status: 400, code: "malformed", detail: "\(step.rawValue) needs \(field): send JSON like \(Self.example)") }
        switch step {
        case .plan:
            guard let owner, !owner.isEmpty else { throw missing("owner") }
            guard let due else { throw missing("due") }
            return try service.plan(id, owner: owner, due: due)
        case .rectified:
            return try service.markRectified(id)
        case .reinspect:
            guard let assignee, !assignee.isEmpty else { throw missing("assignee") }
            let hazard = try service.hazard(id)
            let area = self.area ?? LocalizedText("hazard.reinspection_area", ["type": hazard.type.rawValue]).english
            return try service.reinspect(id, assignee: assignee, due: due, area: area).hazard
        case .close:
            return try service.close(id)
        }
    }
}
