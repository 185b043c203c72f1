/// How fast a replay plays: as fast as possible, or at a multiple of the recorded time.
///
/// At speed N the wait before each fix is the recorded time since the previous fix divided by N.
/// Time that runs backwards (a receiver's new session) or is unknown (a point without a time) gives
/// no wait; a gap longer than ``maximumGap`` (a receiver switched off for a while) is played as
/// ``maximumGap``, so a replay never stalls for minutes.
public struct ReplayPace: Hashable, Sendable, CustomStringConvertible {
    /// The multiple of recorded time, or `nil` to play as fast as possible.
    public var speed: Double?
    /// The longest recorded gap played as it was, in recorded seconds; 10 by default.
    public var maximumGap: Double

    /// Plays without waiting.
    public static let asFastAsPossible = ReplayPace(speed: nil)
    /// Plays at the recorded pace.
    public static let realTime = ReplayPace(speed: 1)

    /// Creates a pace; `speed` must be positive, `nil` means as fast as possible.
    public init(speed: Double?, maximumGap: Double = 10) {
        self.speed = speed
        self.maximumGap = maximumGap
    }

    /// The wait before a fix taken at `next` when the previous one was taken at `previous`.
    public func delay(from previous: FixTime?, to next: FixTime?) -> Duration {
        guard let speed, speed > 0, let previous, let next else { return .zero }
        let recorded = min(max(next.seconds(since: previous), 0), maximumGap)
        return .milliseconds(Int64((recorded / speed * 1000).rounded()))
    }

    /// `as fast as possible` or `speed 4x`.
    public var description: String {
        speed.map { "speed \($0)x" } ?? "as fast as possible"
    }
}
