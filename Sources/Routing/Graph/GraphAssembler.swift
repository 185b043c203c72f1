import Shared

/// Turns a list of directed edges between OSM nodes into a ``RoadGraph`` holding only the largest
/// strongly connected component, numbered deterministically. Used for building from an extract and
/// for cutting a sub-graph, so both give graphs of the same shape.
enum GraphAssembler {
    /// Assembles the graph; `position` gives each OSM node's fixed-point position.
    static func assemble(profile: TravelProfile, edges: [GraphEdge],
                         position: (Int64) -> (Int32, Int32)) -> (RoadGraph, GraphReport) {
        // Number every node that an edge touches, in OSM id order.
        let ids = Array(Set(edges.flatMap { [$0.from, $0.to] })).sorted()
        var number = [Int64: Int](minimumCapacity: ids.count)
        for (index, id) in ids.enumerated() { number[id] = index }
        let (start, targets, _) = csr(nodeCount: ids.count, edges: edges.map { (number[$0.from]!, number[$0.to]!) })
        let (component, count) = StronglyConnectedComponents.label(nodeCount: ids.count, edgeStart: start, edgeTarget: targets)
        var sizes = [Int](repeating: 0, count: count)
        for label in component { sizes[label] += 1 }
        let largest = sizes.indices.max { sizes[$0] < sizes[$1] } ?? -1

        // Keep the largest component, renumbered in OSM id order.
        let keptIDs = ids.indices.filter { component[$0] == largest }.map { ids[$0] }
        var keptNumber = [Int64: Int](minimumCapacity: keptIDs.count)
        for (index, id) in keptIDs.enumerated() { keptNumber[id] = index }
        var kept = enclosed(edges.filter { keptNumber[$0.from] != nil && keptNumber[$0.to] != nil }, number: keptNumber)
        kept.sort { a, b in
            let (fa, fb) = (keptNumber[a.from]!, keptNumber[b.from]!)
            if fa != fb { return fa < fb }
            let (ta, tb) = (keptNumber[a.to]!, keptNumber[b.to]!)
            if ta != tb { return ta < tb }
            if a.length != b.length { return a.length < b.length }
            if a.highwayClass != b.highwayClass { return a.highwayClass.rawValue < b.highwayClass.rawValue }
            if a.flags != b.flags { return a.flags.rawValue < b.flags.rawValue }
            return (a.name ?? "") < (b.name ?? "")
        }
        let names = Array(Set(kept.compactMap(\.name))).sorted()
        var nameNumber = [String: Int32]()
        for (index, name) in names.enumerated() { nameNumber[name] = Int32(index) }
        let (keptStart, keptTargets, _) = csr(nodeCount: keptIDs.count, edges: kept.map { (keptNumber[$0.from]!, keptNumber[$0.to]!) })
        let positions = keptIDs.map(position)
        let graph = RoadGraph(
            profile: profile, nodeIDs: keptIDs, latitudesE7: positions.map(\.0), longitudesE7: positions.map(\.1),
            edgeStart: keptStart.map { Int32($0) }, edgeTarget: keptTargets.map { Int32($0) },
            edgeLength: kept.map(\.length), edgeClass: kept.map(\.highwayClass.rawValue),
            edgeName: kept.map { $0.name.flatMap { nameNumber[$0] } ?? -1 }, names: names,
            edgeFlags: kept.map(\.flags.rawValue))
        let report = GraphReport(profile: profile, nodes: graph.nodeCount, edges: graph.edgeCount,
                                 droppedNodes: number.count - graph.nodeCount, droppedEdges: edges.count - graph.edgeCount,
                                 components: count)
        return (graph, report)
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
