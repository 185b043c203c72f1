/// A width × height grid of cells: one frame of the screen.
///
/// The grid keeps one invariant: a two-cell grapheme is always followed by its `.continuation`
/// cell, and a continuation always follows a two-cell grapheme. Overwriting either half of a wide
/// grapheme turns the other half into a space (keeping its style), as terminals do.
public struct ScreenBuffer: Hashable, Sendable {
    /// Number of columns.
    public let width: Int
    /// Number of rows.
    public let height: Int
    /// The cells, row by row.
    public private(set) var cells: [Cell]

    /// A grid of blank cells in `style`.
    public init(width: Int, height: Int, style: Style = .plain) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: Cell(" ", style: style), count: self.width * self.height)
    }

    /// The cell at column `x`, row `y` (both from 0).
    public subscript(x: Int, y: Int) -> Cell {
        precondition(x >= 0 && x < width && y >= 0 && y < height, "cell (\(x), \(y)) outside \(width)×\(height)")
        return cells[y * width + x]
    }

    /// Makes every cell a space in `style`.
    public mutating func clear(style: Style = .plain) {
        for index in cells.indices { cells[index] = Cell(" ", style: style) }
    }

    /// Fills columns `x..<x+count` of row `y` with spaces in `style`, clipped to the grid.
    public mutating func fill(x: Int, y: Int, count: Int, style: Style = .plain) {
        guard y >= 0, y < height else { return }
        let first = max(0, x), end = max(first, min(width, x + count))
        guard first < end else { return }
        let row = y * width
        // Only the two ends can cut a wide grapheme; everything between is simply overwritten.
        breakWide(at: first, row: row)
        breakWide(at: end - 1, row: row)
        let blank = Cell(" ", style: style)
        for index in (row + first)..<(row + end) { cells[index] = blank }
    }

    /// Writes `text` starting at column `x` of row `y` and returns the column after it.
    ///
    /// Each grapheme takes its display width. Text is clipped at both edges; a wide grapheme that
    /// would straddle the right edge is replaced by a space in the last column, one straddling the
    /// left edge leaves a space in column 0. Zero-width graphemes (a lone combining mark, a
    /// control) are skipped. Rows outside the grid write nothing.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain) -> Int {
        put(text, x: x, y: y, style: style, clipAt: width)
    }

    /// `put(_:x:y:style:)` with the right edge at column `clip` (at most the grid's width): the
    /// text stops there, a wide grapheme straddling it leaves a space in the last column.
    @discardableResult
    mutating func put(_ text: String, x: Int, y: Int, style: Style, clipAt clip: Int) -> Int {
        var column = x
        let edge = min(clip, width)
        guard y >= 0, y < height else { return x + DisplayWidth.of(text) }
        for character in text {
            let cells = DisplayWidth.of(character)
            if cells == 0 { continue }
            defer { column += cells }
            if column >= edge || column + cells <= 0 { continue }
            if column < 0 || column + cells > edge {
                // A wide grapheme straddling an edge: show the visible half as a space.
                let visible = column < 0 ? 0 : column
                place(" ", width: 1, x: visible, y: y, style: style)
                continue
            }
            place(character, width: cells, x: column, y: y, style: style)
        }
        return column
    }

    /// The characters of row `y` as a string (continuation cells contribute nothing), for tests
    /// and debugging.
    public func text(row y: Int) -> String {
        var result = ""
        for x in 0..<width {
            if let character = self[x, y].character { result.append(character) }
        }
        return result
    }

    /// Puts one grapheme of `cellWidth` (1 or 2) cells at (x, y), repairing any wide grapheme
    /// it partly overwrites. The caller guarantees that it fits.
    mutating func place(_ character: Character, width cellWidth: Int, x: Int, y: Int, style: Style) {
        let row = y * width
        for column in x..<(x + cellWidth) { breakWide(at: column, row: row) }
        cells[row + x] = Cell(character, style: style)
        if cellWidth == 2 { cells[row + x + 1] = Cell(content: .continuation, style: style) }
    }

    /// Before column `x` is overwritten: if it is half of a wide grapheme, the other half becomes
    /// a space.
    private mutating func breakWide(at x: Int, row: Int) {
        let cell = cells[row + x]
        if cell.isContinuation {
            if x > 0 { cells[row + x - 1] = Cell(" ", style: cells[row + x - 1].style) }
            cells[row + x] = Cell(" ", style: cell.style)
        } else if cell.width == 2, x + 1 < width, cells[row + x + 1].isContinuation {
            cells[row + x + 1] = Cell(" ", style: cells[row + x + 1].style)
        }
    }
}
