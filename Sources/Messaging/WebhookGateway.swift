import Foundation
import Logging
import Transport

/// Sends text messages to a provider's web hook: one signed JSON `POST` per message.
///
/// The body is `{"key": …, "language": …, "text": …, "to": …}` (keys sorted, UTF-8, `language` is
/// `zh-CN` or `en`, `to` is E.164), with `Content-Type: application/json` and
/// ``WebhookSignature/headerName`` over the exact body bytes, so the provider can tell the request
/// came from FieldAudit and was not changed on the way. `key` lets the provider drop a message it
/// has already taken.
///
/// The provider's answer: 2xx accepted; 4xx refused; 5xx, any other status, a timeout or no
/// connection "retry later". The request is sent once; the caller's outbox tries again later.
public struct WebhookGateway: SMSGateway {
    /// The web hook and its secret.
    public let configuration: WebhookConfiguration
    private let client: HTTPClient

    /// The JSON body of one message.
    struct Body: Encodable {
        let key: String
        let to: String
        let text: String
        let language: String
    }

    /// Creates a gateway.
    ///
    /// - Parameters:
    ///   - configuration: The web hook's URL and secret.
    ///   - logger: Where failed requests are logged.
    public init(configuration: WebhookConfiguration, logger: Logger = Logger(label: "fieldaudit.sms.webhook")) {
        self.configuration = configuration
        client = HTTPClient(configuration: HTTPClientConfiguration(
            connectTimeout: configuration.connectTimeout, timeout: configuration.timeout,
            retryPolicy: .none, maxResponseBytes: 1 << 20, logger: logger))
    }

    /// Posts `message` to the web hook; see ``WebhookGateway`` for what each answer means.
    public func send(_ message: OutgoingSMS) async -> SMSSendResult {
        let endpoint = GatewayEndpoint(configuration.url, name: "web hook")
        do {
            return endpoint.result(of: try await client.send(request(for: message)))
        } catch {
            return .retryLater(reason: endpoint.describe(error))
        }
    }

    /// The signed request for `message`.
    func request(for message: OutgoingSMS) throws -> HTTPRequest {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body = try encoder.encode(Body(key: message.key, to: message.to.e164, text: message.text, language: message.language.rawValue))
        return HTTPRequest(method: .post, url: configuration.url, headers: [
            "Content-Type": "application/json",
            WebhookSignature.headerName: WebhookSignature.value(body: body, secret: configuration.secret),
        ], body: body)
    }
}
