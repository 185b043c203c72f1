/// The state space of searches over a ``ChainGraph``, and the search itself.
///
/// A state is a chain just travelled — the search stands at its end core node — together with the
/// phase of the leg, so that every turn from one chain into the next can be checked and
/// destination-only ways serve only the ends of a leg: a leg's edges read as destination-only
/// ones (leaving the start), open ones, destination-only ones (arriving), each part possibly empty.
/// State `2c` is chain `c` while leaving (destination-only chains) or passing through (open ones);
/// state `2c + 1` is destination-only chain `c` while arriving.
struct ChainSearch {
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

    /// Dijkstra (or A*, with a goal's heuristic) from `departures`, settling states in cost order
    /// and telling `goal` about each, until the smallest key reaches the bound the goal returns.
    /// `workspace` keeps each state's cost and the state it was reached from (−1 for a start).
    func run<Goal: ChainSearchGoal>(from departures: [ChainEndpoint.Departure], goal: inout Goal, bound initial: Double,
                                    workspace: SearchWorkspace) {
        workspace.reset()
        var heap = MinHeap()
        for departure in departures {
            let state = start(departure.chain)
            guard departure.cost < workspace.costOf(state) else { continue }
            workspace.set(state, cost: departure.cost, via: -1)
            heap.push(departure.cost + goal.heuristic(core(state)), state)
        }
        var bound = initial
        while let (key, state) = heap.pop() {
            if key >= bound { break }
            let cost = workspace.costOf(state), here = core(state)
            if key > cost + goal.heuristic(here) { continue } // stale entry
            bound = goal.settle(state, at: here, cost: cost, search: self)
            for next in Int(chains.start[here])..<Int(chains.start[here + 1]) {
                guard let reached = enter(next, from: state) else { continue }
                let nextCost = cost + chains.cost[next]
                if nextCost < workspace.costOf(reached) {
                    workspace.set(reached, cost: nextCost, via: state)
                    heap.push(nextCost + goal.heuristic(Int(chains.target[next])), reached)
                }
            }
        }
    }
}

/// What a ``ChainSearch`` looks for.
protocol ChainSearchGoal {
    /// A lower bound of the cost from core node `core` to the goal (0 for plain Dijkstra).
    func heuristic(_ core: Int) -> Double
    /// Learns that `state`, standing at core node `core`, is reached at its least `cost`; returns the
    /// bound past which nothing can improve the result.
    mutating func settle(_ state: Int, at core: Int, cost: Double, search: ChainSearch) -> Double
}
