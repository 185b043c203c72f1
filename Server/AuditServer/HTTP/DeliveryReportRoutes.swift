import Foundation
import HTTPTypes
import Hummingbird
import Messaging
import Shared

/// Where gateways report delivery (documented in `openapi.yaml`):
///
/// - `GET /sms/kannel/report?key=KEY&token=HEX&type=N&reply=…&at=…`: the `dlr-url` ``KannelGateway``
///   gave Kannel with each message, fetched once per report;
/// - `POST /sms/webhook/report`: a ``WebhookDeliveryReport`` from a provider behind the web hook,
///   signed with ``WebhookSignature``.
///
/// Both are authenticated by the shared secret (`FIELDAUDIT_SMS_SECRET`): Kannel's by the key's
/// ``DeliveryReportToken``, the web hook's by the body's signature, both checked in constant time
/// before the store is read. Every node of a cluster takes reports, whichever node sent the message.
///
/// Answers: 200 with `{"key", "state", "changed"}`; 400 `bad_report` for a query or body that is
/// no report; 401 `bad_token` or `bad_signature`; 403 `reports_off` when the server has no secret;
/// 404 `unknown_message` for a key the outbox does not have. Only a 200 with `"changed": true` wrote anything.
struct DeliveryReportRoutes: Sendable {
    let recorder: DeliveryRecorder
    /// The shared secret, or `nil` when this server takes no reports.
    let secret: Data?
    /// The largest web hook report body, in bytes.
    static let bodyLimit = 4_096

    /// What a report did, as the gateway is told.
    struct Answer: Encodable {
        var key: String
        var state: String
        var changed: Bool
    }

    func add<Context: RequestContext>(to router: Router<Context>) {
        let sms = router.group("/sms")
        sms.get("/kannel/report") { [recorder, secret] request, _ in
            let secret = try Self.required(secret)
            let report: DeliveryReport
            do { report = try DeliveryReport(kannelQuery: request.uri.query ?? "") } catch let error as DeliveryReportError {
                throw APIError(status: 400, code: "bad_report", detail: error.description)
            }
            guard DeliveryReportToken.isValid(report.token, key: report.key, secret: secret) else {
                throw APIError(status: 401, code: "bad_token", detail: "the report's token does not belong to its key: only the gateway given the report URL can report")
            }
            let detail = "Kannel report \(report.type.rawValue)" + (report.reply.isEmpty ? "" : ": \(report.reply)")
            return try await Self.answer(recorder.record(key: report.key, status: report.status, detail: detail), key: report.key, for: request)
        }
        sms.post("/webhook/report") { [recorder, secret] request, _ in
            let secret = try Self.required(secret)
            let body = try await RequestBody.read(request, limit: Self.bodyLimit)
            let report: WebhookDeliveryReport
            do {
                report = try WebhookDeliveryReport(body: body, signature: request.headers[HTTPField.Name(WebhookSignature.headerName)!], secret: secret)
            } catch WebhookDeliveryReportError.badSignature {
                throw APIError(status: 401, code: "bad_signature", detail: WebhookDeliveryReportError.badSignature.description)
            } catch let error as WebhookDeliveryReportError {
                throw APIError(status: 400, code: "bad_report", detail: error.description)
            }
            let detail = "web hook report" + (report.reason.map { ": \($0)" } ?? "")
            return try await Self.answer(recorder.record(key: report.key, status: report.status, detail: detail), key: report.key, for: request)
        }
    }

    private static func required(_ secret: Data?) throws -> Data {
        guard let secret, !secret.isEmpty else {
            throw APIError(status: 403, code: "reports_off", detail: "this server takes no delivery reports: start it with FIELDAUDIT_SMS_SECRET set")
        }
        return secret
    }

    private static func answer(_ outcome: DeliveryRecorder.Outcome, key: String, for request: Request) throws -> Response {
        switch outcome {
        case .recorded(let state): return try JSONResponse.make(Answer(key: key, state: state, changed: true), for: request)
        case .unchanged(let state): return try JSONResponse.make(Answer(key: key, state: state, changed: false), for: request)
        case .unknown: throw APIError(status: 404, code: "unknown_message", detail: "no message has the key \(key)")
        }
    }
}
