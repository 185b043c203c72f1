import Foundation

/// A hybrid logical clock reading: wall-clock milliseconds plus a logical tick.
///
/// Readings stay close to real time yet never go backwards and always move past every reading a
/// replica has received, so "later" means the same thing on every replica even when tablet clocks
/// drift. Conflicts use it to pick which value to show (see ``FieldAuthority``).
public struct HLCTimestamp: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Milliseconds since 1970-01-01 UTC.
    public var milliseconds: UInt64
    /// Breaks ties between readings in the same millisecond.
    public var logical: UInt32

    /// Creates a reading.
    public init(milliseconds: UInt64, logical: UInt32 = 0) {
        self.milliseconds = milliseconds
        self.logical = logical
    }

    /// The earliest possible reading.
    public static let zero = HLCTimestamp(milliseconds: 0)

    public static func < (lhs: HLCTimestamp, rhs: HLCTimestamp) -> Bool {
        (lhs.milliseconds, lhs.logical) < (rhs.milliseconds, rhs.logical)
    }

    /// The wall-clock part as a date.
    public var date: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// `MILLISECONDS.LOGICAL`, as ``init(parsing:)`` reads it back.
    public var description: String { "\(milliseconds).\(logical)" }

    /// Reads the ``description`` form, `MILLISECONDS.LOGICAL`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let milliseconds = UInt64(parts[0]), let logical = UInt32(parts[1]) else { return nil }
        self.init(milliseconds: milliseconds, logical: logical)
    }

    enum CodingKeys: String, CodingKey {
        case milliseconds = "ms"
        case logical = "n"
    }
}

/// A hybrid logical clock (Kulkarni et al., 2014) for one replica.
///
/// Call ``now(physical:)`` for every local write and ``receive(_:physical:)`` for every reading that
/// arrives from another replica.
public struct HybridLogicalClock: Sendable {
    /// The last reading given out or received.
    public private(set) var last: HLCTimestamp

    /// Starts a clock after `last` (persist ``last`` to keep readings monotonic across restarts).
    public init(last: HLCTimestamp = .zero) { self.last = last }

    /// The current wall-clock time in milliseconds.
    public static func wallClockMilliseconds() -> UInt64 {
        UInt64(max(0, (Date().timeIntervalSince1970 * 1000).rounded(.down)))
    }

    /// A new reading for a local event, later than every reading before it.
    public mutating func now(physical: UInt64 = wallClockMilliseconds()) -> HLCTimestamp {
        if physical > last.milliseconds {
            last = HLCTimestamp(milliseconds: physical)
        } else {
            last = last.successor
        }
        return last
    }

    /// Takes in a reading from another replica so that later local readings come after it.
    public mutating func receive(_ remote: HLCTimestamp, physical: UInt64 = wallClockMilliseconds()) {
        let newest = max(last, remote)
        if physical > newest.milliseconds {
            last = HLCTimestamp(milliseconds: physical)
        } else {
            last = newest.successor
        }
    }
}

extension HLCTimestamp {
    /// The next reading after this one: the logical tick moves on, and when it is used up the
    /// millisecond does. It never traps: the greatest reading is its own successor (saturates).
    public var successor: HLCTimestamp {
        if logical < UInt32.max { return HLCTimestamp(milliseconds: milliseconds, logical: logical + 1) }
        if milliseconds < UInt64.max { return HLCTimestamp(milliseconds: milliseconds + 1, logical: 0) }
        return self
    }
}
