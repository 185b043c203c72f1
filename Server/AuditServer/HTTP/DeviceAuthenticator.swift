import Hummingbird

/// Authenticates the bearer token of every request under `/v1` and puts its device in the context.
///
/// Refuses with `401 token_missing` or `401 token_rejected` before any handler runs.
struct DeviceAuthenticator: RouterMiddleware {
    let devices: DeviceRegistry

    func handle(_ request: Request, context: DeviceRequestContext,
                next: (Request, DeviceRequestContext) async throws -> Response) async throws -> Response {
        var context = context
        context.device = try await devices.authenticate(authorization: request.headers[.authorization])
        return try await next(request, context)
    }
}
