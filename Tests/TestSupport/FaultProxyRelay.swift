#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One relayed connection of a ``FaultProxy``, run on a thread of its own.
///
/// A single thread owns both sockets and multiplexes them with `poll`, so a cut can close the
/// sockets at once (no other thread may be blocked on them), reads and writes never block each
/// other, and a delayed chunk in one direction does not hold up the other. Each direction
/// forwards one chunk at a time: read (when nothing is pending), wait out the chunk's delay,
/// write it, read the next.
struct FaultProxyRelay: Sendable {
    let proxy: FaultProxy
    let client: Int32
    let upstreamPort: Int
    let plan: FaultPlan
    let decision: FaultPlan.Decision

    /// The state of one direction.
    private struct Flow {
        let direction: FaultPlan.Direction
        let source: Int32
        let destination: Int32
        /// The source has not yet ended its stream.
        var sourceOpen = true
        /// Bytes read but not yet written.
        var pending: [UInt8] = []
        var pendingOffset = 0
        /// Do not write `pending` before this instant (a delayed chunk).
        var releaseAt: ContinuousClock.Instant
        /// Bytes taken from the source for forwarding so far (drives the cut offset).
        var taken = 0
        /// The planned cut offset, if this direction carries the connection's cut.
        let cutAfter: Int?
        /// The cut offset was reached: cut as soon as `pending` is written.
        var cutDue = false

        var hasPending: Bool { pendingOffset < pending.count }
    }

    /// How the connection ended, which decides how the sockets are closed.
    private enum Ending {
        /// Both directions ended normally, or one peer broke the connection, or the proxy stopped.
        case normal
        /// The planned cut fired.
        case cut(FaultPlan.CutStyle)
    }

    func run() {
        defer { proxy.relayEnded() }
        let upstream: Int32
        do {
            upstream = try POSIXSocket.connectLoopback(port: upstreamPort)
        } catch {
            proxy.recordUpstreamFailure()
            POSIXSocket.close(client)
            return
        }
        let sockets = [client, upstream]
        guard proxy.register(sockets) else {
            POSIXSocket.close(client)
            POSIXSocket.close(upstream)
            return
        }

        let ending = relay(upstream: upstream)

        proxy.unregister(sockets)
        switch ending {
        case .normal:
            POSIXSocket.close(client)
            POSIXSocket.close(upstream)
        case .cut(.close):
            for socket in sockets {
                POSIXSocket.shutdownOutput(socket)
                POSIXSocket.close(socket)
            }
        case .cut(.reset):
            for socket in sockets { POSIXSocket.closeWithReset(socket) }
        }
    }

    /// Forwards until both directions have ended, a peer breaks the connection, the cut fires or
    /// the proxy stops.
    private func relay(upstream: Int32) -> Ending {
        let clock = ContinuousClock()
        var delays = FaultProxyRandom(seed: decision.delaySeed)
        var flows = [
            Flow(direction: .upload, source: client, destination: upstream, releaseAt: clock.now,
                 cutAfter: decision.cut?.direction == .upload ? decision.cut?.afterBytes : nil),
            Flow(direction: .download, source: upstream, destination: client, releaseAt: clock.now,
                 cutAfter: decision.cut?.direction == .download ? decision.cut?.afterBytes : nil),
        ]

        while !proxy.isStopped {
            // What to wait for: a writable destination for a due chunk, a readable source otherwise.
            var entries: [pollfd] = []
            var roles: [(flow: Int, writing: Bool)] = []
            var timeout = Duration.milliseconds(100)
            let now = clock.now
            for index in flows.indices {
                let flow = flows[index]
                if flow.hasPending {
                    if now >= flow.releaseAt {
                        entries.append(pollfd(fd: flow.destination, events: Int16(POLLOUT), revents: 0))
                        roles.append((index, true))
                    } else {
                        timeout = min(timeout, flow.releaseAt - now)
                    }
                } else if flow.sourceOpen {
                    entries.append(pollfd(fd: flow.source, events: Int16(POLLIN), revents: 0))
                    roles.append((index, false))
                }
            }
            if entries.isEmpty && flows.allSatisfy({ !$0.sourceOpen && !$0.hasPending }) {
                return .normal
            }

            let milliseconds = Int32(clamping: timeout.components.seconds * 1000
                + timeout.components.attoseconds / 1_000_000_000_000_000 + 1)
            if entries.isEmpty {
                // Every direction is waiting out a delay (or has ended).
                usleep(useconds_t(milliseconds) * 1000)
                continue
            }
            if poll(&entries, nfds_t(entries.count), milliseconds) <= 0 { continue }  // timeout, or EINTR

            for (entry, role) in zip(entries, roles) where entry.revents != 0 {
                if role.writing {
                    if let ending = write(&flows[role.flow]) { return ending }
                } else {
                    if let ending = read(&flows[role.flow], delays: &delays, now: clock.now) { return ending }
                }
            }
        }
        return .normal
    }

    /// Reads one chunk into `flow.pending`, applying the cut offset and a delay.
    /// Returns how the connection ends, or `nil` to go on.
    private func read(_ flow: inout Flow, delays: inout FaultProxyRandom, now: ContinuousClock.Instant) -> Ending? {
        switch POSIXSocket.receiveSome(flow.source, capacity: plan.maxChunkSize) {
        case .wouldBlock:
            return nil
        case .failed:
            return .normal
        case .endOfStream:
            flow.sourceOpen = false
            POSIXSocket.shutdownOutput(flow.destination)
            return nil
        case .bytes(var bytes):
            if let cutAfter = flow.cutAfter, flow.taken + bytes.count > cutAfter {
                bytes = Array(bytes.prefix(cutAfter - flow.taken))
                flow.cutDue = true
            }
            flow.taken += bytes.count
            if bytes.isEmpty && flow.cutDue { return cut() }
            flow.pending = bytes
            flow.pendingOffset = 0
            flow.releaseAt = now
            // Draw both values for every chunk, so the sequence does not depend on the outcomes.
            let roll = Double.random(in: 0..<1, using: &delays)
            let delay = Int.random(in: plan.delayMilliseconds, using: &delays)
            if roll < plan.delayProbability && delay > 0 {
                flow.releaseAt = now + .milliseconds(delay)
            }
            return nil
        }
    }

    /// Writes what the destination takes of `flow.pending`. Returns how the connection ends, or
    /// `nil` to go on.
    private func write(_ flow: inout Flow) -> Ending? {
        guard let written = POSIXSocket.sendSome(flow.destination, flow.pending[flow.pendingOffset...]) else {
            return .normal  // the destination is gone (EPIPE, ECONNRESET)
        }
        guard written > 0 else { return nil }
        flow.pendingOffset += written
        proxy.recordForwarded(written, flow.direction)
        guard !flow.hasPending else { return nil }
        flow.pending = []
        flow.pendingOffset = 0
        if flow.cutDue { return cut() }
        return nil
    }

    private func cut() -> Ending {
        proxy.recordCut(decision)
        return .cut(decision.cut?.style ?? .close)
    }
}
