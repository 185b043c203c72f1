import Foundation

/// A delivery report a provider behind ``WebhookGateway`` posts back: which message and where it
/// has got to.
///
/// The provider `POST`s JSON to the server's `/sms/webhook/report`, signed as FieldAudit signs its
/// own requests (``WebhookSignature``, the same shared secret):
///
/// ```json
/// {"key": "order:wo-1042:anna:1796287925000", "status": "delivered"}
/// {"key": "order:wo-1042:anna:1796287925000", "status": "failed", "reason": "number not in service"}
/// ```
///
/// `status` is one of ``DeliveryStatus``'s: `queued`, `delivered` or `failed`; `reason` is optional.
public struct WebhookDeliveryReport: Sendable, Hashable, Decodable {
    /// The key of the message the report is about (``OutgoingSMS/key``).
    public let key: String
    /// Where the message has got to.
    public let status: DeliveryStatus
    /// The provider's words about it, if any.
    public let reason: String?

    /// Checks the signature of `body` and reads the report from it.
    ///
    /// - Parameters:
    ///   - body: The request body, byte for byte.
    ///   - signature: The ``WebhookSignature/headerName`` header, or `nil` when missing.
    ///   - secret: The shared secret.
    /// - Throws: ``WebhookDeliveryReportError/badSignature`` before anything else is read when the
    ///   signature is missing or wrong; ``WebhookDeliveryReportError/malformed(_:)`` when the body
    ///   is not such a report.
    public init(body: Data, signature: String?, secret: Data) throws(WebhookDeliveryReportError) {
        guard !secret.isEmpty, WebhookSignature.isValid(signature, body: body, secret: secret) else { throw .badSignature }
        let report: WebhookDeliveryReport
        do { report = try JSONDecoder().decode(Self.self, from: body) } catch {
            throw .malformed("the body must be JSON {\"key\": …, \"status\": \"queued\" | \"delivered\" | \"failed\", \"reason\": …}")
        }
        guard !report.key.isEmpty else { throw .malformed("the report has an empty key") }
        self = report
    }
}

/// Why a web hook's delivery report was not taken.
public enum WebhookDeliveryReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The signature header is missing or does not match the body.
    case badSignature
    /// The body is not a delivery report; the text says what one looks like.
    case malformed(String)

    /// One line naming what is wrong.
    public var description: String {
        switch self {
        case .badSignature: return "the \(WebhookSignature.headerName) header is missing or does not sign this body"
        case .malformed(let detail): return detail
        }
    }
}
