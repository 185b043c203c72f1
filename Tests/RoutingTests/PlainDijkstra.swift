@testable import Routing

/// The textbook reference: Dijkstra over every edge of the graph (the state is the edge just
/// travelled and the leg's phase) with its own small binary heap — no heuristic, no snapping, no
/// folding, no early stop beyond reaching the target, no code shared with the router. It applies
/// the road rules as stated: destination-only edges only before the first and after the last open
/// edge, no U-turn where a node has exactly two neighbours and may leave to both (mid-street), no
/// forbidden turn.
enum PlainDijkstra {
    static func cost(_ graph: RoadGraph, from source: Int, to target: Int, metric: RouteMetric) -> Double {
        if source == target { return 0 }
        var neighbours = [Set<Int32>](repeating: [], count: graph.nodeCount)
        for edge in 0..<graph.edgeCount {
            neighbours[Int(graph.edgeSource[edge])].insert(graph.edgeTarget[edge])
            neighbours[Int(graph.edgeTarget[edge])].insert(graph.edgeSource[edge])
        }
        let forbidden = Set(zip(graph.turnFrom, graph.turnTo).map { [Int($0), Int($1)] })
        // Phase 0: still on the start's destination-only ways; 1: on open ways; 2: arriving.
        func phase(after edge: Int, from previous: Int) -> Int? {
            let restricted = graph.isDestinationOnly(edge)
            switch (previous, restricted) {
            case (0, true): return 0
            case (2, false): return nil
            case (_, false): return 1
            default: return 2
            }
        }
        let weight = { (edge: Int) in metric == .distance ? graph.edgeLength[edge] : graph.travelTime(of: edge) }
        var cost = [Double](repeating: .infinity, count: graph.edgeCount * 3)
        var done = [Bool](repeating: false, count: graph.edgeCount * 3)
        var heap: [(Double, Int)] = []
        func push(_ value: Double, _ state: Int) {
            guard value < cost[state] else { return }
            cost[state] = value
            heap.append((value, state))
            var child = heap.count - 1
            while child > 0, heap[child].0 < heap[(child - 1) / 2].0 {
                heap.swapAt(child, (child - 1) / 2)
                child = (child - 1) / 2
            }
        }
        for edge in graph.edges(from: source) { push(weight(edge), edge * 3 + phase(after: edge, from: 0)!) }
        while !heap.isEmpty {
            let (value, state) = heap[0]
            heap.swapAt(0, heap.count - 1)
            heap.removeLast()
            var parent = 0
            while true {
                let left = 2 * parent + 1, right = left + 1
                var smallest = parent
                if left < heap.count, heap[left].0 < heap[smallest].0 { smallest = left }
                if right < heap.count, heap[right].0 < heap[smallest].0 { smallest = right }
                if smallest == parent { break }
                heap.swapAt(parent, smallest)
                parent = smallest
            }
            if done[state] { continue }
            done[state] = true
            let edge = state / 3, node = Int(graph.edgeTarget[edge])
            if node == target { return value }
            for next in graph.edges(from: node) {
                let uTurn = graph.edgeTarget[next] == graph.edgeSource[edge]
                let exits = Set(graph.edges(from: node).map { graph.edgeTarget[$0] }).count
                if uTurn, neighbours[node].count == 2, exits == 2 { continue }
                if forbidden.contains([edge, next]) { continue }
                guard let nextPhase = phase(after: next, from: state % 3) else { continue }
                push(value + weight(next), next * 3 + nextPhase)
            }
        }
        return .infinity
    }
}
