import Foundation

/// A small HTTP/1.1 server on 127.0.0.1 for tests: it answers through a handler closure and records
/// every request it receives.
///
/// ```swift
/// let server = try TestHTTPServer { request in
///     request.index < 2 ? .text("busy", status: 503) : .json(#"{"ok":true}"#)
/// }
/// defer { server.stop() }
/// let response = try await client.send(HTTPRequest(url: server.url("/status")))
/// #expect(server.requests.count == 3)
/// ```
///
/// The server binds port 0 (the kernel picks a free port, see ``port``), accepts on a background
/// thread and serves each connection on a thread of its own, one request per connection
/// (`Connection: close`), so slow or delayed answers never hold up other requests. Request bodies may
/// come with `Content-Length` or chunked; `Expect: 100-continue` is honoured.
///
/// A request that is not well-formed HTTP gets `400 Bad Request` and is not recorded or handed to
/// the handler.
///
/// Call ``stop()`` when done (typically in a `defer`): the accept thread keeps the server alive
/// until then.
public final class TestHTTPServer: @unchecked Sendable {
    // @unchecked: the mutable state below is only touched while holding `condition`.

    /// The port the server listens on, on 127.0.0.1.
    public let port: Int

    private let listener: Int32
    private let handler: @Sendable (TestHTTPRequest) -> TestHTTPResponse
    private let condition = NSCondition()
    private let acceptLoopDone = DispatchSemaphore(value: 0)
    private var stopped = false
    private var received: [TestHTTPRequest] = []
    private var openConnections: Set<Int32> = []

    /// Starts a server that answers every request with `handler`'s response.
    ///
    /// - Parameter handler: Called once per request, on that connection's thread; may run
    ///   concurrently for concurrent requests.
    /// - Throws: ``TestServerError`` if no loopback port could be bound.
    public init(handler: @escaping @Sendable (TestHTTPRequest) -> TestHTTPResponse) throws {
        let (descriptor, port) = try POSIXSocket.bindLoopback(port: 0, listening: true)
        self.listener = descriptor
        self.port = port
        self.handler = handler
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "TestHTTPServer:\(port) accept"
        thread.start()
    }


    /// Every request received so far, in arrival order.
    ///
    /// A request is recorded as soon as it has been read, before the handler's delay and answer.
    public var requests: [TestHTTPRequest] {
        condition.withLock { received }
    }

    /// Stops accepting, ends pending delays, hangs up open connections and closes the port.
    ///
    /// Returns once the port is closed. Calling it again does nothing.
    public func stop() {
        let wasStopped = condition.withLock {
            let was = stopped
            stopped = true
            for descriptor in openConnections { POSIXSocket.shutdownBoth(descriptor) }
            condition.broadcast()
            return was
        }
        guard !wasStopped else { return }
        acceptLoopDone.wait()
        POSIXSocket.close(listener)
    }

    private var isStopped: Bool {
        condition.withLock { stopped }
    }

    private func acceptLoop() {
        defer { acceptLoopDone.signal() }
        while !isStopped {
            guard POSIXSocket.waitReadable(listener, milliseconds: 50),
                  let connection = POSIXSocket.accept(listener)
            else { continue }
            let accepted = condition.withLock {
                guard !stopped else { return false }
                openConnections.insert(connection)
                return true
            }
            guard accepted else {
                POSIXSocket.close(connection)
                return
            }
            let thread = Thread { [self] in serve(connection) }
            thread.name = "TestHTTPServer:\(port) connection"
            thread.start()
        }
    }

    private func serve(_ connection: Int32) {
        defer {
            condition.withLock { _ = openConnections.remove(connection) }
            POSIXSocket.finish(connection)
        }
        // Do not let a silent client hold a thread forever.
        POSIXSocket.setReceiveTimeout(connection, seconds: 10)
        var reader = ConnectionReader(descriptor: connection)
        guard let parsed = RequestParser.read(from: &reader, index: 0, sendContinue: {
            POSIXSocket.writeAll(connection, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }) else {
            POSIXSocket.writeAll(connection, TestHTTPResponse.text("malformed request\n", status: 400).serialized(omitBody: false))
            return
        }
        // Numbered by arrival order of complete requests, so `index` matches `requests`.
        let request = condition.withLock {
            let numbered = TestHTTPRequest(
                index: received.count, method: parsed.method, target: parsed.target,
                version: parsed.version, headers: parsed.headers, body: parsed.body)
            received.append(numbered)
            return numbered
        }

        let response = handler(request)
        if let delay = response.delay, !waitUnlessStopped(for: delay) { return }
        if response.closesWithoutAnswer { return }
        POSIXSocket.writeAll(connection, response.serialized(omitBody: request.method == "HEAD"))
    }

    /// Waits for `delay`; returns `false` early if the server is stopped meanwhile.
    private func waitUnlessStopped(for delay: Duration) -> Bool {
        let (seconds, attoseconds) = delay.components
        let deadline = Date(timeIntervalSinceNow: Double(seconds) + Double(attoseconds) / 1e18)
        return condition.withLock {
            while !stopped && Date() < deadline {
                _ = condition.wait(until: deadline)
            }
            return !stopped
        }
    }
}
