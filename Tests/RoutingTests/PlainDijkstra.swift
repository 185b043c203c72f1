@testable import Routing

/// The textbook reference: Dijkstra over every node with its own small binary heap — no heuristic,
/// no snapping, no early stop beyond reaching the target, no code shared with the router.
enum PlainDijkstra {
    static func cost(_ graph: RoadGraph, from source: Int, to target: Int, metric: RouteMetric) -> Double {
        var cost = [Double](repeating: .infinity, count: graph.nodeCount)
        var done = [Bool](repeating: false, count: graph.nodeCount)
        var heap: [(Double, Int)] = [(0, source)]
        cost[source] = 0
        while !heap.isEmpty {
            let (value, node) = heap[0]
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
            if done[node] { continue }
            done[node] = true
            if node == target { return value }
            for edge in graph.edges(from: node) {
                let next = Int(graph.edgeTarget[edge])
                let weight = metric == .distance ? graph.edgeLength[edge] : graph.travelTime(of: edge)
                guard value + weight < cost[next] else { continue }
                cost[next] = value + weight
                heap.append((value + weight, next))
                var child = heap.count - 1
                while child > 0, heap[child].0 < heap[(child - 1) / 2].0 {
                    heap.swapAt(child, (child - 1) / 2)
                    child = (child - 1) / 2
                }
            }
        }
        return cost[target]
    }
}
