import AuditTerminal

/// What became of one long-poll: each phase records it in its own result type.
protocol LongPollOutcome: Sendable {
    static var answered: Self { get }
    static var cancelled: Self { get }
    static func failed(_ reason: String) -> Self
}

/// One long-polling pull, as the idle and burst phases open them.
enum LongPoll {
    /// Pulls after `cursor`, waiting up to `wait` seconds on the server, and says how it ended.
    static func run<Outcome: LongPollOutcome>(_ client: SyncClient, after cursor: Int64, wait: Int) async -> Outcome {
        do {
            _ = try await client.pull(after: cursor, wait: wait)
            return .answered
        } catch is CancellationError {
            return .cancelled
        } catch {
            return .failed("\(error)")
        }
    }
}
