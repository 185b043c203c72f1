import PropertyBased
import Shared
import Testing
@testable import Routing

@Suite("the search after a kick: only around what changed, never longer, every stop once")
struct FocusedSearchTests {
    /// A random asymmetric table of `size` points, as one-way streets make them.
    static func table(_ size: Int, using random: inout SplitMix64) -> CostMatrix {
        CostMatrix((0..<size).map { from in (0..<size).map { to in from == to ? 0 : Double.random(in: 1...100, using: &random) } })
    }

    @Test("the search around a few points never lengthens a path, keeps its ends and every point once, and its sums stay true")
    func neverWorse() async {
        await propertyCheck(count: 80, input: Gen.uint64()) { seed in
            var random = SplitMix64(seed: seed)
            let size = Int.random(in: 2...40, using: &random)
            let matrix = Self.table(size, using: &random).withEnd(closed: Bool.random(using: &random))
            var path = IndexedPath([0] + Array(1..<size).shuffled(using: &random) + [size], matrix: matrix)
            let before = path.cost
            let touched = (0..<3).map { _ in Int.random(in: 0...size, using: &random) }
            let lists = NeighbourLists(matrix, k: Int.random(in: 1...12, using: &random), start: 0, end: size)
            FocusedSearch(neighbours: lists).improve(&path, from: touched, until: .now + .seconds(60))
            #expect(path.cost <= before + 1e-9)
            #expect(path.points.first == 0 && path.points.last == size)
            #expect(path.points.sorted() == Array(0...size))
            #expect(path.points.indices.allSatisfy { path.position[path.points[$0]] == $0 })
            #expect(abs(matrix.cost(of: path.points) - path.cost) < 1e-6)
        }
    }

    @Test("iterated search with kicks visits every point once and is never longer than the path it started from")
    func kicksNeverWorse() async {
        await propertyCheck(count: 30, input: Gen.uint64()) { seed in
            var random = SplitMix64(seed: seed)
            let size = Int.random(in: 6...60, using: &random)
            let closed = Bool.random(using: &random)
            let matrix = Self.table(size, using: &random).withEnd(closed: closed)
            let start = IndexedPath([0] + Array(1..<size).shuffled(using: &random) + [size], matrix: matrix)
            let found = TourOptimizer.kicked(start, until: .now + .milliseconds(10), seed: seed)
            #expect(found.cost <= start.cost + 1e-9)
            #expect(found.points.sorted() == Array(0...size))
            #expect(found.points.first == 0 && found.points.last == size)
        }
    }
}
