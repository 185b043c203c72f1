import ArgumentParser
import Foundation

/// The generated province: customers numbered `0..<customers`, cut into work orders of
/// `orderSize` consecutive customers, each order lying in one county, the counties in blocks of
/// consecutive orders. Loaded in steps: first `checkpoint` customers, then the rest.
struct Province: Sendable {
    var customers: Int
    var counties: Int
    var orderSize: Int
    /// The first step's size; the tablets' first syncs are timed after each step.
    var checkpoint: Int

    var orders: Int { customers / orderSize }

    /// The customers loaded by each step, in order.
    var steps: [Range<Int>] {
        checkpoint < customers ? [0..<checkpoint, checkpoint..<customers] : [0..<customers]
    }

    /// The work orders whose customers a step loads.
    func orders(of step: Range<Int>) -> Range<Int> { (step.lowerBound / orderSize)..<(step.upperBound / orderSize) }

    /// The county code of work order `order`: six digits, like a GB/T 2260 county code.
    func county(ofOrder order: Int) -> String { String(format: "41%04d", 101 + order * counties / orders) }

    func county(ofCustomer index: Int) -> String { county(ofOrder: index / orderSize) }

    /// The customer ids of work order `order`.
    func customerIDs(ofOrder order: Int) -> [String] {
        let file = CustomerFile(count: customers)
        return (order * orderSize..<(order + 1) * orderSize).map(file.id)
    }

    /// The CSV of one step, with a `county` column.
    func file(for step: Range<Int>) -> CustomerFile {
        CustomerFile(count: customers, county: { [self] in county(ofCustomer: $0) }, rows: step)
    }

    /// Refuses a province of orders of 500 customers that cannot be cut: `customers` a multiple
    /// of 500, `counties` 1 to 9999 and at most one per order.
    static func validate(customers: Int, counties: Int) throws {
        guard customers >= 500, customers % 500 == 0 else { throw ValidationError("--customers must be a multiple of 500") }
        guard (1...9_999).contains(counties), counties <= customers / 500 else {
            throw ValidationError("--counties must be 1 to 9999 and at most --customers / 500")
        }
    }

    /// `count` orders spread evenly over `0..<upTo`.
    static func sample(_ count: Int, of upTo: Int) -> [Int] {
        guard upTo > 0 else { return [] }
        let count = min(count, upTo)
        return (0..<count).map { $0 * upTo / count }
    }
}
