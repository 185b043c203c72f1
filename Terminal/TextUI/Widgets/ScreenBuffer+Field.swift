extension ScreenBuffer {
    /// Writes `text` into exactly `width` cells from column `x` of row `y`: as much of the text as
    /// fits (a wide character is never split), and spaces in `style` after it. Returns the column
    /// after the field.
    @discardableResult
    public mutating func putField(_ text: String, x: Int, y: Int, width: Int, style: Style = .plain) -> Int {
        guard width > 0 else { return x }
        let end = min(x + width, max(x, put(text, x: x, y: y, style: style, clipAt: x + width)))
        fill(x: end, y: y, count: x + width - end, style: style)
        return x + width
    }

    /// Writes `text` so that it ends at column `right` (exclusive) of row `y`, when it fits in
    /// `maxWidth` cells; otherwise writes nothing (for hints that may be left out on narrow screens).
    /// Returns the column where it starts (`right` when nothing was written).
    @discardableResult
    public mutating func putRight(_ text: String, right: Int, y: Int, maxWidth: Int = .max, style: Style = .plain) -> Int {
        let width = DisplayWidth.of(text)
        guard width <= maxWidth else { return right }
        put(text, x: right - width, y: y, style: style)
        return right - width
    }
}
