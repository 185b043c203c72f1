import Foundation
import Hummingbird
import Shared

/// The console's conflicts page: many conflicts resolved at once by a rule, after a preview.
/// `POST /conflicts/preview` lists what a rule would do (anyone logged in may look);
/// `POST /conflicts/apply` resolves the previewed conflicts, each as the logged-in user (a writer's).
extension ConsoleRoutes {
    func addConflictRoutes(to api: RouterGroup<OfficeRequestContext>) {
        api.post("/conflicts/preview") { [database] request, _ in
            let rule = try await Self.decode(ConflictRule.self, from: request, example: ConflictApplyRequest.ruleExample)
            let office = DispatchService(database: database)
            return try JSONResponse.make(["conflicts": try await Self.offThread { try office.preview(rule) }], for: request)
        }
        let writes = api.group("/conflicts").add(middleware: OfficeRoleMiddleware(need: .auditDataWrites))
        writes.post("/apply") { [database] request, context in
            // A preview's targets can be many: a larger body than other writes take.
            let apply = try await Self.decode(ConflictApplyRequest.self, from: request, example: ConflictApplyRequest.example, limit: 16 << 20)
            guard !apply.conflicts.isEmpty else {
                throw APIError(status: 400, code: "malformed", detail: "send JSON like \(ConflictApplyRequest.example)")
            }
            let office = DispatchService(database: database, author: context.session.user.name)
            let outcomes = try await Self.offThread { try office.apply(apply.rule, to: apply.conflicts) }
            return try JSONResponse.make(ConflictApplyAnswer(conflicts: outcomes), for: request)
        }
    }
}

/// `POST /console/api/conflicts/apply`'s body: the rule, and the conflicts its preview listed.
struct ConflictApplyRequest: Decodable {
    var field: String
    var keep: ConflictRule.Side
    var kind: RecordKind?
    var county: String?
    var conflicts: [ConflictTarget]

    var rule: ConflictRule { ConflictRule(field: field, keep: keep, kind: kind, county: county) }

    static let ruleExample = #"{"field": "tariff", "keep": "mis|office|auditor|newest", "kind": "customer", "county": C}"#
    static let example = #"{"field": "tariff", "keep": "mis", "conflicts": [{"kind": "customer", "id": ID, "field": "tariff", "digest": FROM_PREVIEW}, …]}"#
}

/// What applying a rule did: each conflict's outcome, and how many were resolved and left alone.
struct ConflictApplyAnswer: Encodable {
    var conflicts: [ConflictMatch]
    var resolved: Int
    var left: Int

    init(conflicts: [ConflictMatch]) {
        self.conflicts = conflicts
        resolved = conflicts.count { $0.skipped == nil }
        left = conflicts.count - resolved
    }
}
