/// The node-based state space of searches over a ``ChainGraph`` with no forbidden turn: a state is
/// a core node together with the leg's phase, so a search settles each core node at most three
/// times instead of once per chain arriving there (two to three times fewer labels than
/// ``ChainSearch``).
///
/// It gives the costs ``ChainSearch`` gives when ``ChainGraph/forbidsTurns`` is false:
/// - The phases are the same (leaving over the start's destination-only ways, passing over open
///   ones, arriving over destination-only ones; an arriving leg takes no open way again), only kept
///   per node instead of per chain.
/// - The one other turn rule, no U-turn in the middle of a street (``UTurnRule``), never changes a
///   least cost: a U-turn at a core node comes back to the node it came from, in the same phase or
///   a later one (phases only ever advance), at a higher cost, so a least-cost path never makes
///   one; and coming back past the start or the end point is never cheaper than leaving or
///   arriving the other way along the same street, which ``ChainEndpoint`` offers too.
///
/// State `4n + p` is core node `n` in phase `p` (0 leaving, 1 passing, 2 arriving). Its parents are
/// states, not chains, so paths are not unfolded from it: it serves cost tables.
struct CoreSearch: LegSearch, Sendable {
    let chains: ChainGraph

    /// The number of states (one slot of four per core node is unused).
    var stateCount: Int { 4 * chains.coreNodes.count }

    @inline(__always) func core(_ state: Int) -> Int { state >> 2 }

    /// Standing at the end of `chain`: leaving when it is destination-only, passing otherwise.
    @inline(__always) func start(_ chain: Int) -> Int {
        Int(chains.target[chain]) << 2 | (chains.chainDestinationOnly[chain] ? 0 : 1)
    }

    /// An arriving leg takes no open way again; every other move is allowed.
    @inline(__always) func mayEnter(_ next: Int, from state: Int) -> Bool {
        state & 3 != 2 || chains.chainDestinationOnly[next]
    }

    @inline(__always) func enter(_ next: Int, from state: Int) -> Int? {
        let phase = state & 3, target = Int(chains.target[next]) << 2
        if chains.chainDestinationOnly[next] { return target | (phase == 0 ? 0 : 2) }
        return phase == 2 ? nil : target | 1
    }
}
