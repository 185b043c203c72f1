import Foundation
import Hummingbird

/// Turns every error into the API's JSON error answer and counts requests by route and status.
///
/// Requests are counted under the route template Hummingbird matched (`/v1/maps/{work_order}`),
/// so metrics do not grow a label per work order; requests that matched no route are counted
/// under ``ServerMetrics/unmatchedRoute``.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = error.response
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : "http_\(error.status.code)"
            let detail = error.status == .notFound ? "no route \(request.method) \(request.uri.path)" : (error.body ?? error.status.reasonPhrase)
            response = APIError(status: error.status.code, code: code, detail: detail).response
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = APIError(status: 500, code: "internal", detail: "the server could not complete the request; nothing was written").response
        }
        metrics.recordRequest(route: Self.route(context.endpointPath), status: response.status.code)
        return response
    }

    /// The matched route template; Hummingbird reports unmatched requests as `nil` or `NotFound`.
    static func route(_ endpointPath: String?) -> String {
        guard let endpointPath, endpointPath.hasPrefix("/") else { return ServerMetrics.unmatchedRoute }
        return endpointPath
    }
}
