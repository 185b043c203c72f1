/// SplitMix64: a small, fast, seedable generator, so a ``FaultProxy`` trial can be replayed from
/// its seed.
///
/// The sequence for a given seed is fixed by this file alone (no platform or library
/// randomness), which is what makes ``FaultPlan/decision(forConnection:seed:)`` replayable.
struct FaultProxyRandom: RandomNumberGenerator {
    private var state: UInt64

    /// A generator whose output is fully determined by `seed`.
    init(seed: UInt64) {
        state = seed
    }

    /// A generator for item `index` of a trial seeded with `seed`: each item gets an independent
    /// stream, so connection 7's faults do not depend on how many values connections 0–6 drew.
    init(seed: UInt64, index: Int) {
        state = Self.mix(seed ^ Self.mix(UInt64(truncatingIfNeeded: index) &+ 0x5851_F42D_4C95_7F2D))
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective scramble of all 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
