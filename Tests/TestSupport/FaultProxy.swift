import Foundation

/// A fault-injecting TCP relay for end-to-end tests: point a client at ``port`` instead of the
/// server's port, and the proxy forwards bytes both ways while cutting, resetting and delaying
/// connections as its ``FaultPlan`` says.
///
/// ```swift
/// let server = try TestHTTPServer { _ in .json(#"{"ok":true}"#) }
/// defer { server.stop() }
/// let proxy = try FaultProxy(upstreamPort: server.port, plan: .cuts(probability: 0.3), seed: 42)
/// defer { proxy.stop() }
/// let response = try await client.send(HTTPRequest(url: proxy.url("/sync/pull")))
/// print(proxy.statistics.connectionsCut, proxy.cuts)
/// ```
///
/// It is a transparent forwarder, not an HTTP proxy: it knows nothing about HTTP, and the client
/// connects to it as if it were the server (leave the client's `proxy` setting alone).
/// The proxy listens on 127.0.0.1 (port 0, so the kernel picks a free one) and, for every accepted
/// connection, opens a connection to 127.0.0.1:``upstreamPort`` and relays on a thread of its own.
/// If the upstream cannot be reached the client's connection is closed at once.
///
/// Faults are drawn from ``seed``: each relayed connection gets a ``FaultPlan/Decision`` that
/// depends only on the plan, the seed and the connection's number, so printing the seed of a
/// failing trial is enough to replay its cuts. (Chunk delays are seeded too, but where chunk
/// boundaries fall depends on timing.)
///
/// Call ``stop()`` when done (typically in a `defer`): it closes the port and every relayed
/// connection and returns once all of the proxy's threads have ended.
public final class FaultProxy: @unchecked Sendable {
    // @unchecked: the mutable state below is only touched while holding `condition`.

    /// Running totals, see ``FaultProxy/statistics``.
    public struct Statistics: Sendable, Hashable {
        /// Every connection accepted, including those turned away while not accepting.
        public var connectionsAccepted = 0
        /// Connections closed at once because ``FaultProxy/isAccepting`` was `false`.
        public var connectionsRefused = 0
        /// Connections whose planned cut fired (see ``FaultProxy/cuts``).
        public var connectionsCut = 0
        /// Connections closed at once because the upstream could not be reached.
        public var upstreamFailures = 0
        /// Bytes forwarded from clients to the upstream.
        public var bytesUploaded = 0
        /// Bytes forwarded from the upstream to clients.
        public var bytesDownloaded = 0
        /// Relayed connections whose thread is still running; 0 after ``FaultProxy/stop()``.
        public var openConnections = 0

        /// Creates zeroed statistics.
        public init() {}
    }

    /// The port the proxy listens on, on 127.0.0.1. Clients connect here.
    public let port: Int
    /// The port on 127.0.0.1 that relayed connections go to.
    public let upstreamPort: Int
    /// The seed every fault decision is drawn from; print it to replay a failing trial.
    public let seed: UInt64

    private let listener: Int32
    private let condition = NSCondition()
    private let acceptLoopDone = DispatchSemaphore(value: 0)
    private var stopped = false
    private var accepting = true
    private var currentPlan: FaultPlan
    private var totals = Statistics()
    private var madeDecisions: [FaultPlan.Decision] = []
    private var firedCuts: [FaultPlan.Decision] = []
    /// Sockets of relayed connections, so `stop()` can wake their threads. A relay removes its
    /// sockets (under the lock) before closing them, so `stop()` never touches a closed descriptor.
    private var openDescriptors: Set<Int32> = []

    /// Starts a proxy in front of 127.0.0.1:`upstreamPort`.
    ///
    /// - Parameters:
    ///   - upstreamPort: Where relayed connections go, e.g. a ``TestHTTPServer``'s ``TestHTTPServer/port``.
    ///   - plan: The faults to inject; ``FaultPlan/none`` forwards faithfully. Can be changed
    ///     later through ``plan``.
    ///   - seed: Seeds every fault decision. Defaults to a random seed, readable from ``seed``.
    /// - Throws: ``TestServerError`` if no loopback port could be bound.
    public init(upstreamPort: Int, plan: FaultPlan = .none, seed: UInt64 = .random(in: .min ... .max)) throws {
        let (descriptor, port) = try POSIXSocket.bindLoopback(port: 0, listening: true)
        self.listener = descriptor
        self.port = port
        self.upstreamPort = upstreamPort
        self.seed = seed
        self.currentPlan = plan
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "FaultProxy:\(port) accept"
        thread.start()
    }


    /// The faults to inject. A change applies to connections accepted afterwards.
    public var plan: FaultPlan {
        get { condition.withLock { currentPlan } }
        set { condition.withLock { currentPlan = newValue } }
    }

    /// Whether new connections are relayed. While `false`, every accepted connection is closed at
    /// once (the client sees the server hang up without answering), to simulate a dead network.
    /// Connections already relayed are not affected. `true` at start.
    public var isAccepting: Bool {
        get { condition.withLock { accepting } }
        set { condition.withLock { accepting = newValue } }
    }

    /// A snapshot of the counters.
    public var statistics: Statistics {
        condition.withLock { totals }
    }

    /// The decision made for every relayed connection so far, in accept order
    /// (`decisions[n].connection == n`). Equal to `plan.decisions(seed: seed, count:)` for an
    /// unchanged plan.
    public var decisions: [FaultPlan.Decision] {
        condition.withLock { madeDecisions }
    }

    /// The decisions whose cut actually fired, in the order they fired.
    public var cuts: [FaultPlan.Decision] {
        condition.withLock { firedCuts }
    }

    /// Stops accepting, ends every relayed connection and closes the port.
    ///
    /// Returns once the port is closed and all of the proxy's threads have ended. Clients with a
    /// connection in progress see it end. Calling it again does nothing.
    public func stop() {
        let wasStopped = condition.withLock {
            let was = stopped
            stopped = true
            for descriptor in openDescriptors { POSIXSocket.shutdownBoth(descriptor) }
            return was
        }
        guard !wasStopped else { return }
        acceptLoopDone.wait()
        POSIXSocket.close(listener)
        condition.withLock {
            while totals.openConnections > 0 { condition.wait() }
        }
    }

    // MARK: - Used by the relays

    /// Whether ``stop()`` has been called.
    var isStopped: Bool {
        condition.withLock { stopped }
    }

    /// Registers a relay's sockets so ``stop()`` can wake it; `false` if the proxy is stopping.
    func register(_ descriptors: [Int32]) -> Bool {
        condition.withLock {
            guard !stopped else { return false }
            openDescriptors.formUnion(descriptors)
            return true
        }
    }

    /// Forgets a relay's sockets; call before closing them.
    func unregister(_ descriptors: [Int32]) {
        condition.withLock { openDescriptors.subtract(descriptors) }
    }

    /// Counts bytes forwarded.
    func recordForwarded(_ count: Int, _ direction: FaultPlan.Direction) {
        condition.withLock {
            switch direction {
            case .upload: totals.bytesUploaded += count
            case .download: totals.bytesDownloaded += count
            }
        }
    }

    /// Counts a cut that fired.
    func recordCut(_ decision: FaultPlan.Decision) {
        condition.withLock {
            totals.connectionsCut += 1
            firedCuts.append(decision)
        }
    }

    /// Counts a relay whose upstream could not be reached.
    func recordUpstreamFailure() {
        condition.withLock { totals.upstreamFailures += 1 }
    }

    /// Called last by every relay thread.
    func relayEnded() {
        condition.withLock {
            totals.openConnections -= 1
            condition.broadcast()
        }
    }

    // MARK: - Accepting

    private func acceptLoop() {
        defer { acceptLoopDone.signal() }
        while !isStopped {
            guard POSIXSocket.waitReadable(listener, milliseconds: 50),
                  let connection = POSIXSocket.accept(listener)
            else { continue }
            // Decide under the lock, in accept order: decision n always goes to connection n.
            let outcome: (decision: FaultPlan.Decision, plan: FaultPlan)? = condition.withLock {
                totals.connectionsAccepted += 1
                guard !stopped, accepting else {
                    if !stopped { totals.connectionsRefused += 1 }
                    return nil
                }
                let decision = currentPlan.decision(forConnection: madeDecisions.count, seed: seed)
                madeDecisions.append(decision)
                totals.openConnections += 1
                return (decision, currentPlan)
            }
            guard let outcome else {
                POSIXSocket.close(connection)
                continue
            }
            let relay = FaultProxyRelay(
                proxy: self, client: connection, upstreamPort: upstreamPort,
                plan: outcome.plan, decision: outcome.decision)
            let thread = Thread { relay.run() }
            thread.name = "FaultProxy:\(port) connection \(outcome.decision.connection)"
            thread.start()
        }
    }
}
