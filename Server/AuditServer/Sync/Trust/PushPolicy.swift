import Shared

/// The limits a push is checked against that an operator may set (`audit-server serve`).
public struct PushPolicy: Sendable, Hashable {
    /// How far ahead of the server's clock a write's hybrid-clock time may lie, in milliseconds.
    public var maximumClockAheadMilliseconds: UInt64

    /// Creates a policy.
    public init(maximumClockAheadMilliseconds: UInt64 = HistoryClaimCheck.defaultMaximumAhead) {
        self.maximumClockAheadMilliseconds = maximumClockAheadMilliseconds
    }

    /// The defaults: 24 hours of clock lead.
    public static let standard = PushPolicy()
}
