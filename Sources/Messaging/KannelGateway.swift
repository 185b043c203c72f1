import Foundation
import Logging
import Transport

/// Sends text messages through Kannel's `sendsms` HTTP interface (smsbox), the open SMS gateway
/// utilities run in front of their operators' SMS centres.
///
/// Each message is one `GET` of ``KannelConfiguration/sendsmsURL`` with `username`, `password`,
/// `to` (E.164, `+` included), `text` and `charset=UTF-8`, and:
///
/// - `coding=0` (GSM 7-bit) when every character is in the GSM alphabet, else `coding=2` (UCS-2),
///   which Kannel converts the UTF-8 text to;
/// - `dlr-mask` and a `dlr-url` carrying the message's key and token (``DeliveryReport/callbackURL(base:key:secret:)``)
///   when ``KannelConfiguration/deliveryReportURL`` is set.
///
/// Kannel splits a long text into concatenated parts itself (153 GSM or 67 UCS-2 characters each,
/// up to the sendsms user's `max-messages`); a text that would need more parts than
/// ``KannelConfiguration/maximumParts`` is refused here, as Kannel would cut it short.
///
/// Kannel's answers: 202 (`0: Accepted for delivery`, `3: Queued for later delivery`) is accepted;
/// 503 (`Temporal failure, try again later.`), any other 5xx, a timeout or no connection at all
/// (bearerbox or smsbox down) is "retry later"; a 4xx (wrong password, a number Kannel will not
/// route) is refused. The request is sent once: the caller's outbox decides when to try again, as
/// Kannel has no way to recognise the same message sent twice.
///
/// The password travels in the URL, as Kannel's interface wants; it never appears in a result's
/// reason, and the HTTP client's log (which would show the URL) is kept to errors.
public struct KannelGateway: SMSGateway {
    /// Where Kannel is and how it is used.
    public let configuration: KannelConfiguration
    private let client: HTTPClient

    /// Creates a gateway.
    ///
    /// - Parameters:
    ///   - configuration: Kannel's sendsms URL, user and delivery reports.
    ///   - logger: Where failed requests are logged; its level is raised to `.error` at least, so
    ///     that URLs with the password stay out of the log.
    public init(configuration: KannelConfiguration, logger: Logger = Logger(label: "fieldaudit.sms.kannel")) {
        self.configuration = configuration
        var quiet = logger
        if quiet.logLevel < .error { quiet.logLevel = .error }
        client = HTTPClient(configuration: HTTPClientConfiguration(
            connectTimeout: configuration.connectTimeout, timeout: configuration.timeout,
            retryPolicy: .none, maxResponseBytes: 1 << 20, logger: quiet))
    }

    /// Sends `message` through Kannel; see ``KannelGateway`` for what each answer means.
    public func send(_ message: OutgoingSMS) async -> SMSSendResult {
        guard message.hasPortableKey || configuration.deliveryReportURL == nil else {
            return .refused(reason: "message key \"\(message.key)\" cannot travel in Kannel's delivery-report URL: use 1 to 200 bytes of UTF-8")
        }
        let segments = SMSSegments(text: message.text)
        guard segments.count <= configuration.maximumParts else {
            return .refused(reason: "text of \(segments.units) \(segments.coding.rawValue) characters needs \(segments.count) messages; Kannel sends at most \(configuration.maximumParts)")
        }
        let request = HTTPRequest(method: .get, url: sendsmsURL(for: message, coding: segments.coding))
        let endpoint = GatewayEndpoint(configuration.sendsmsURL, name: "Kannel")
        do {
            return endpoint.result(of: try await client.send(request))
        } catch {
            return .retryLater(reason: endpoint.describe(error))
        }
    }

    /// The sendsms URL with the message's query.
    func sendsmsURL(for message: OutgoingSMS, coding: SMSCoding) -> URL {
        var parameters: [(String, String)] = [
            ("username", configuration.username),
            ("password", configuration.password),
            ("to", message.to.e164),
            ("text", message.text),
            ("charset", "UTF-8"),
            ("coding", coding == .ucs2 ? "2" : "0"),
        ]
        if let sender = configuration.sender { parameters.append(("from", sender)) }
        if let base = configuration.deliveryReportURL {
            parameters.append(("dlr-mask", String(configuration.deliveryReportMask)))
            parameters.append(("dlr-url", DeliveryReport.callbackURL(base: base, key: message.key, secret: configuration.deliveryReportSecret)))
        }
        let query = parameters.map { "\($0.0)=\(FormEncoding.encode($0.1))" }.joined(separator: "&")
        let base = configuration.sendsmsURL.absoluteString
        return URL(string: base + (configuration.sendsmsURL.query == nil ? "?" : "&") + query)!
    }
}
