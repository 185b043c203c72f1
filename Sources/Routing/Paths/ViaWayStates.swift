/// The extra states a ``ChainSearch`` needs to honour turn restrictions over via ways: how much of
/// such a restriction a leg has just followed.
///
/// A forbidden run of edges (``RoadGraph/forbiddenPathStart``) is, on the ``ChainGraph``, a run of
/// whole chains — the `from` chain, one or more via chains, the `to` chain — because the nodes where
/// it enters and leaves the via ways are core. A leg may travel any proper part of such a run but
/// never all of it. The search's plain state knows only the chain just travelled; an extra state
/// stands for a longer history, a prefix of two or more chains of some run. Moving on from a state
/// keeps the longest suffix of the history that is still such a prefix (as in Aho–Corasick), so
/// overlapping runs are all honoured; entering the last chain of a run whose other chains are a
/// suffix of the history is forbidden.
struct ViaWayStates: Sendable {
    /// The chain just travelled in each extra state.
    let lastChain: [Int32]
    /// For extra state `s` and the chains leaving the core node it stands at (in ``ChainGraph``
    /// order, `k` for chain `start[core] + k`): `step[stepStart[s] + k]` is the extra state entered,
    /// −1 for a plain state, −2 when the move completes a forbidden run.
    let stepStart: [Int32]
    let step: [Int32]
    /// Whether a run starts with each chain, and the extra state entered from plain chain `c` into
    /// chain `n` (`c << 32 | n`).
    let startsRun: [Bool]
    let entry: [Int: Int32]

    /// The extra states for `runs`, each a list of chains (three or more), over the chains of a
    /// ``ChainGraph`` given by its `target` and `start` arrays.
    init(runs: [[Int32]], target: [Int32], start: [Int32]) {
        var prefixes = [[Int32]: Int32](), sequences: [[Int32]] = []
        for run in runs {
            for length in 2..<run.count where prefixes[Array(run[..<length])] == nil {
                prefixes[Array(run[..<length])] = Int32(sequences.count)
                sequences.append(Array(run[..<length]))
            }
        }
        let forbidden = Set(runs), longest = runs.map(\.count).max() ?? 0
        /// The state after `history` + `next`: the longest suffix that is a prefix, else plain (−1);
        /// −2 when a suffix is a whole forbidden run.
        func after(_ history: [Int32], _ next: Int32) -> Int32 {
            let moved = history + [next]
            for length in stride(from: min(moved.count, longest), through: 3, by: -1) where forbidden.contains(Array(moved.suffix(length))) { return -2 }
            for length in stride(from: min(moved.count, longest), through: 2, by: -1) {
                if let state = prefixes[Array(moved.suffix(length))] { return state }
            }
            return -1
        }
        var stepStart: [Int32] = [0], step: [Int32] = []
        for sequence in sequences {
            let core = Int(target[Int(sequence[sequence.count - 1])])
            for next in Int(start[core])..<Int(start[core + 1]) { step.append(after(sequence, Int32(next))) }
            stepStart.append(Int32(step.count))
        }
        var startsRun = [Bool](repeating: false, count: target.count), entry = [Int: Int32]()
        for (sequence, state) in prefixes where sequence.count == 2 {
            startsRun[Int(sequence[0])] = true
            entry[Int(sequence[0]) << 32 | Int(sequence[1])] = state
        }
        self.lastChain = sequences.map { $0[$0.count - 1] }
        self.stepStart = stepStart
        self.step = step
        self.startsRun = startsRun
        self.entry = entry
    }

    /// The number of extra states.
    var count: Int { lastChain.count }
}
