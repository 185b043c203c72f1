import Foundation
import TextUI

/// The Today list's own state: search, filter, selection and scroll.
public struct TodayState: Hashable, Sendable {
    /// The search being typed (kept when typing ends).
    public var search = LineEditor()
    /// Whether the search is being typed.
    public var searching = false
    /// Only customers in this status, or all.
    public var filter: StopStatus?
    /// The selected customer, as an index into the visible customers.
    public var selection = 0
    /// The first list row shown.
    public var scroll = 0

    /// An unfiltered list at the top.
    public init() {}

    /// The search text.
    public var query: String { search.text }

    /// The customers of `entries` that pass the filter and the search.
    public func visible(_ entries: [CustomerEntry]) -> [CustomerEntry] {
        visibleIndices(entries).map { entries[$0] }
    }

    /// The indices in `entries` of the customers that pass the filter and the search.
    public func visibleIndices(_ entries: [CustomerEntry]) -> [Int] {
        let query = query.trimmingCharacters(in: .whitespaces)
        if query.isEmpty && filter == nil { return Array(entries.indices) }
        return entries.indices.filter { (filter == nil || entries[$0].status == filter) && entries[$0].matches(query) }
    }

    /// The next filter in the cycle all → pending → visited → corrected → conflict → all.
    public mutating func cycleFilter() {
        let all: [StopStatus?] = [nil] + StopStatus.allCases.map(Optional.some)
        filter = all[((all.firstIndex(of: filter) ?? 0) + 1) % all.count]
        selection = 0
        scroll = 0
    }
}
