import Foundation

/// Rows of a cost table filled by concurrent workers, each writing its own rows.
final class TableRows: @unchecked Sendable {
    private(set) var values: [[Double]]
    private let lock = NSLock()

    init(count: Int) {
        values = [[Double]](repeating: [], count: count)
    }

    func set(_ row: Int, _ costs: [Double]) {
        lock.lock()
        values[row] = costs
        lock.unlock()
    }
}
