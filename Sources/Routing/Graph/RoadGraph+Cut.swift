import Shared

/// Cutting the part of a graph that a work order needs.
extension RoadGraph {
    /// The sub-graph of the nodes inside `box` grown by `margin` metres: the edges with both ends
    /// inside, reduced again to the largest strongly connected component (cutting can strand pieces),
    /// with the forbidden turns and runs between them.
    public func cut(to box: GeoBox, margin: Double = 500) -> (graph: RoadGraph, report: GraphReport) {
        let area = box.expanded(by: margin)
        var inside = [Bool](repeating: false, count: nodeCount)
        for node in 0..<nodeCount { inside[node] = area.contains(point(node)) }
        var edges: [GraphEdge] = []
        for edge in 0..<edgeCount {
            let from = Int(edgeSource[edge]), to = Int(edgeTarget[edge])
            guard inside[from], inside[to] else { continue }
            edges.append(GraphEdge(from: nodeIDs[from], to: nodeIDs[to], length: edgeLength[edge],
                                   highwayClass: highwayClass(of: edge), name: name(of: edge), flags: flags(of: edge), maxSpeed: edgeMaxSpeed[edge]))
        }
        var index = [Int64: Int](minimumCapacity: nodeCount)
        for (node, id) in nodeIDs.enumerated() { index[id] = node }
        let turns = zip(turnFrom, turnTo).map { from, to in
            ForbiddenTurn(from: nodeIDs[Int(edgeSource[Int(from)])], via: nodeIDs[Int(edgeTarget[Int(from)])], to: nodeIDs[Int(edgeTarget[Int(to)])])
        }
        let paths = forbiddenPaths.map { run in ForbiddenPath(nodes: [nodeIDs[Int(edgeSource[run[0]])]] + run.map { nodeIDs[Int(edgeTarget[$0])] }) }
        return GraphAssembler.assemble(profile: profile, edges: edges, turns: turns, paths: paths) { id in
            let node = index[id]!
            return (latitudesE7[node], longitudesE7[node])
        }
    }
}
