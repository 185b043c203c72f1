import Synchronization

/// Counts the long-polling pulls each device holds open and refuses more than a limit with
/// `429 too_many_long_polls`. An honest tablet holds one.
final class LongPollLimiter: Sendable {
    let limit: Int
    private let open = Mutex<[String: Int]>([:])

    /// A limiter allowing `limit` long-polls per device.
    init(limit: Int) { self.limit = limit }

    /// Runs `body` as one of `device`'s long-polls, or throws 429 if it already holds `limit`.
    func run<Value>(for device: String, _ body: () async throws -> Value) async throws -> Value {
        let admitted = open.withLock { open in
            guard open[device, default: 0] < limit else { return false }
            open[device, default: 0] += 1
            return true
        }
        guard admitted else {
            throw APIError.tooManyRequests(
                "too_many_long_polls",
                detail: "device \(device) already holds \(limit) waiting pulls; close one before opening another",
                retryAfter: 1)
        }
        defer {
            open.withLock { open in
                open[device, default: 1] -= 1
                if open[device] == 0 { open[device] = nil }
            }
        }
        return try await body()
    }
}
