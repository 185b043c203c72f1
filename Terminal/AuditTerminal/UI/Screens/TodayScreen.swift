import Shared
import TextUI

/// The Today screen: counts per status, the search line, and the work orders with their customers.
public enum TodayScreen {
    /// One line of the list, by index (the list can hold thousands of customers; only the rows on
    /// screen are ever looked at closely).
    public enum Row: Hashable, Sendable {
        /// A work order's heading: its index in the snapshot's orders.
        case order(Int)
        /// A customer: its index in the snapshot's entries, and its place among the visible customers.
        case customer(entry: Int, position: Int)
    }

    /// Rows above the list: the counts and the search line.
    static let headerRows = 2

    /// The list's rows for the visible customers, each order heading before its customers.
    public static func rows(_ state: AuditUIState) -> [Row] {
        // Entries come grouped by order, in the orders' sequence (see AuditSnapshot.load).
        let entries = state.snapshot.entries
        let orderIndex = Dictionary(state.snapshot.orders.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var rows: [Row] = []
        rows.reserveCapacity(entries.count + state.snapshot.orders.count)
        var currentOrder: String?
        for (position, entry) in state.today.visibleIndices(entries).enumerated() {
            if entries[entry].orderID != currentOrder {
                currentOrder = entries[entry].orderID
                if let index = orderIndex[entries[entry].orderID] { rows.append(.order(index)) }
            }
            rows.append(.customer(entry: entry, position: position))
        }
        return rows
    }

    /// The heading of a work order in `language`.
    static func title(_ order: WorkList, _ language: Language) -> String {
        let due = order.due.map { " · " + language.localized("tablet.today.order_due", ["due": $0]) } ?? ""
        let customers = language.localized("tablet.today.order_customers", ["count": order.customers.count])
        return "\(order.area)\(due) · \(WorkOrderStatus.label(order.status, in: language)) · \(order.id) · \(customers)"
    }

    /// The scroll position that keeps the selected customer (and, when it is first, its order
    /// heading) in view of a list `height` rows high, moving as little as possible from `scroll`.
    public static func scroll(for rows: [Row], selection: Int, current scroll: Int, height: Int) -> Int {
        guard height > 0, let selected = rows.firstIndex(where: { if case .customer(_, selection) = $0 { return true }; return false }) else { return 0 }
        let top = selected > 0 && { if case .order = rows[selected - 1] { return true }; return false }() ? selected - 1 : selected
        if top < scroll { return top }
        if selected >= scroll + height { return selected - height + 1 }
        return min(scroll, max(0, rows.count - height))
    }

    /// The customer drawn on screen row `y` for a screen `height` rows high, if any (for taps).
    public static func customer(atRow y: Int, _ state: AuditUIState, height: Int) -> (entry: CustomerEntry, index: Int)? {
        let listTop = AuditScreen.contentRows(height: height).lowerBound + headerRows
        let rows = rows(state)
        let index = state.today.scroll + y - listTop
        guard y >= listTop, index >= 0, index < rows.count, case .customer(let entry, let position) = rows[index] else { return nil }
        return (state.snapshot.entries[entry], position)
    }

    static func render(_ state: AuditUIState, into screen: inout ScreenBuffer, rows area: Range<Int>) {
        guard area.count >= 1 else { return }
        drawCounts(state, into: &screen, y: area.lowerBound)
        if area.count >= 2 { drawSearch(state, into: &screen, y: area.lowerBound + 1) }
        let list = (area.lowerBound + headerRows)..<area.upperBound
        let rows = rows(state)
        if rows.isEmpty {
            let text = state.snapshot.entries.isEmpty
                ? state.language.localized("tablet.today.no_work")
                : state.language.localized("tablet.today.no_match")
            screen.putField(text, x: 2, y: list.lowerBound, width: screen.width - 2, style: Style(foreground: .ansi(8)))
            return
        }
        for (offset, y) in list.enumerated() {
            let index = state.today.scroll + offset
            guard index < rows.count else { break }
            switch rows[index] {
            case .order(let order):
                screen.putField(title(state.snapshot.orders[order], state.language), x: 0, y: y, width: screen.width, style: Style(bold: true, underline: true))
            case .customer(let entry, let position):
                drawCustomer(state.snapshot.entries[entry], selected: position == state.today.selection, into: &screen, y: y)
            }
        }
    }

    /// `○ pending 3  ✓ visited 1  ✎ corrected 0  ! conflict 1` (in the state's language) and the active filter.
    static func drawCounts(_ state: AuditUIState, into screen: inout ScreenBuffer, y: Int) {
        let counts = state.snapshot.counts
        var x = 1
        for status in StopStatus.allCases {
            let shown = state.today.filter == nil || state.today.filter == status
            var style = status.style
            style.underline = state.today.filter == status
            x = screen.put("\(status.symbol) \(status.label(in: state.language)) \(counts[status] ?? 0)", x: x, y: y, style: shown ? style : Style(foreground: .ansi(8)))
            x += 3
        }
        let filter = state.today.filter?.label(in: state.language) ?? state.language.localized("tablet.today.filter_all")
        screen.putRight(state.language.localized("tablet.today.filter", ["filter": filter]) + " ", right: screen.width, y: y, maxWidth: max(0, screen.width - x))
    }

    /// The search line: the text being typed with its cursor, the kept search, or a hint.
    static func drawSearch(_ state: AuditUIState, into screen: inout ScreenBuffer, y: Int) {
        let label = " / " + state.language.localized("tablet.today.search") + " "
        let x = screen.put(label, x: 0, y: y, style: Style(bold: true))
        if state.today.searching {
            state.today.search.draw(into: &screen, x: x, y: y, width: screen.width - x, style: Style(underline: true))
        } else if state.today.query.isEmpty {
            screen.putField(state.language.localized("tablet.today.search_hint"), x: x, y: y, width: screen.width - x,
                            style: Style(foreground: .ansi(8)))
        } else {
            screen.putField(state.today.query, x: x, y: y, width: screen.width - x, style: Style(underline: true))
        }
    }

    /// `  ○ 20000001    客户 1                 Bahnhofstraße 1, Bayreuth        M-1`
    static func drawCustomer(_ entry: CustomerEntry, selected: Bool, into screen: inout ScreenBuffer, y: Int) {
        var base = Style.plain
        base.reverse = selected
        if selected { screen.fill(x: 0, y: y, count: screen.width, style: base) }  // other rows start blank
        var symbolStyle = entry.status.style
        symbolStyle.reverse = selected
        if selected { screen.put("▶", x: 0, y: y, style: base) }
        screen.put(entry.symbol, x: 2, y: y, style: symbolStyle)
        let serialWidth = screen.width >= 100 ? 16 : 12
        let nameWidth = screen.width >= 120 ? 30 : 22
        var x = screen.putField(entry.account, x: 4, y: y, width: 12, style: base)
        x = screen.putField(entry.name, x: x, y: y, width: nameWidth, style: base) + 1
        let addressWidth = max(0, screen.width - x - serialWidth - 1)
        x = screen.putField(entry.address ?? "", x: x, y: y, width: addressWidth, style: base) + 1
        screen.putField(entry.serials.first ?? "", x: x, y: y, width: screen.width - x, style: base)
    }
}
