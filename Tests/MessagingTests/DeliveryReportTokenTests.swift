import Foundation
import Messaging
import Testing

/// Reports only from whoever was given the report URL: Kannel's token and the web hook's signed
/// reports, checked against the shared secret.
@Suite("authenticated delivery reports")
struct DeliveryReportTokenTests {
    static let secret = Data("shared secret".utf8)

    @Test("the dlr-url carries the key's token, which comes back with the report and holds for that key and secret alone")
    func token() throws {
        let base = try #require(URL(string: "http://127.0.0.1:8080/sms/kannel/report"))
        let url = DeliveryReport.callbackURL(base: base, key: "order:wo-1:anna:17", secret: Self.secret)
        let token = DeliveryReportToken.token(for: "order:wo-1:anna:17", secret: Self.secret)
        #expect(url == "http://127.0.0.1:8080/sms/kannel/report?key=order%3Awo-1%3Aanna%3A17&token=\(token)&type=%d&reply=%A&at=%T")
        #expect(token.count == 64 && token.allSatisfy(\.isHexDigit))
        let report = try DeliveryReport(kannelQuery: String(url.split(separator: "?")[1]).replacingOccurrences(of: "%d", with: "1"))
        #expect(report.token == token && DeliveryReportToken.isValid(report.token, key: report.key, secret: Self.secret))
        #expect(!DeliveryReportToken.isValid(token, key: "order:wo-2:anna:17", secret: Self.secret), "another key")
        #expect(!DeliveryReportToken.isValid(token, key: report.key, secret: Data("guessed".utf8)), "another secret")
        #expect(!DeliveryReportToken.isValid(nil, key: report.key, secret: Self.secret))
        #expect(!DeliveryReportToken.isValid("zz" + token.dropFirst(2), key: report.key, secret: Self.secret))
        #expect(!DeliveryReportToken.isValid(token, key: report.key, secret: Data()), "no secret, no valid token")
        #expect(DeliveryReportToken.isValid(token.uppercased(), key: report.key, secret: Self.secret), "hex in either case")
    }

    @Test("a web hook's report is read only when signed with the secret; a body that is no report says what one looks like")
    func webhook() throws {
        let body = Data(#"{"key":"order:wo-1:anna:17","status":"delivered"}"#.utf8)
        let signature = WebhookSignature.value(body: body, secret: Self.secret)
        let report = try WebhookDeliveryReport(body: body, signature: signature, secret: Self.secret)
        #expect(report.key == "order:wo-1:anna:17" && report.status == .delivered && report.reason == nil)
        #expect(throws: WebhookDeliveryReportError.badSignature) { try WebhookDeliveryReport(body: body, signature: nil, secret: Self.secret) }
        #expect(throws: WebhookDeliveryReportError.badSignature) {
            try WebhookDeliveryReport(body: body, signature: WebhookSignature.value(body: body, secret: Data("guessed".utf8)), secret: Self.secret)
        }
        let unknown = Data(#"{"key":"k","status":"lost"}"#.utf8)
        #expect(throws: WebhookDeliveryReportError.self) {
            try WebhookDeliveryReport(body: unknown, signature: WebhookSignature.value(body: unknown, secret: Self.secret), secret: Self.secret)
        }
        do {
            _ = try WebhookDeliveryReport(body: unknown, signature: WebhookSignature.value(body: unknown, secret: Self.secret), secret: Self.secret)
        } catch {
            #expect(error.description.contains("\"status\": \"queued\" | \"delivered\" | \"failed\""))
        }
    }
}
