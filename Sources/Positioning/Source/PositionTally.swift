/// Running counts over a source's events: what `audit-terminal gps read` prints at the end.
public struct PositionTally: Hashable, Sendable, CustomStringConvertible {
    /// NMEA sentences decoded.
    public private(set) var sentences = 0
    /// Fixes delivered.
    public private(set) var fixes = 0
    /// Rejected NMEA input, by reason.
    public private(set) var rejections: [NMEARejectionReason: Int] = [:]

    /// Creates a tally of nothing.
    public init() {}

    /// Counts one event.
    public mutating func add(_ event: PositionEvent) {
        switch event {
        case .fix: fixes += 1
        case .sentence: sentences += 1
        case .rejected(let rejection): rejections[rejection.reason, default: 0] += 1
        }
    }

    /// Everything rejected.
    public var rejected: Int { rejections.values.reduce(0, +) }

    /// Sentences read: decoded plus rejected.
    public var read: Int { sentences + rejected }

    /// The rejections as `reason=count` pairs in a stable order.
    public var rejectionsByReason: [(reason: NMEARejectionReason, count: Int)] {
        rejections.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `read 325 sentences: 300 decoded, 25 rejected (bad checksum 20, truncated 5); 68 fixes`.
    public var description: String {
        let reasons = rejectionsByReason.map { "\($0.reason) \($0.count)" }.joined(separator: ", ")
        return "read \(read) sentences: \(sentences) decoded, \(rejected) rejected\(reasons.isEmpty ? "" : " (\(reasons))"); \(fixes) fixes"
    }
}
