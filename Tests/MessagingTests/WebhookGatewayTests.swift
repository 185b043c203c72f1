import Crypto
import Foundation
import Messaging
import Shared
import TestSupport
import Testing

/// WebhookGateway against a local listener playing the provider.
@Suite("WebhookGateway")
struct WebhookGatewayTests {
    static let secret = "shared-secret-of-the-provider"
    static let message = OutgoingSMS(key: "wo-1042:urgent:1", to: try! PhoneNumber("+8613800138000"),
                                     text: "紧急工单 1042：请今天完成 / today", language: .simplifiedChinese)

    static func gateway(port: Int, timeout: Duration = .seconds(10)) -> WebhookGateway {
        WebhookGateway(configuration: WebhookConfiguration(
            url: URL(string: "http://127.0.0.1:\(port)/hooks/sms?tenant=utility")!, secret: secret, timeout: timeout))
    }

    @Test("the POST carries the message as JSON with a signature the provider can verify")
    func signedJSON() async throws {
        let server = try TestHTTPServer { _ in .json(#"{"id":"p-1"}"#, status: 201) }
        defer { server.stop() }
        let result = await Self.gateway(port: server.port).send(Self.message)
        #expect(result == .accepted(reply: #"{"id":"p-1"}"#))

        let request = try #require(server.requests.first)
        #expect(request.method == "POST")
        #expect(request.target == "/hooks/sms?tenant=utility")
        #expect(request.header("Content-Type") == "application/json")
        let json = try #require(try JSONSerialization.jsonObject(with: request.body) as? [String: String])
        #expect(json == ["key": "wo-1042:urgent:1", "to": "+8613800138000", "text": Self.message.text, "language": "zh-CN"])

        // Verified here with swift-crypto directly, as a provider would, and with WebhookSignature.
        let signature = try #require(request.header("X-FieldAudit-Signature"))
        let expected = HMAC<SHA256>.authenticationCode(for: request.body, using: SymmetricKey(data: Data(Self.secret.utf8)))
        #expect(signature == "sha256=" + expected.map { String(format: "%02x", $0) }.joined())
        #expect(WebhookSignature.isValid(signature, body: request.body, secret: Data(Self.secret.utf8)))
        #expect(!WebhookSignature.isValid(signature, body: request.body + Data(" ".utf8), secret: Data(Self.secret.utf8)))
        #expect(!WebhookSignature.isValid(signature, body: request.body, secret: Data("another secret".utf8)))
        #expect(!WebhookSignature.isValid(nil, body: request.body, secret: Data(Self.secret.utf8)))
        #expect(!WebhookSignature.isValid("sha256=zz", body: request.body, secret: Data(Self.secret.utf8)))
    }

    @Test("503 is retry later, 400 is refused, each sent once", arguments: [(503, false), (502, false), (400, true), (422, true)])
    func answers(status: Int, refused: Bool) async throws {
        let server = try TestHTTPServer { _ in .json(#"{"error":"busy or bad"}"#, status: status) }
        defer { server.stop() }
        let result = await Self.gateway(port: server.port).send(Self.message)
        let reason = #"web hook answered \#(status): {"error":"busy or bad"}"#
        #expect(result == (refused ? .refused(reason: reason) : .retryLater(reason: reason)))
        #expect(server.requests.count == 1)
    }

    @Test("a provider that does not answer in time, or is not there, is retry later")
    func timeoutAndUnreachable() async throws {
        let slow = try TestHTTPServer { _ in TestHTTPResponse(status: 200).delayed(by: .seconds(5)) }
        defer { slow.stop() }
        let timedOut = await Self.gateway(port: slow.port, timeout: .seconds(1)).send(Self.message)
        #expect(timedOut == .retryLater(reason: "web hook at http://127.0.0.1:\(slow.port)/hooks/sms did not answer within 1 s"))

        let closed = try TestPorts.closedPort()
        let unreachable = await Self.gateway(port: closed).send(Self.message)
        #expect(unreachable == .retryLater(reason: "web hook unreachable at http://127.0.0.1:\(closed)/hooks/sms: connection refused"))
    }
}
