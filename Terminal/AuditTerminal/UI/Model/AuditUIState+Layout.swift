import TextUI

extension AuditUIState {
    /// Brings the selections into range and scrolls the lists so the selection shows on a screen
    /// of `width` × `height`. The app calls it before each frame, so taps map to what is drawn.
    public mutating func normalize(width: Int, height: Int) {
        let content = AuditScreen.contentRows(height: height).count
        if screen == .today {
            let rows = TodayScreen.rows(self)
            let visible = rows.reduce(0) { count, row in if case .customer = row { return count + 1 }; return count }
            today.selection = max(0, min(today.selection, visible - 1))
            today.scroll = TodayScreen.scroll(for: rows, selection: today.selection, current: today.scroll,
                                              height: content - TodayScreen.headerRows)
        }
        if screen == .record, var open = record {
            open.selection = max(0, min(open.selection, open.rowCount - 1))
            let bodyHeight = content - 1 - (open.visit?.height ?? 0) - (open.message == nil ? 0 : 1)
            open.scroll = RecordScreen.scroll(for: open, width: width, height: bodyHeight, language: language)
            record = open
        }
    }
}
