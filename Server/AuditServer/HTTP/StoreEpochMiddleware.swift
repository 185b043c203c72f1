import Hummingbird

/// Names the store's epoch on every answer (header `FieldAudit-Store: ID`), errors included, so a
/// tablet notices a restored store before it sends anything (see ``StoreEpoch``).
///
/// The epoch cannot change under a running server: `audit-server restore` refuses while one runs.
struct StoreEpochMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The header's name.
    static var header: HTTPFields.Element.Name { HTTPFields.Element.Name("FieldAudit-Store")! }

    let epoch: StoreEpoch

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[Self.header] = epoch.id
        return response
    }
}
