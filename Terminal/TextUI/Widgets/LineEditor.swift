/// One line of text being typed: the text, a cursor between graphemes, and the usual editing keys.
///
/// Printable characters (any script) and pastes insert at the cursor; Backspace and Delete remove
/// around it; ←/→, Home/End and Ctrl-A/Ctrl-E move it. Enter, Escape and everything else are left
/// to the caller, so it decides what saving and cancelling mean.
public struct LineEditor: Hashable, Sendable {
    /// The text typed so far.
    public private(set) var text: String
    /// The cursor, as a count of graphemes before it.
    public private(set) var cursor: Int

    /// An editor holding `text` with the cursor at its end.
    public init(_ text: String = "") {
        self.text = text
        self.cursor = text.count
    }

    /// Applies one input event; `true` when the editor used it.
    public mutating func handle(_ event: InputEvent) -> Bool {
        switch event {
        case .paste(let pasted):
            insert(pasted.filter { !$0.isNewline })
        case .key(.character(let character), let modifiers) where modifiers.isSubset(of: [.shift]):
            insert(String(character))
        case .key(.character("a"), .control), .key(.home, _):
            cursor = 0
        case .key(.character("e"), .control), .key(.end, _):
            cursor = text.count
        case .key(.character("u"), .control):
            text.removeSubrange(text.startIndex..<index(cursor))
            cursor = 0
        case .key(.left, _):
            cursor = max(0, cursor - 1)
        case .key(.right, _):
            cursor = min(text.count, cursor + 1)
        case .key(.backspace, _):
            guard cursor > 0 else { return true }
            text.remove(at: index(cursor - 1))
            cursor -= 1
        case .key(.delete, _):
            guard cursor < text.count else { return true }
            text.remove(at: index(cursor))
        default:
            return false
        }
        return true
    }

    /// Draws the text from column `x` of row `y` within `width` cells, the cursor cell in reverse
    /// video; when the text is wider, it scrolls so the cursor stays visible.
    public func draw(into screen: inout ScreenBuffer, x: Int, y: Int, width: Int, style: Style = .plain) {
        guard width > 0 else { return }
        let characters = Array(text)
        var start = 0
        while DisplayWidth.of(String(characters[start..<cursor])) + 1 > width { start += 1 }
        screen.fill(x: x, y: y, count: width, style: style)
        var column = x
        for position in start...characters.count {
            let isCursor = position == cursor
            let shown = position < characters.count ? String(characters[position]) : " "
            let cells = DisplayWidth.of(shown)
            if column + cells > x + width { break }
            var cellStyle = style
            if isCursor { cellStyle.reverse.toggle() }
            column = screen.put(shown, x: column, y: y, style: cellStyle)
        }
    }

    private mutating func insert(_ inserted: String) {
        text.insert(contentsOf: inserted, at: index(cursor))
        cursor = min(text.count, cursor + inserted.count)
    }

    private func index(_ offset: Int) -> String.Index {
        text.index(text.startIndex, offsetBy: offset)
    }
}
