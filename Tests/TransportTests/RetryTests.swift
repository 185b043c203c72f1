import Foundation
import TestSupport
import Testing
import Transport

@Suite("Retries")
struct RetryTests {
    @Test("503 twice then 200: the caller gets the 200, the server saw three requests, retries are logged")
    func retriesServerErrors() async throws {
        let server = try TestHTTPServer { request in
            request.index < 2 ? .text("warming up", status: 503) : .json(#"{"ok":true}"#)
        }
        defer { server.stop() }
        let log = LogRecorder()

        let response = try await TestClients.make(attempts: 3, logger: log.logger).send(HTTPRequest(url: server.url("/sync/pull")))

        #expect(response.status == 200)
        #expect(response.text == #"{"ok":true}"#)
        #expect(server.requests.count == 3)
        let notices = log.messages(at: .notice)
        #expect(notices.count == 2)
        #expect(notices.allSatisfy { $0.contains("server answered 503") })
    }

    @Test("a 5xx that outlasts the retries is returned, and checkSuccess explains it with the server's words")
    func exhaustedServerErrors() async throws {
        let server = try TestHTTPServer { _ in .json(#"{"error":"down for maintenance until 06:00"}"#, status: 503) }
        defer { server.stop() }
        let log = LogRecorder()

        let response = try await TestClients.make(attempts: 2, logger: log.logger).send(HTTPRequest(url: server.url("/sync/pull")))

        #expect(response.status == 503)
        #expect(server.requests.count == 2)
        #expect(log.messages(at: .warning).count == 1, "giving up is logged once")
        #expect(throws: TransportError.status(code: 503, detail: "down for maintenance until 06:00")) {
            try response.checkSuccess()
        }
        #expect(TransportError.status(code: 503, detail: "down for maintenance until 06:00").description
            == "server answered 503: down for maintenance until 06:00")
    }

    @Test("4xx is never retried", arguments: [400, 404, 409, 422, 429])
    func clientErrorsAreNotRetried(status: Int) async throws {
        let server = try TestHTTPServer { _ in .json(#"{"error":"feeder F-99 does not exist"}"#, status: status) }
        defer { server.stop() }

        let response = try await TestClients.make(attempts: 5).send(HTTPRequest(method: .post, url: server.url("/work-orders"), body: Data("{}".utf8)))

        #expect(response.status == status)
        #expect(server.requests.count == 1)
        do {
            try response.checkSuccess()
            Issue.record("checkSuccess must throw for \(status)")
        } catch {
            #expect(error.description == "server answered \(status): feeder F-99 does not exist")
        }
    }

    @Test("a 401 reads: server answered 401: token rejected")
    func unauthorized() async throws {
        let server = try TestHTTPServer { _ in .json(#"{"error":"unknown device token"}"#, status: 401) }
        defer { server.stop() }

        let response = try await TestClients.make(attempts: 3).send(HTTPRequest(url: server.url("/sync/pull")))

        #expect(server.requests.count == 1)
        #expect(throws: TransportError.status(code: 401, detail: "token rejected")) { try response.checkSuccess() }
        do {
            try response.checkSuccess()
        } catch {
            #expect(error.description == "server answered 401: token rejected")
        }
    }

    @Test("a connection closed without an answer is retried")
    func retriesDroppedConnections() async throws {
        let server = try TestHTTPServer { request in request.index == 0 ? .closeWithoutAnswer : .text("fine") }
        defer { server.stop() }

        let response = try await TestClients.make(attempts: 3).send(HTTPRequest(url: server.url("/ping")))

        #expect(response.text == "fine")
        #expect(server.requests.count == 2)
    }

    @Test("a refused connection reads 'server unreachable at …: connection refused' after the configured attempts")
    func connectionRefused() async throws {
        let port = try TestPorts.closedPort()
        let url = URL(string: "http://127.0.0.1:\(port)/sync/pull")!
        let log = LogRecorder()

        do {
            _ = try await TestClients.make(attempts: 3, logger: log.logger).send(HTTPRequest(url: url))
            Issue.record("expected the connection to be refused")
        } catch let error as TransportError {
            #expect(error == .unreachable(url: url, reason: "connection refused"))
            #expect(error.description == "server unreachable at http://127.0.0.1:\(port)/sync/pull: connection refused")
        }
        #expect(log.messages(at: .notice).count == 2, "two retries after the first attempt")
        #expect(log.messages(at: .warning).count == 1)
    }

    @Test("a timeout reads 'timed out after N s waiting for <url>', and is retried")
    func timeout() async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse.text("too late").delayed(by: .seconds(30)) }
        defer { server.stop() }
        let url = server.url("/sync/pull?wait=1")

        do {
            _ = try await TestClients.make(attempts: 2, timeout: .milliseconds(300)).send(HTTPRequest(url: url))
            Issue.record("expected a timeout")
        } catch let error as TransportError {
            #expect(error.description == "timed out after 0.3 s waiting for \(url.absoluteString)")
        }
        #expect(server.requests.count == 2)
    }

    @Test("the per-request timeout and retry policy override the client's")
    func perRequestOverrides() async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse.text("too late").delayed(by: .seconds(30)) }
        defer { server.stop() }
        let url = server.url("/sync/pull")

        let request = HTTPRequest(url: url, timeout: .milliseconds(200), retryPolicy: RetryPolicy.none)
        await #expect(throws: TransportError.timedOut(url: url, after: .milliseconds(200))) {
            _ = try await TestClients.make(attempts: 5, timeout: .seconds(20)).send(request)
        }
        #expect(server.requests.count == 1)
    }

    @Test("backoff doubles from the base delay, stops at the maximum, and jitter takes away at most half")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        #expect(policy.delay(beforeRetry: 1, jitter: 0) == .milliseconds(100))
        #expect(policy.delay(beforeRetry: 2, jitter: 0) == .milliseconds(200))
        #expect(policy.delay(beforeRetry: 3, jitter: 0) == .milliseconds(400))
        #expect(policy.delay(beforeRetry: 9, jitter: 0) == .seconds(1))
        #expect(policy.delay(beforeRetry: 9, jitter: 1) == .milliseconds(500))
        for retry in 1...9 {
            let delay = policy.delay(beforeRetry: retry)
            #expect(delay >= policy.delay(beforeRetry: retry, jitter: 1) && delay <= policy.delay(beforeRetry: retry, jitter: 0))
        }
        #expect(RetryPolicy(maxAttempts: 0).maxAttempts == 1, "there is always at least one attempt")
    }
}
