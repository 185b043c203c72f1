/// Per-device limits on what one token may ask of the server at once.
///
/// The defaults leave an honest tablet (one long-poll and a few pushes and downloads per sync)
/// far below both limits; they only stop a runaway or hostile client from tying up the server.
public struct DeviceLimits: Sendable, Hashable {
    /// Long-polling pulls (`wait` > 0) one device may hold open at once; 0 turns the limit off.
    public var longPolls: Int
    /// Requests per second one device may send on average; 0 turns the rate limit off.
    public var requestsPerSecond: Double
    /// Requests one device may send in a burst above the average rate.
    public var burst: Int

    /// Creates limits; the defaults are 4 long-polls, 20 requests per second with bursts of 40.
    public init(longPolls: Int = 4, requestsPerSecond: Double = 20, burst: Int = 40) {
        self.longPolls = longPolls
        self.requestsPerSecond = requestsPerSecond
        self.burst = burst
    }

    /// The defaults.
    public static let `default` = DeviceLimits()
}
