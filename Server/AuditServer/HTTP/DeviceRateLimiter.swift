import Hummingbird
import Synchronization

/// A token bucket per device: each request takes a token, tokens come back at a steady rate up to
/// a burst. A request finding the bucket empty is refused with `429 rate_limited` and a
/// `Retry-After` saying when a token will be there.
final class DeviceRateLimiter: Sendable {
    struct Bucket {
        var tokens: Double
        var updated: ContinuousClock.Instant
    }

    let rate: Double
    let burst: Double
    private let buckets = Mutex<[String: Bucket]>([:])

    /// A limiter refilling `rate` tokens a second up to `burst`.
    init(rate: Double, burst: Int) {
        self.rate = rate
        self.burst = Double(max(burst, 1))
    }

    /// Takes a token for `device`, or returns how many seconds until one is available.
    func take(for device: String, now: ContinuousClock.Instant = .now) -> Double? {
        buckets.withLock { buckets in
            var bucket = buckets[device] ?? Bucket(tokens: burst, updated: now)
            let elapsed = now - bucket.updated
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            bucket.tokens = min(burst, bucket.tokens + seconds * rate)
            bucket.updated = now
            defer { buckets[device] = bucket }
            guard bucket.tokens >= 1 else { return (1 - bucket.tokens) / rate }
            bucket.tokens -= 1
            return nil
        }
    }
}

/// Applies a ``DeviceRateLimiter`` to every authenticated request.
struct DeviceRateLimitMiddleware: RouterMiddleware {
    let limiter: DeviceRateLimiter

    func handle(_ request: Request, context: DeviceRequestContext,
                next: (Request, DeviceRequestContext) async throws -> Response) async throws -> Response {
        if let device = context.device, let wait = limiter.take(for: device.name) {
            throw APIError.tooManyRequests(
                "rate_limited",
                detail: "device \(device.name) sent more than \(Self.format(limiter.rate)) requests a second (bursts of \(Int(limiter.burst))); wait and try again",
                retryAfter: max(1, Int(wait.rounded(.up))))
        }
        return try await next(request, context)
    }

    static func format(_ rate: Double) -> String {
        rate == rate.rounded() ? String(Int(rate)) : String(rate)
    }
}
