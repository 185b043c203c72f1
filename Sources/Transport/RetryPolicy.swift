/// How often, and how patiently, ``HTTPClient`` repeats a request that failed for a reason that may
/// pass: a timeout, a connection error, or a 5xx answer.
///
/// A 4xx answer is never retried: the server understood the request and refused it, so sending it
/// again cannot help.
///
/// The pause before retry *n* (n = 1 for the second attempt) is exponential backoff with jitter:
/// `min(maxDelay, baseDelay * 2^(n-1))`, of which a random half is taken away ("equal jitter"), so
/// many terminals that lost the server at the same moment do not all come back at the same moment.
///
/// Retrying is safe for the FieldAudit sync protocol because pushes carry a batch id and are
/// idempotent. For a request that must not be repeated, set ``HTTPRequest/retryPolicy`` to ``none``.
public struct RetryPolicy: Sendable, Hashable {
    /// Total number of attempts, the first one included; 1 means no retries. At least 1.
    public var maxAttempts: Int
    /// The pause before the first retry, before jitter.
    public var baseDelay: Duration
    /// The longest pause between two attempts, before jitter.
    public var maxDelay: Duration

    /// Creates a policy.
    ///
    /// - Parameters:
    ///   - maxAttempts: Total attempts including the first; values below 1 are treated as 1.
    ///   - baseDelay: Pause before the first retry (doubled for each further retry).
    ///   - maxDelay: Upper bound for any pause.
    public init(maxAttempts: Int = 4, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(10)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = max(maxDelay, .zero)
    }

    /// Four attempts, pauses starting at 0.5 s and doubling up to 10 s.
    public static let `default` = RetryPolicy()

    /// A single attempt: never retry.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// The pause before retry number `retry` (1 for the pause between the first and second attempt).
    ///
    /// - Parameters:
    ///   - retry: Which retry is about to happen, starting at 1.
    ///   - jitter: A number in `0...1`; the result is `backoff * (1 - jitter / 2)`. Defaults to a
    ///     random value. Pass a fixed value to get a predictable delay.
    /// - Returns: A duration between half the capped backoff and the capped backoff.
    public func delay(beforeRetry retry: Int, jitter: Double = .random(in: 0...1)) -> Duration {
        let exponent = Double(min(max(retry - 1, 0), 62))
        let backoff = min(baseDelay.seconds * Double.pow2(exponent), maxDelay.seconds)
        let factor = 1 - min(max(jitter, 0), 1) / 2
        return .milliseconds(Int64((max(backoff, 0) * factor * 1000).rounded()))
    }
}

extension Double {
    /// 2 raised to `exponent`, without importing a maths library.
    fileprivate static func pow2(_ exponent: Double) -> Double {
        Double(sign: .plus, exponent: Int(exponent), significand: 1)
    }
}
