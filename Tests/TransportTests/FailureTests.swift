import Foundation
import TestSupport
import Testing
import Transport

@Suite("Failures that must not be retried, and cancellation")
struct FailureTests {
    @Test("https to a server that does not speak TLS fails as a TLS error without retrying")
    func tlsFailure() async throws {
        let server = try TestHTTPServer { _ in .text("plain http") }
        defer { server.stop() }
        let url = URL(string: "https://127.0.0.1:\(server.port)/sync/pull")!
        let log = LogRecorder()

        do {
            _ = try await TestClients.make(attempts: 3, logger: log.logger).send(HTTPRequest(url: url))
            Issue.record("expected a TLS failure")
        } catch let error as TransportError {
            guard case .tls = error else {
                Issue.record("expected .tls, got \(error)")
                return
            }
            #expect(error.description.hasPrefix("secure connection to \(url.absoluteString) failed: "))
            #expect(!error.isTransient)
        }
        #expect(log.messages(at: .notice).isEmpty, "no retries")
    }

    @Test("a CA file that cannot be read is reported as a TLS problem naming the cause")
    func unreadableCAFile() async throws {
        let server = try TestHTTPServer { _ in .text("plain http") }
        defer { server.stop() }
        let url = URL(string: "https://127.0.0.1:\(server.port)/")!
        let client = TestClients.make { $0.caFile = "/nonexistent/fieldaudit-ca.pem" }

        do {
            _ = try await client.send(HTTPRequest(url: url))
            Issue.record("expected a TLS failure")
        } catch let error as TransportError {
            guard case .tls = error else {
                Issue.record("expected .tls, got \(error)")
                return
            }
            #expect(error.description.contains("/nonexistent/fieldaudit-ca.pem"))
        }
    }

    @Test("TLS certificates are verified by default, and a custom CA file makes a private certificate trusted")
    func certificateVerification() async throws {
        try #require(OpenSSLTestServer.isAvailable, "the openssl command line tool is missing: install it (scripts/ensure-deps does)")
        let server = try OpenSSLTestServer()
        defer { server.stop() }
        let url = URL(string: "https://127.0.0.1:\(server.port)/")!
        let log = LogRecorder()

        do {
            _ = try await TestClients.make(attempts: 3, logger: log.logger).send(HTTPRequest(url: url))
            Issue.record("a self-signed certificate must not be accepted by default")
        } catch let error as TransportError {
            guard case .tls = error else {
                Issue.record("expected .tls, got \(error)")
                return
            }
            #expect(error.description.contains("certificate"))
        }
        #expect(log.messages(at: .notice).isEmpty, "a certificate problem is not retried")

        let trusting = TestClients.make { $0.caFile = server.certificateFile }
        let response = try await trusting.send(HTTPRequest(url: url))
        #expect(response.status == 200)
    }

    @Test("header injection and non-HTTP URLs are refused before anything is sent")
    func invalidRequests() async throws {
        let server = try TestHTTPServer { _ in .text("never") }
        defer { server.stop() }
        var injected = HTTPRequest(url: server.url("/"))
        injected.headers["X-Note"] = "a\r\nX-Admin: yes"
        let client = TestClients.make()

        await #expect(throws: TransportError.invalidRequest("header \"X-Note\" has an empty name, a colon or a line break")) {
            _ = try await client.send(injected)
        }
        await #expect(throws: TransportError.invalidRequest("file:///etc/passwd is not an http or https URL")) {
            _ = try await client.send(HTTPRequest(url: URL(string: "file:///etc/passwd")!))
        }
        #expect(server.requests.isEmpty)
    }

    @Test("cancelling the calling task aborts a transfer that is waiting on the server")
    func cancellation() async throws {
        let server = try TestHTTPServer { _ in TestHTTPResponse.text("late").delayed(by: .seconds(60)) }
        defer { server.stop() }
        let client = TestClients.make(timeout: .seconds(60))
        let url = server.url("/sync/pull?wait=60")

        let task = Task { try await client.send(HTTPRequest(url: url)) }
        while server.requests.isEmpty { try await Task.sleep(for: .milliseconds(10)) }
        task.cancel()

        await #expect(throws: CancellationError.self) { _ = try await task.value }
        #expect(server.requests.count == 1, "a cancelled request is not retried")
    }
}
