import Shared

/// Turns a list of directed edges between OSM nodes into a ``RoadGraph`` holding only the largest
/// strongly connected component, numbered deterministically. Used for building from an extract and
/// for cutting a sub-graph, so both give graphs of the same shape.
enum GraphAssembler {
    /// Assembles the graph; `position` gives each OSM node's fixed-point position.
    static func assemble(profile: TravelProfile, edges: [GraphEdge], turns: [ForbiddenTurn], paths: [ForbiddenPath] = [],
                         position: (Int64) -> (Int32, Int32)) -> (RoadGraph, GraphReport) {
        let ids = Set(edges.flatMap { [$0.from, $0.to] })
        var (current, components) = largestComponent(edges)
        // Turn restrictions and U-turn rules can strand edges of a strongly connected graph (an
        // extract's edge cuts through a motorway junction): keep what can be driven in and out of.
        while true {
            let drivable = turnComponent(current, turns: turns)
            if drivable.count == current.count { break }
            current = largestComponent(drivable).edges
        }
        let keptIDs = Array(Set(current.flatMap { [$0.from, $0.to] })).sorted()
        var keptNumber = [Int64: Int](minimumCapacity: keptIDs.count)
        for (index, id) in keptIDs.enumerated() { keptNumber[id] = index }
        var kept = enclosed(current, number: keptNumber)
        kept.sort { a, b in
            let (fa, fb) = (keptNumber[a.from]!, keptNumber[b.from]!)
            if fa != fb { return fa < fb }
            let (ta, tb) = (keptNumber[a.to]!, keptNumber[b.to]!)
            if ta != tb { return ta < tb }
            if a.length != b.length { return a.length < b.length }
            if a.highwayClass != b.highwayClass { return a.highwayClass.rawValue < b.highwayClass.rawValue }
            if a.flags != b.flags { return a.flags.rawValue < b.flags.rawValue }
            if a.maxSpeed != b.maxSpeed { return a.maxSpeed < b.maxSpeed }
            return (a.name ?? "") < (b.name ?? "")
        }
        let names = Array(Set(kept.compactMap(\.name))).sorted()
        var nameNumber = [String: Int32]()
        for (index, name) in names.enumerated() { nameNumber[name] = Int32(index) }
        let (keptStart, keptTargets, _) = csr(nodeCount: keptIDs.count, edges: kept.map { (keptNumber[$0.from]!, keptNumber[$0.to]!) })
        let positions = keptIDs.map(position)
        let forbidden = pairs(turns, edges: kept, number: keptNumber)
        let runs = edgeRuns(paths, edges: kept)
        let graph = RoadGraph(
            profile: profile, nodeIDs: keptIDs, latitudesE7: positions.map(\.0), longitudesE7: positions.map(\.1),
            edgeStart: keptStart.map { Int32($0) }, edgeTarget: keptTargets.map { Int32($0) },
            edgeLength: kept.map(\.length), edgeClass: kept.map(\.highwayClass.rawValue),
            edgeName: kept.map { $0.name.flatMap { nameNumber[$0] } ?? -1 }, names: names,
            edgeFlags: kept.map(\.flags.rawValue), edgeMaxSpeed: kept.map(\.maxSpeed), turnFrom: forbidden.map(\.0), turnTo: forbidden.map(\.1),
            forbiddenPathStart: runs.reduce(into: [Int32(0)]) { $0.append($0[$0.count - 1] + Int32($1.count)) }, forbiddenPathEdges: runs.flatMap { $0 })
        let report = GraphReport(profile: profile, nodes: graph.nodeCount, edges: graph.edgeCount,
                                 droppedNodes: ids.count - graph.nodeCount, droppedEdges: edges.count - graph.edgeCount,
                                 components: components)
        return (graph, report)
    }

    /// The edges of the largest strongly connected component of nodes, and how many components there were.
    private static func largestComponent(_ edges: [GraphEdge]) -> (edges: [GraphEdge], components: Int) {
        let ids = Array(Set(edges.flatMap { [$0.from, $0.to] })).sorted()
        var number = [Int64: Int](minimumCapacity: ids.count)
        for (index, id) in ids.enumerated() { number[id] = index }
        let (start, targets, _) = csr(nodeCount: ids.count, edges: edges.map { (number[$0.from]!, number[$0.to]!) })
        let (component, count) = StronglyConnectedComponents.label(nodeCount: ids.count, edgeStart: start, edgeTarget: targets)
        var sizes = [Int](repeating: 0, count: count)
        for label in component { sizes[label] += 1 }
        let largest = sizes.indices.max { sizes[$0] < sizes[$1] } ?? -1
        return (edges.filter { component[number[$0.from]!] == largest && component[number[$0.to]!] == largest }, count)
    }

    /// The edges of the largest strongly connected component of edges, where one edge leads to
    /// another when a leg may turn from it into the other (no forbidden turn, ``UTurnRule``).
    private static func turnComponent(_ edges: [GraphEdge], turns: [ForbiddenTurn]) -> [GraphEdge] {
        let ids = Array(Set(edges.flatMap { [$0.from, $0.to] })).sorted()
        var number = [Int64: Int](minimumCapacity: ids.count)
        for (index, id) in ids.enumerated() { number[id] = index }
        let (start, targets, order) = csr(nodeCount: ids.count, edges: edges.map { (number[$0.from]!, number[$0.to]!) })
        var neighbours = [Set<Int>](repeating: [], count: ids.count)
        for (from, to) in edges.map({ (number[$0.from]!, number[$0.to]!) }) {
            neighbours[from].insert(to)
            neighbours[to].insert(from)
        }
        let forbidden = Set(turns)
        var arcs: [(Int, Int)] = []
        for (index, edge) in edges.enumerated() {
            let via = number[edge.to]!
            let exits = Set(targets[start[via]..<start[via + 1]]).count
            for slot in start[via]..<start[via + 1] {
                let next = edges[order[slot]]
                if next.to == edge.from, !UTurnRule.allowed(neighbours: neighbours[via].count, exits: exits) { continue }
                if forbidden.contains(ForbiddenTurn(from: edge.from, via: edge.to, to: next.to)) { continue }
                arcs.append((index, order[slot]))
            }
        }
        let (arcStart, arcTarget, _) = csr(nodeCount: edges.count, edges: arcs)
        let (component, count) = StronglyConnectedComponents.label(nodeCount: edges.count, edgeStart: arcStart, edgeTarget: arcTarget)
        var sizes = [Int](repeating: 0, count: count)
        for label in component { sizes[label] += 1 }
        let largest = sizes.indices.max { sizes[$0] < sizes[$1] } ?? -1
        return edges.indices.filter { component[$0] == largest }.map { edges[$0] }
    }

    /// The edges with every open edge outside the largest strongly connected component of open edges
    /// made destination-only: streets behind a private gate can only be reached through it, so they
    /// too serve only the ends of a leg. This keeps every place reachable from every other with a
    /// leg that leaves over destination-only ways, crosses open ones and arrives over
    /// destination-only ways.
    private static func enclosed(_ edges: [GraphEdge], number: [Int64: Int]) -> [GraphEdge] {
        let open = edges.indices.filter { !edges[$0].flags.contains(.destinationOnly) }
        guard open.count < edges.count else { return edges }
        let (start, targets, _) = csr(nodeCount: number.count, edges: open.map { (number[edges[$0].from]!, number[edges[$0].to]!) })
        let (component, count) = StronglyConnectedComponents.label(nodeCount: number.count, edgeStart: start, edgeTarget: targets)
        var sizes = [Int](repeating: 0, count: count)
        for index in open { sizes[component[number[edges[index].from]!]] += 1 }
        let largest = sizes.indices.max { sizes[$0] < sizes[$1] } ?? -1
        var result = edges
        for index in open where component[number[edges[index].from]!] != largest || component[number[edges[index].to]!] != largest {
            result[index].flags.insert(.destinationOnly)
        }
        return result
    }

    /// The forbidden turns as (entering edge, leaving edge) pairs of the kept, sorted edges, sorted.
    private static func pairs(_ turns: [ForbiddenTurn], edges: [GraphEdge], number: [Int64: Int]) -> [(Int32, Int32)] {
        guard !turns.isEmpty else { return [] }
        var byEnds = [[Int64]: [Int32]]()
        for (index, edge) in edges.enumerated() { byEnds[[edge.from, edge.to], default: []].append(Int32(index)) }
        var result = Set<[Int32]>()
        for turn in turns {
            for entering in byEnds[[turn.from, turn.via]] ?? [] {
                for leaving in byEnds[[turn.via, turn.to]] ?? [] { result.insert([entering, leaving]) }
            }
        }
        return result.sorted { $0.lexicographicallyPrecedes($1) }.map { ($0[0], $0[1]) }
    }

    /// The forbidden paths as runs of the kept, sorted edges (every choice of parallel edges), sorted;
    /// a path with a step no kept edge makes is dropped.
    private static func edgeRuns(_ paths: [ForbiddenPath], edges: [GraphEdge]) -> [[Int32]] {
        guard !paths.isEmpty else { return [] }
        var byEnds = [[Int64]: [Int32]]()
        for (index, edge) in edges.enumerated() { byEnds[[edge.from, edge.to], default: []].append(Int32(index)) }
        var result = Set<[Int32]>()
        for path in paths {
            var runs: [[Int32]] = [[]]
            for (from, to) in zip(path.nodes, path.nodes.dropFirst()) {
                let choices = byEnds[[from, to]] ?? []
                runs = runs.flatMap { run in choices.map { run + [$0] } }
            }
            result.formUnion(runs)
        }
        return result.sorted { $0.lexicographicallyPrecedes($1) }
    }

    /// CSR arrays for edges given as (source, target) pairs, stable within each source.
    static func csr(nodeCount: Int, edges: [(Int, Int)]) -> (start: [Int], target: [Int], order: [Int]) {
        var start = [Int](repeating: 0, count: nodeCount + 1)
        for (from, _) in edges { start[from + 1] += 1 }
        for node in 0..<nodeCount { start[node + 1] += start[node] }
        var fill = start
        var target = [Int](repeating: 0, count: edges.count)
        var order = [Int](repeating: 0, count: edges.count)
        for (index, (from, to)) in edges.enumerated() {
            target[fill[from]] = to
            order[fill[from]] = index
            fill[from] += 1
        }
        return (start, target, order)
    }
}
