import Compression
import Foundation
import Hummingbird
import Shared

/// JSON responses, gzip-compressed when the client accepts it and the body is large enough to gain.
enum JSONResponse {
    /// Bodies smaller than this are sent as they are.
    static let compressionThreshold = 1_024

    static func make(_ value: some Encodable, status: HTTPResponse.Status = .ok, for request: Request?) throws -> Response {
        make(encoded: try WireCoding.encode(value), status: status, for: request)
    }

    /// A response whose JSON body is already encoded.
    static func make(encoded data: Data, status: HTTPResponse.Status = .ok, for request: Request?) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        let acceptsGzip = request?.headers[.acceptEncoding]?.contains("gzip") ?? false
        if acceptsGzip, data.count >= compressionThreshold {
            headers[.contentEncoding] = "gzip"
            return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: Gzip.compress(data, level: Gzip.syncLevel))))
        }
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Reading request bodies with a size limit, gunzipping `Content-Encoding: gzip` bodies.
enum RequestBody {
    static func read(_ request: Request, limit: Int) async throws -> Data {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limit)
        } catch {
            throw APIError(status: 413, code: "body_too_large", detail: "the request body is over the limit of \(limit) bytes; send smaller batches")
        }
        let data = Data(buffer.readableBytesView)
        guard let encoding = request.headers[.contentEncoding], encoding != "identity" else { return data }
        guard encoding == "gzip" else {
            throw APIError(status: 415, code: "unsupported_encoding", detail: "Content-Encoding \(encoding) is not supported; use gzip or none")
        }
        let inflated: Data
        do { inflated = try Gzip.decompress(data) } catch {
            throw APIError(status: 400, code: "malformed_request", detail: "the gzip body could not be decompressed: \(error)")
        }
        guard inflated.count <= limit else {
            throw APIError(status: 413, code: "body_too_large", detail: "the decompressed body is over the limit of \(limit) bytes; send smaller batches")
        }
        return inflated
    }
}

/// Turns every error into the API's JSON error body and counts requests by route and status.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    let metrics: ServerMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let route = Self.route(of: request)
        let response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = Self.render(error)
        } catch let error as HTTPError {
            let code = error.status == .notFound ? "not_found" : "http_\(error.status.code)"
            let detail = error.status == .notFound ? "no route \(request.method) \(request.uri.path)" : (error.body ?? error.status.reasonPhrase)
            response = Self.render(APIError(status: error.status.code, code: code, detail: detail))
        } catch {
            context.logger.error("request failed", metadata: ["path": "\(request.uri.path)", "error": "\(error)"])
            response = Self.render(APIError(status: 500, code: "internal", detail: "the server could not complete the request; nothing was written"))
        }
        metrics.recordRequest(route: route, status: response.status.code)
        return response
    }

    static func render(_ error: APIError) -> Response {
        let data = (try? WireCoding.encode(error.body)) ?? Data()
        return Response(status: .init(code: error.status), headers: [.contentType: "application/json"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The route template, so metrics do not grow a label per work order id.
    static func route(of request: Request) -> String {
        let path = request.uri.path
        if path.hasPrefix("/v1/packets/") { return "/v1/packets/{work_order}" }
        switch path {
        case "/healthz", "/metrics", "/v1/sync/push", "/v1/sync/pull", "/v1/device": return path
        default: return "other"
        }
    }
}
