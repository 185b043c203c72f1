/// The state space of searches over a ``ChainGraph`` that check turns.
///
/// A state is a chain just travelled — the search stands at its end core node — together with the
/// phase of the leg, so that every turn from one chain into the next can be checked and
/// destination-only ways serve only the ends of a leg: a leg's edges read as destination-only
/// ones (leaving the start), open ones, destination-only ones (arriving), each part possibly empty.
/// State `2s` is slot `s` while leaving (destination-only chains) or passing through (open ones);
/// state `2s + 1` is slot `s`, destination-only, while arriving. Slot `c` below the chain count is
/// chain `c`; the slots above are the extra states of restrictions over via ways
/// (``ViaWayStates``), each standing for a longer history ending with one chain.
struct ChainSearch: LegSearch, Sendable {
    let chains: ChainGraph
    private let chainCount: Int

    init(chains: ChainGraph) {
        self.chains = chains
        chainCount = chains.cost.count
    }

    /// The number of states.
    var stateCount: Int { 2 * (chainCount + chains.viaWays.count) }

    /// The chain of `state`.
    @inline(__always) func chain(_ state: Int) -> Int {
        let slot = state >> 1
        return slot < chainCount ? slot : Int(chains.viaWays.lastChain[slot - chainCount])
    }

    /// The core node the search stands at in `state`.
    @inline(__always) func core(_ state: Int) -> Int { Int(chains.target[chain(state)]) }

    /// The state of starting a leg along `chain`.
    @inline(__always) func start(_ chain: Int) -> Int { chain << 1 }

    /// Whether the leg may go on from `state` into `next` (a chain starting where `state` stands).
    @inline(__always) func mayEnter(_ next: Int, from state: Int) -> Bool {
        enter(next, from: state) != nil
    }

    /// The state reached by going on from `state` into `next`, or nil when that is not allowed: a
    /// leg already arriving over destination-only ways takes no open way again, the turn must be
    /// allowed, and the move must not complete a restriction over via ways.
    @inline(__always) func enter(_ next: Int, from state: Int) -> Int? {
        if state & 1 == 1, !chains.chainDestinationOnly[next] { return nil }
        let last = chain(state)
        guard chains.allowsTurn(from: last, into: next), let slot = slot(after: state, into: next) else { return nil }
        guard chains.chainDestinationOnly[next] else { return slot << 1 }
        let leaving = state & 1 == 0 && chains.chainDestinationOnly[last]
        return slot << 1 | (leaving ? 0 : 1)
    }

    /// The slot of going on from `state` into `next`: the chain itself, or an extra state when the
    /// move follows a restriction over via ways; nil when it completes one.
    @inline(__always) private func slot(after state: Int, into next: Int) -> Int? {
        let via = chains.viaWays, slot = state >> 1
        guard via.count > 0 else { return next }
        if slot < chainCount {
            guard via.startsRun[slot], let extra = via.entry[slot << 32 | next] else { return next }
            return chainCount + Int(extra)
        }
        let extra = slot - chainCount, here = Int(chains.target[Int(via.lastChain[extra])])
        let step = Int(via.step[Int(via.stepStart[extra]) + next - Int(chains.start[here])])
        return step == -2 ? nil : step == -1 ? next : chainCount + step
    }
}
