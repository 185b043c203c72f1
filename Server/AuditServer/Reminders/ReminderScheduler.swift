import Foundation
import Logging
import ServiceLifecycle
import Shared

/// Runs reminder rounds inside `audit-server serve --sms`: every ``interval`` the node takes (or
/// renews) the store's `reminders` lease, and the node holding it runs a ``ReminderRound``. With
/// several nodes on one store exactly one sends; when it dies its lease expires and another node
/// takes over at its next tick. The lease is renewed before each message, so a node that lost it
/// mid-round (a stall longer than the lease) stops before sending anything more.
///
/// A failed round is logged and tried again at the next tick; a graceful shutdown lets the
/// current message finish and gives the lease up, so another node need not wait for it.
struct ReminderScheduler: Service {
    /// Makes the round and the lease once the server listens: the lease's holder is named after
    /// the node's address, the delivery-report URL after its port.
    let prepare: @Sendable () async throws -> (round: ReminderRound, lease: StoreLease)
    /// The time between rounds.
    let interval: Duration
    let logger: Logger

    /// How long a lease lasts without renewal: longer than the slowest send (5 s to connect, 30 s
    /// for the answer), so that a node renewing before each message never sends without it.
    static let leaseDuration: Int64 = 45_000

    func run() async throws {
        guard let (round, lease) = try? await cancelWhenGracefulShutdown(prepare) else { return }
        var holding = false
        while !Task.isShuttingDownGracefully {
            do {
                let took = try await lease.take()
                if took != holding {
                    logger.notice(took ? "this node sends text messages" : "another node sends text messages", metadata: ["node": "\(lease.holder)"])
                    holding = took
                }
                if took {
                    let outcome = try await round.run(mayContinue: { try await lease.take() })
                    if outcome != ReminderRound.Outcome() {
                        logger.info("reminder round", metadata: [
                            "digests": "\(outcome.digests)", "summaries": "\(outcome.summaries)", "sent": "\(outcome.sent.accepted)",
                            "retrying": "\(outcome.sent.retrying)", "refused": "\(outcome.sent.refused)", "quiet": "\(outcome.sent.quiet)",
                        ])
                    }
                }
            } catch {
                logger.error("reminder round failed; next try in \(interval)", metadata: ["error": "\(error)"])
            }
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
        if holding { try? await lease.release() }
    }
}
