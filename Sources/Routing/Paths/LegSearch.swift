/// A shortest-path search over a ``ChainGraph`` whose states stand at core nodes: ``ChainSearch``
/// (a state per chain and leg phase, so turns can be checked) or ``CoreSearch`` (a state per core
/// node and leg phase, for graphs where no turn is forbidden). Both keep the leg's phases, so
/// destination-only ways serve only its ends, and both run the same Dijkstra (``run(from:goal:bound:workspace:)``).
protocol LegSearch {
    /// The graph searched.
    var chains: ChainGraph { get }
    /// The number of states (the size of a ``SearchWorkspace`` for this search).
    var stateCount: Int { get }
    /// The core node the search stands at in `state`.
    func core(_ state: Int) -> Int
    /// The state of starting a leg along `chain` (standing at its end).
    func start(_ chain: Int) -> Int
    /// Whether the leg may go on from `state` into `next`, a chain starting where `state` stands.
    func mayEnter(_ next: Int, from state: Int) -> Bool
    /// The state reached by going on from `state` into `next`, or nil when that is not allowed.
    func enter(_ next: Int, from state: Int) -> Int?
}

/// What a ``LegSearch`` looks for.
protocol LegSearchGoal {
    /// A lower bound of the cost from core node `core` to the goal (0 for plain Dijkstra).
    func heuristic(_ core: Int) -> Double
    /// Learns that `state`, standing at core node `core`, is reached at its least `cost`; returns the
    /// bound past which nothing can improve the result.
    mutating func settle<Search: LegSearch>(_ state: Int, at core: Int, cost: Double, search: Search) -> Double
}

extension LegSearch {
    /// Dijkstra (or A*, with a goal's heuristic) from `departures`, settling states in cost order
    /// and telling `goal` about each, until the smallest key reaches the bound the goal returns.
    /// `workspace` keeps each state's cost and the state it was reached from (−1 for a start).
    func run<Goal: LegSearchGoal>(from departures: [ChainEndpoint.Departure], goal: inout Goal, bound initial: Double,
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
