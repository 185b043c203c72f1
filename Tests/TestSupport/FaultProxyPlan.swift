/// Which faults a ``FaultProxy`` injects, and how often.
///
/// For every relayed connection the proxy draws one ``Decision`` from the plan and the proxy's
/// seed: whether the connection is cut and, if so, in which direction, after how many bytes and
/// how (orderly close or reset). The draw depends only on the plan, the seed and the connection's
/// number, so the same seed replays the same cuts (see ``decisions(seed:count:)``).
///
/// ```swift
/// // Cut three connections in ten, anywhere in the first 4 KiB of the request or the response.
/// let plan = FaultPlan.cuts(probability: 0.3, afterBytes: 0...4096)
/// // Forward everything faithfully, but hold back each chunk for 1–5 ms.
/// let slow = FaultPlan(delayProbability: 1, delayMilliseconds: 1...5)
/// ```
public struct FaultPlan: Sendable, Hashable {
    /// The two directions of a relayed connection.
    public enum Direction: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Client to upstream: the request.
        case upload
        /// Upstream to client: the response.
        case download

        /// `"upload"` or `"download"`.
        public var description: String { rawValue }
    }

    /// How a cut connection ends.
    public enum CutStyle: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// Both peers get an orderly end of stream (FIN), as when a server closes early. A peer
        /// that had sent bytes the proxy never read may get a reset right after (the kernel's
        /// answer to closing a socket with unread input).
        case close
        /// Both peers get a TCP reset (`SO_LINGER` 0), as when a middlebox drops the connection.
        case reset

        /// `"close"` or `"reset"`.
        public var description: String { rawValue }
    }

    /// A planned cut: after exactly ``afterBytes`` bytes in ``direction`` the connection ends.
    ///
    /// The cut fires only if the peer sends more than ``afterBytes`` bytes in that direction: a
    /// response of 100 bytes with a cut planned after byte 500 passes intact. When it fires, the
    /// receiving peer has seen exactly the first ``afterBytes`` bytes and nothing after them.
    public struct Cut: Sendable, Hashable, CustomStringConvertible {
        /// The direction whose byte count triggers the cut.
        public var direction: Direction
        /// How many bytes of that direction are forwarded before the cut (0 = none).
        public var afterBytes: Int
        /// Orderly close or reset.
        public var style: CutStyle

        /// Creates a cut.
        public init(direction: Direction, afterBytes: Int, style: CutStyle) {
            self.direction = direction
            self.afterBytes = afterBytes
            self.style = style
        }

        /// E.g. `"download cut after 1234 bytes (reset)"`.
        public var description: String { "\(direction) cut after \(afterBytes) bytes (\(style))" }
    }

    /// What the proxy does to one relayed connection.
    public struct Decision: Sendable, Hashable, CustomStringConvertible {
        /// The connection's number among relayed connections, from 0 in accept order.
        /// Connections turned away while ``FaultProxy/isAccepting`` is `false` get no number.
        public var connection: Int
        /// The planned cut, or `nil` to leave the connection whole.
        public var cut: Cut?
        /// Seeds the per-chunk delay draws of this connection.
        var delaySeed: UInt64

        /// E.g. `"connection 3: download cut after 1234 bytes (reset)"` or `"connection 4: intact"`.
        public var description: String {
            "connection \(connection): " + (cut.map(\.description) ?? "intact")
        }
    }

    /// The fraction of connections that get a ``Cut``, from 0 (none) to 1 (every one).
    public var cutProbability: Double
    /// Directions a cut may be planned in, picked with equal chance. Empty means no cuts.
    public var cutDirections: Set<Direction>
    /// The range the cut offset (``Cut/afterBytes``) is drawn from, uniformly.
    public var cutAfterBytes: ClosedRange<Int>
    /// Styles a cut may use, picked with equal chance. Empty means no cuts.
    public var cutStyles: Set<CutStyle>
    /// The chance that a chunk (one read, at most ``maxChunkSize`` bytes) is held back before it
    /// is forwarded, from 0 to 1. Each direction is delayed on its own.
    public var delayProbability: Double
    /// The range a chunk's delay is drawn from, in milliseconds.
    public var delayMilliseconds: ClosedRange<Int>
    /// The most bytes forwarded per read. Smaller chunks give delays more places to strike.
    public var maxChunkSize: Int

    /// Creates a plan. The defaults inject nothing (see ``none``).
    ///
    /// - Parameters:
    ///   - cutProbability: Fraction of connections to cut, 0...1.
    ///   - cutDirections: Directions a cut may hit.
    ///   - cutAfterBytes: Range of the cut offset in bytes; negative bounds are raised to 0.
    ///   - cutStyles: Ways a cut may end the connection.
    ///   - delayProbability: Chance that a chunk is delayed, 0...1.
    ///   - delayMilliseconds: Range of a chunk's delay in milliseconds.
    ///   - maxChunkSize: Most bytes per read; at least 1.
    public init(
        cutProbability: Double = 0,
        cutDirections: Set<Direction> = [.upload, .download],
        cutAfterBytes: ClosedRange<Int> = 0...16_384,
        cutStyles: Set<CutStyle> = [.close, .reset],
        delayProbability: Double = 0,
        delayMilliseconds: ClosedRange<Int> = 1...5,
        maxChunkSize: Int = 64 * 1024
    ) {
        self.cutProbability = cutProbability
        self.cutDirections = cutDirections
        self.cutAfterBytes = max(0, cutAfterBytes.lowerBound)...max(0, cutAfterBytes.upperBound)
        self.cutStyles = cutStyles
        self.delayProbability = delayProbability
        self.delayMilliseconds = max(0, delayMilliseconds.lowerBound)...max(0, delayMilliseconds.upperBound)
        self.maxChunkSize = max(1, maxChunkSize)
    }

    /// Forward every byte faithfully, at once, and never cut.
    public static let none = FaultPlan()

    /// A plan that cuts a fraction of connections and injects nothing else.
    ///
    /// - Parameters:
    ///   - probability: Fraction of connections to cut; 1 cuts every connection.
    ///   - directions: Directions a cut may hit.
    ///   - afterBytes: Range of the cut offset in bytes.
    ///   - styles: Ways a cut may end the connection.
    public static func cuts(
        probability: Double = 1,
        directions: Set<Direction> = [.upload, .download],
        afterBytes: ClosedRange<Int> = 0...16_384,
        styles: Set<CutStyle> = [.close, .reset]
    ) -> FaultPlan {
        FaultPlan(cutProbability: probability, cutDirections: directions, cutAfterBytes: afterBytes, cutStyles: styles)
    }

    /// The decision for connection number `connection` of a trial seeded with `seed`.
    ///
    /// Depends only on the plan, `seed` and `connection`; this is what a ``FaultProxy`` with the
    /// same plan and seed applies to that connection.
    public func decision(forConnection connection: Int, seed: UInt64) -> Decision {
        var random = FaultProxyRandom(seed: seed, index: connection)
        // Always draw the same values, so changing one setting does not reshuffle the others.
        let roll = Double.random(in: 0..<1, using: &random)
        let directionPick = random.next()
        let stylePick = random.next()
        let offset = Int.random(in: cutAfterBytes, using: &random)
        let delaySeed = random.next()

        // Pick from a fixed order: Set iteration order changes from run to run.
        let directions = Direction.allCases.filter(cutDirections.contains)
        let styles = CutStyle.allCases.filter(cutStyles.contains)
        var cut: Cut?
        if roll < cutProbability, !directions.isEmpty, !styles.isEmpty {
            cut = Cut(
                direction: directions[Int(directionPick % UInt64(directions.count))],
                afterBytes: offset,
                style: styles[Int(stylePick % UInt64(styles.count))])
        }
        return Decision(connection: connection, cut: cut, delaySeed: delaySeed)
    }

    /// The decisions for connections `0..<count` of a trial seeded with `seed`: what a
    /// ``FaultProxy`` with this plan and seed will do, to compare with ``FaultProxy/decisions``.
    public func decisions(seed: UInt64, count: Int) -> [Decision] {
        (0..<max(0, count)).map { decision(forConnection: $0, seed: seed) }
    }
}
