import Shared

/// An error the API answers with: an HTTP status and the JSON body `{"error": CODE, "detail": TEXT}`.
public struct APIError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The HTTP status code.
    public var status: Int
    /// The body.
    public var body: APIErrorBody

    /// Creates an error.
    public init(status: Int, code: String, detail: String) {
        self.status = status
        self.body = APIErrorBody(error: code, detail: detail)
    }

    public var description: String { "\(status) \(body.error): \(body.detail)" }

    /// A refused push claim: the rule's own code and status, naming the record and the field.
    init(_ violation: ClaimViolation) {
        self.status = violation.rule.status
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
    static let tokenRejected = APIError(status: 401, code: "token_rejected", detail: "the token is unknown or its device was revoked; enroll the device again")
    static func notFound(_ what: String) -> APIError { APIError(status: 404, code: "not_found", detail: what) }
    static func badParameter(_ name: String, _ rule: String) -> APIError {
        APIError(status: 400, code: "bad_parameter", detail: "\(name): \(rule)")
    }
}
