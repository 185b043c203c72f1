/// The road graph with its chains of pass-through nodes folded away, for cost tables.
///
/// Most nodes of an OSM graph only shape a street between two junctions. Here a node is *core* when
/// it is a junction, a dead end, or anything unusual; every other node has exactly two neighbours
/// and is passed straight through (both ways, or one way in and one way out). Each maximal run of
/// edges from a core node through pass-through nodes to the next core node is a *chain*, and the
/// search runs on core nodes with one shortcut per chain — typically a third of the nodes.
/// Every edge belongs to exactly one chain, at a known cost offset, so a point on any edge can
/// join the folded graph at the two ends of its chain.
///
/// A node where destination-only and open edges meet is core, so every chain is all one or all the
/// other; so is the node of every forbidden turn, so a forbidden turn is a pair of chains, and so are
/// the nodes where a restriction over via ways enters and leaves them (``ViaWayStates``). Searches run over chains (the state is the chain just travelled, see ``ChainSearch``), so
/// the turn from one chain into the next can be checked (``UTurnRule``, forbidden turns).
struct ChainGraph: Sendable {
    /// Core index of each node, or −1 for pass-through nodes.
    let coreIndex: [Int32]
    /// The graph node of each core node.
    let coreNodes: [Int32]
    /// Shortcuts in CSR form over core indexes: `start[c]..<start[c+1]`.
    let start: [Int32]
    /// Core index at the end of each shortcut.
    let target: [Int32]
    /// Cost of each shortcut (the whole chain).
    let cost: [Double]
    /// For each edge: its chain (= its shortcut), and the chain's cost before the edge.
    let edgeChain: [Int32]
    let edgeOffset: [Double]
    /// Core index where each chain starts.
    let chainSource: [Int32]
    /// The edges of chain `c` are `chainEdges[chainEdgeStart[c]..<chainEdgeStart[c+1]]`, in order.
    let chainEdgeStart: [Int32]
    let chainEdges: [Int32]
    /// Where each edge sits in its chain's edge list.
    let edgeRank: [Int32]
    /// Whether each chain is destination-only.
    let chainDestinationOnly: [Bool]
    /// The source node of each chain's last edge and the target node of its first edge: entering
    /// chain `y` from chain `x` is a U-turn when `chainLastSource[x] == chainFirstTarget[y]`.
    let chainLastSource: [Int32]
    let chainFirstTarget: [Int32]
    /// Whether a U-turn is allowed at each core node (``UTurnRule``).
    let uTurnAllowed: [Bool]
    /// The chains a leg may not turn into after chain `c` (turn restrictions):
    /// `forbiddenNext[forbiddenStart[c]..<forbiddenStart[c+1]]`.
    let forbiddenStart: [Int32]
    let forbiddenNext: [Int32]
    /// The restrictions over via ways, as extra search states.
    let viaWays: ViaWayStates

    init(graph: RoadGraph, edgeCost: [Double]) {
        var core = Self.coreFlags(graph)
        var chains: [(from: Int, to: Int, cost: Double, edges: [Int])] = []
        var covered = [Bool](repeating: false, count: graph.edgeCount)
        while true {
            chains.removeAll()
            for index in covered.indices { covered[index] = false }
            for node in 0..<graph.nodeCount where core[node] {
                for first in graph.edges(from: node) {
                    var edges = [first], total = edgeCost[first]
                    var previous = node, current = Int(graph.edgeTarget[first])
                    while !core[current], edges.count <= graph.edgeCount {
                        guard let next = graph.edges(from: current).first(where: { Int(graph.edgeTarget[$0]) != previous }) else { break }
                        edges.append(next)
                        total += edgeCost[next]
                        previous = current
                        current = Int(graph.edgeTarget[next])
                    }
                    for edge in edges { covered[edge] = true }
                    chains.append((node, current, total, edges))
                }
            }
            // A ring of pass-through nodes has no core node to start from: make one of them core.
            guard let loose = covered.firstIndex(of: false) else { break }
            core[Int(graph.edgeSource[loose])] = true
        }
        var coreIndex = [Int32](repeating: -1, count: graph.nodeCount), coreNodes: [Int32] = []
        for node in 0..<graph.nodeCount where core[node] {
            coreIndex[node] = Int32(coreNodes.count)
            coreNodes.append(Int32(node))
        }
        // Chains were produced grouped by their source node in node order, so they are already CSR.
        var start = [Int32](repeating: 0, count: coreNodes.count + 1)
        for chain in chains { start[Int(coreIndex[chain.from]) + 1] += 1 }
        for index in 0..<coreNodes.count { start[index + 1] += start[index] }
        var edgeChain = [Int32](repeating: -1, count: graph.edgeCount), edgeOffset = [Double](repeating: 0, count: graph.edgeCount)
        var edgeRank = [Int32](repeating: 0, count: graph.edgeCount)
        for (id, chain) in chains.enumerated() {
            var offset = 0.0
            for (rank, edge) in chain.edges.enumerated() {
                edgeChain[edge] = Int32(id)
                edgeOffset[edge] = offset
                edgeRank[edge] = Int32(rank)
                offset += edgeCost[edge]
            }
        }
        var chainEdgeStart: [Int32] = [0]
        for chain in chains { chainEdgeStart.append(chainEdgeStart[chainEdgeStart.count - 1] + Int32(chain.edges.count)) }
        self.chainEdgeStart = chainEdgeStart
        self.chainEdges = chains.flatMap { $0.edges.map { Int32($0) } }
        self.edgeRank = edgeRank
        self.coreIndex = coreIndex
        self.coreNodes = coreNodes
        self.start = start
        self.target = chains.map { coreIndex[$0.to] }
        self.cost = chains.map(\.cost)
        self.edgeChain = edgeChain
        self.edgeOffset = edgeOffset
        self.chainSource = chains.map { coreIndex[$0.from] }
        self.chainDestinationOnly = chains.map { graph.isDestinationOnly($0.edges[0]) }
        self.chainLastSource = chains.map { graph.edgeSource[$0.edges[$0.edges.count - 1]] }
        self.chainFirstTarget = chains.map { graph.edgeTarget[$0.edges[0]] }
        let neighbours = Self.neighbourCounts(graph)
        self.uTurnAllowed = coreNodes.map { node in
            UTurnRule.allowed(neighbours: neighbours[Int(node)], exits: Set(graph.edges(from: Int(node)).map { graph.edgeTarget[$0] }).count)
        }
        let forbidden = zip(graph.turnFrom, graph.turnTo).map { (Int(edgeChain[Int($0)]), Int(edgeChain[Int($1)])) }
        let (forbiddenStart, forbiddenNext, _) = GraphAssembler.csr(nodeCount: chains.count, edges: forbidden)
        self.forbiddenStart = forbiddenStart.map { Int32($0) }
        self.forbiddenNext = forbiddenNext.map { Int32($0) }
        self.viaWays = ViaWayStates(runs: graph.forbiddenPaths.compactMap { Self.chainRun($0, edgeChain: edgeChain, edgeRank: edgeRank, chains: chains.map(\.edges.count)) },
                                    target: self.target, start: start)
    }

    /// The chains a forbidden run of edges passes, in order, when it covers each of them whole but
    /// the first (left at its end) and the last (entered at its start); nil otherwise.
    private static func chainRun(_ run: [Int], edgeChain: [Int32], edgeRank: [Int32], chains lengths: [Int]) -> [Int32]? {
        var result: [Int32] = []
        for (index, edge) in run.enumerated() {
            let chain = edgeChain[edge], rank = Int(edgeRank[edge])
            if index > 0 {
                let previous = run[index - 1], previousChain = edgeChain[previous]
                if chain == previousChain, rank == Int(edgeRank[previous]) + 1 { continue }
                guard rank == 0, Int(edgeRank[previous]) == lengths[Int(previousChain)] - 1 else { return nil }
            }
            result.append(chain)
        }
        return result.count >= 3 ? result : nil
    }

    /// Distinct neighbours (in or out) of each node.
    static func neighbourCounts(_ graph: RoadGraph) -> [Int] {
        var neighbours = [Set<Int32>](repeating: [], count: graph.nodeCount)
        for edge in 0..<graph.edgeCount {
            neighbours[Int(graph.edgeSource[edge])].insert(graph.edgeTarget[edge])
            neighbours[Int(graph.edgeTarget[edge])].insert(graph.edgeSource[edge])
        }
        return neighbours.map(\.count)
    }

    /// Core nodes: everything except nodes with exactly two neighbours passed straight through
    /// (out to both and in from both, or in from one and out to the other), without parallel edges,
    /// whose edges are all destination-only or all open, and where no turn is forbidden.
    private static func coreFlags(_ graph: RoadGraph) -> [Bool] {
        var incoming = [[Int32]](repeating: [], count: graph.nodeCount)
        var mixed = [UInt8](repeating: 0, count: graph.nodeCount)
        var turnNode = [Bool](repeating: false, count: graph.nodeCount)
        for edge in graph.turnFrom { turnNode[Int(graph.edgeTarget[Int(edge)])] = true }
        for run in graph.forbiddenPaths {
            turnNode[Int(graph.edgeTarget[run[0]])] = true
            turnNode[Int(graph.edgeSource[run[run.count - 1]])] = true
        }
        for edge in 0..<graph.edgeCount {
            incoming[Int(graph.edgeTarget[edge])].append(graph.edgeSource[edge])
            let bit: UInt8 = graph.isDestinationOnly(edge) ? 1 : 2
            mixed[Int(graph.edgeSource[edge])] |= bit
            mixed[Int(graph.edgeTarget[edge])] |= bit
        }
        return (0..<graph.nodeCount).map { node in
            if mixed[node] == 3 || turnNode[node] { return true }
            let outgoing = graph.edges(from: node).map { graph.edgeTarget[$0] }
            let into = incoming[node]
            let neighbours = Set(outgoing + into)
            guard neighbours.count == 2, !neighbours.contains(Int32(node)),
                  Set(outgoing).count == outgoing.count, Set(into).count == into.count else { return true }
            let twoWay = outgoing.count == 2 && into.count == 2
            let oneWay = outgoing.count == 1 && into.count == 1 && outgoing[0] != into[0]
            return !(twoWay || oneWay)
        }
    }
}

extension ChainGraph {
    /// The edges of `chain` from position `from` up to (not including) position `to`.
    func edges(of chain: Int, from: Int, to: Int) -> [Int] {
        let base = Int(chainEdgeStart[chain])
        return (base + from..<base + to).map { Int(chainEdges[$0]) }
    }

    /// Whether a leg may turn from `chain` into `next` at the core node between them: not a U-turn
    /// in the middle of a street, nor a turn a restriction forbids.
    @inline(__always) func allowsTurn(from chain: Int, into next: Int) -> Bool {
        if chainLastSource[chain] == chainFirstTarget[next], !uTurnAllowed[Int(target[chain])] { return false }
        for index in Int(forbiddenStart[chain])..<Int(forbiddenStart[chain + 1]) where Int(forbiddenNext[index]) == next { return false }
        return true
    }

    /// Whether a restriction forbids any turn: then searches must run over chains (``ChainSearch``);
    /// otherwise the node-based ``CoreSearch`` gives the same costs.
    var forbidsTurns: Bool { !forbiddenNext.isEmpty || viaWays.count > 0 }

    /// How many edges `chain` has.
    func length(of chain: Int) -> Int {
        Int(chainEdgeStart[chain + 1] - chainEdgeStart[chain])
    }
}
