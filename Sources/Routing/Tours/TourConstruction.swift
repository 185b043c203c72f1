/// A first tour: nearest neighbour from the fixed start, every point once, ending at the fixed end.
enum TourConstruction {
    /// The path `[start] + interior in nearest-neighbour order + [end]`.
    static func nearestNeighbour(_ matrix: CostMatrix, start: Int, end: Int, interior: [Int]) -> [Int] {
        var path = [start]
        var left = Set(interior)
        var current = start
        while !left.isEmpty {
            let next = left.min { a, b in
                let (ca, cb) = (matrix[current, a], matrix[current, b])
                return ca != cb ? ca < cb : a < b
            }!
            path.append(next)
            left.remove(next)
            current = next
        }
        path.append(end)
        return path
    }
}
