/// Strongly connected components of a directed graph in CSR form, by Tarjan's algorithm run with an
/// explicit stack (no recursion, so long chains of nodes cannot overflow the call stack).
enum StronglyConnectedComponents {
    /// The component number of each node (numbers are 0..<count in no particular order).
    static func label(nodeCount: Int, edgeStart: [Int], edgeTarget: [Int]) -> (component: [Int], count: Int) {
        var index = [Int](repeating: -1, count: nodeCount)
        var low = [Int](repeating: 0, count: nodeCount)
        var onStack = [Bool](repeating: false, count: nodeCount)
        var component = [Int](repeating: -1, count: nodeCount)
        var stack: [Int] = []
        var calls: [(node: Int, next: Int)] = []
        var counter = 0, components = 0
        for root in 0..<nodeCount where index[root] == -1 {
            index[root] = counter; low[root] = counter; counter += 1
            stack.append(root); onStack[root] = true
            calls.append((root, edgeStart[root]))
            while let (node, next) = calls.last {
                if next < edgeStart[node + 1] {
                    calls[calls.count - 1].next = next + 1
                    let target = edgeTarget[next]
                    if index[target] == -1 {
                        index[target] = counter; low[target] = counter; counter += 1
                        stack.append(target); onStack[target] = true
                        calls.append((target, edgeStart[target]))
                    } else if onStack[target] {
                        low[node] = min(low[node], index[target])
                    }
                    continue
                }
                calls.removeLast()
                if let parent = calls.last { low[parent.node] = min(low[parent.node], low[node]) }
                if low[node] == index[node] {
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component[member] = components
                        if member == node { break }
                    }
                    components += 1
                }
            }
        }
        return (component, components)
    }
}
