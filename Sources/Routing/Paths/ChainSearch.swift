/// The state space of searches over a ``ChainGraph`` that check turns.
///
/// A state is a chain just travelled — the search stands at its end core node — together with the
/// phase of the leg, so that every turn from one chain into the next can be checked and
/// destination-only ways serve only the ends of a leg: a leg's edges read as destination-only
/// ones (leaving the start), open ones, destination-only ones (arriving), each part possibly empty.
/// State `2c` is chain `c` while leaving (destination-only chains) or passing through (open ones);
/// state `2c + 1` is destination-only chain `c` while arriving.
struct ChainSearch: LegSearch, Sendable {
    let chains: ChainGraph

    /// The number of states.
    var stateCount: Int { 2 * chains.cost.count }

    /// The chain of `state`.
    @inline(__always) func chain(_ state: Int) -> Int { state >> 1 }

    /// The core node the search stands at in `state`.
    @inline(__always) func core(_ state: Int) -> Int { Int(chains.target[state >> 1]) }

    /// The state of starting a leg along `chain`.
    @inline(__always) func start(_ chain: Int) -> Int { chain << 1 }

    /// Whether the leg may go on from `state` into `next` (a chain starting where `state` stands):
    /// the turn is allowed, and a leg already arriving over destination-only ways does not take an
    /// open way again.
    @inline(__always) func mayEnter(_ next: Int, from state: Int) -> Bool {
        if state & 1 == 1, !chains.chainDestinationOnly[next] { return false }
        return chains.allowsTurn(from: state >> 1, into: next)
    }

    /// The state reached by going on from `state` into `next`, or nil when that is not allowed.
    @inline(__always) func enter(_ next: Int, from state: Int) -> Int? {
        guard mayEnter(next, from: state) else { return nil }
        guard chains.chainDestinationOnly[next] else { return next << 1 }
        let leaving = state & 1 == 0 && chains.chainDestinationOnly[state >> 1]
        return next << 1 | (leaving ? 0 : 1)
    }
}
