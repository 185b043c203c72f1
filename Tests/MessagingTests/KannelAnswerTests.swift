import Foundation
import Messaging
import Shared
import TestSupport
import Testing

/// What KannelGateway asks and how it reads each answer, against a local listener playing smsbox.
@Suite("KannelGateway's request and Kannel's answers")
struct KannelAnswerTests {
    static let message = OutgoingSMS(key: "wo-1042:new:1", to: try! PhoneNumber("+8613800138000"),
                                     text: "新工单 A+B & C", language: .simplifiedChinese)

    static func gateway(port: Int, reports: URL? = nil, timeout: Duration = .seconds(10)) -> KannelGateway {
        KannelGateway(configuration: KannelConfiguration(
            sendsmsURL: URL(string: "http://127.0.0.1:\(port)/cgi-bin/sendsms")!, username: "fieldaudit", password: "s3cret",
            sender: "FieldAudit", deliveryReportURL: reports, timeout: timeout))
    }

    /// The query's parameters, decoded.
    static func parameters(_ query: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            result[parts[0]] = parts.count > 1 ? parts[1].replacingOccurrences(of: "+", with: " ").removingPercentEncoding : ""
        }
        return result
    }

    @Test("sendsms gets user, E.164 recipient, UTF-8 text as UCS-2 (coding=2), sender and a dlr-url with the key; + and & survive")
    func request() async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 202, body: Data("0: Accepted for delivery".utf8)) }
        defer { server.stop() }
        let reports = try #require(URL(string: "http://10.1.2.3:8080/sms/kannel/report"))
        let result = await Self.gateway(port: server.port, reports: reports).send(Self.message)
        #expect(result == .accepted(reply: "0: Accepted for delivery"))

        let request = try #require(server.requests.first)
        #expect(request.method == "GET")
        #expect(request.path == "/cgi-bin/sendsms")
        let query = try #require(request.query)
        #expect(!query.contains("+"), "a + would read as a space: \(query)")
        let parameters = Self.parameters(query)
        #expect(parameters["username"] == "fieldaudit")
        #expect(parameters["password"] == "s3cret")
        #expect(parameters["to"] == "+8613800138000")
        #expect(parameters["text"] == "新工单 A+B & C")
        #expect(parameters["charset"] == "UTF-8")
        #expect(parameters["coding"] == "2")
        #expect(parameters["from"] == "FieldAudit")
        #expect(parameters["dlr-mask"] == "31")
        #expect(parameters["dlr-url"] == "http://10.1.2.3:8080/sms/kannel/report?key=wo-1042%3Anew%3A1&type=%d&reply=%A&at=%T")
    }

    @Test("a GSM text goes with coding=0, and without a report URL no dlr is asked for")
    func gsmWithoutReports() async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 202, body: Data("3: Queued for later delivery".utf8)) }
        defer { server.stop() }
        var message = Self.message
        message.text = "New work order 1042"
        let result = await Self.gateway(port: server.port).send(message)
        #expect(result == .accepted(reply: "3: Queued for later delivery"))
        let parameters = Self.parameters(try #require(server.requests.first?.query))
        #expect(parameters["coding"] == "0")
        #expect(parameters["dlr-mask"] == nil && parameters["dlr-url"] == nil)
    }

    @Test("Kannel's 503 and other 5xx are retry later; 4xx are refused; neither reason shows the password", arguments: [
        (503, "Temporal failure, try again later.", false),
        (500, "Internal error", false),
        (403, "Not routable. Do not try again.", true),
        (400, "Missing receiver number", true),
    ])
    func answers(status: Int, body: String, refused: Bool) async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: status, body: Data(body.utf8)) }
        defer { server.stop() }
        let result = await Self.gateway(port: server.port).send(Self.message)
        let reason = "Kannel answered \(status): \(body)"
        #expect(result == (refused ? .refused(reason: reason) : .retryLater(reason: reason)))
        #expect(server.requests.count == 1, "sent once: the outbox decides when to try again")
    }

    @Test("no smsbox listening, or one that does not answer in time, is retry later without the password in the reason")
    func unreachableAndSlow() async throws {
        let closed = try TestPorts.closedPort()
        let unreachable = await Self.gateway(port: closed).send(Self.message)
        #expect(unreachable == .retryLater(reason: "Kannel unreachable at http://127.0.0.1:\(closed)/cgi-bin/sendsms: connection refused"))

        let slow = try TestHTTPServer { _ in TestHTTPResponse(status: 202).delayed(by: .seconds(5)) }
        defer { slow.stop() }
        let timedOut = await Self.gateway(port: slow.port, timeout: .seconds(1)).send(Self.message)
        guard case .retryLater(let reason) = timedOut else {
            Issue.record("expected retry later, got \(timedOut)")
            return
        }
        #expect(reason.contains("did not answer within 1 s"), "\(reason)")
        #expect(!reason.contains("s3cret"))
    }

    @Test("a text longer than max-messages parts is refused before anything is sent, and a key too long for Kannel's dlr-url; a Chinese key is sent")
    func refusedBeforeSending() async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse(status: 202) }
        defer { server.stop() }
        var long = Self.message
        long.text = String(repeating: "请", count: 671)
        let tooLong = await Self.gateway(port: server.port).send(long)
        #expect(tooLong == .refused(reason: "text of 671 UCS-2 characters needs 11 messages; Kannel sends at most 10"))

        var longKey = Self.message
        longKey.key = String(repeating: "工", count: 67)
        let reports = try #require(URL(string: "http://127.0.0.1:1/report"))
        let badKey = await Self.gateway(port: server.port, reports: reports).send(longKey)
        guard case .refused = badKey else {
            Issue.record("expected refused, got \(badKey)")
            return
        }
        #expect(server.requests.isEmpty)
        var chineseKey = Self.message
        chineseKey.key = "order:1:王小明:17"
        #expect(await Self.gateway(port: server.port, reports: reports).send(chineseKey).isAccepted, "a Chinese name in the key travels as hex")
        #expect(server.requests.count == 1)

        long.text = String(repeating: "请", count: 670)
        #expect(await Self.gateway(port: server.port).send(long).isAccepted, "10 parts are fine")
    }
}
