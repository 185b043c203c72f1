import Foundation

/// How long the gpsd client waits before connecting again: exponential backoff with a ceiling.
public struct ReconnectPolicy: Hashable, Sendable {
    /// The wait after the first failure.
    public var initialDelay: Duration
    /// The longest wait.
    public var maximumDelay: Duration
    /// How much each further failure multiplies the wait.
    public var multiplier: Double

    /// Creates a policy; the defaults wait 0.5 s, 1 s, 2 s, … up to 10 s.
    public init(initialDelay: Duration = .milliseconds(500), maximumDelay: Duration = .seconds(10), multiplier: Double = 2) {
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.multiplier = max(1, multiplier)
    }

    /// The wait after `failures` failures in a row (1 for the first).
    public func delay(afterFailures failures: Int) -> Duration {
        let initial = Self.seconds(initialDelay), ceiling = Self.seconds(maximumDelay)
        let seconds = min(ceiling, initial * pow(multiplier, Double(max(0, failures - 1))))
        return .milliseconds(Int64(seconds * 1000))
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
