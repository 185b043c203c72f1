import Foundation
import Hummingbird
import Shared

/// An error the API answers with: an HTTP status and the JSON body `{"error": CODE, "detail": TEXT}`.
///
/// It is a Hummingbird `HTTPResponseError`: thrown anywhere under a route, it renders its own
/// answer (see ``response(from:context:)``).
public struct APIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status code.
    public var statusCode: Int
    /// The body.
    public var body: APIErrorBody
    /// Seconds the client should wait before trying again, sent as `Retry-After` (with 429 and 503).
    public var retryAfterSeconds: Int?

    /// Creates an error.
    public init(status: Int, code: String, detail: String) {
        self.statusCode = status
        self.body = APIErrorBody(error: code, detail: detail)
    }

    public var description: String { "\(statusCode) \(body.error): \(body.detail)" }

    /// A refused push claim: the rule's own code and status, naming the record and the field.
    init(_ violation: ClaimViolation) {
        self.statusCode = violation.rule.status
        self.body = APIErrorBody(error: violation.rule.rawValue,
                                 detail: "\(violation.description); the whole batch was refused and nothing was written",
                                 record: violation.record.description, field: violation.field)
    }

    static func malformed(_ error: WireError) -> APIError {
        APIError(status: 400, code: "malformed_request", detail: error.description)
    }
    static func outOfScope(_ key: RecordKey) -> APIError {
        APIError(status: 403, code: "out_of_scope", detail: "\(key) is not in this device's work; nothing was written")
    }
    static let missingToken = APIError(status: 401, code: "token_missing", detail: "send the device token as 'Authorization: Bearer TOKEN'")
    static let loginRequired = APIError(status: 401, code: "login_required", detail: "log in to the console first (POST /console/api/login)")
    static let csrfRejected = APIError(status: 403, code: "csrf_rejected", detail: "send the session's token in X-CSRF-Token with every write")
    static let tokenRejected = APIError(status: 401, code: "token_rejected", detail: "the token is unknown or its device was revoked; enroll the device again")
    static func notFound(_ what: String) -> APIError { APIError(status: 404, code: "not_found", detail: what) }
    static func tooManyRequests(_ code: String, detail: String, retryAfter seconds: Int) -> APIError {
        var error = APIError(status: 429, code: code, detail: detail)
        error.retryAfterSeconds = seconds
        return error
    }
    static func bodyTooLarge(limit: Int) -> APIError {
        APIError(status: 413, code: "body_too_large", detail: "the request body is over the limit of \(limit) bytes (after decompression); send smaller batches")
    }
    static func badParameter(_ name: String, _ rule: String) -> APIError {
        APIError(status: 400, code: "bad_parameter", detail: "\(name): \(rule)")
    }
}

extension APIError: HTTPResponseError {
    /// The HTTP status.
    public var status: HTTPResponse.Status { .init(code: statusCode) }

    /// The JSON error answer, with `Retry-After` when set.
    public func response(from request: Request, context: some RequestContext) throws -> Response {
        response
    }

    /// The JSON error answer, with `Retry-After` when set.
    var response: Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        let data = (try? WireCoding.encode(body)) ?? Data()
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
