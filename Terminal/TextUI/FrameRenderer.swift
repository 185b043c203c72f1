/// Turns frames into terminal output: each frame is diffed against the previous one and written as
/// one block of bytes wrapped in synchronized output (`CSI ? 2026 h` … `CSI ? 2026 l`), touching only
/// the cells that changed.
public struct FrameRenderer: Sendable {
    /// How colours are written.
    public var colorMode: ColorMode

    /// A renderer writing colours for `colorMode`.
    public init(colorMode: ColorMode) {
        self.colorMode = colorMode
    }

    /// The bytes that turn a terminal showing `previous` into one showing `next`.
    ///
    /// With no previous frame, or one of another size (the terminal was resized), the screen is
    /// cleared and drawn in full. Otherwise only changed cells are written: the cursor is moved
    /// (`CSI row;col H`) only where a run of changed cells starts, and SGR is written only where the
    /// style changes. When a wide grapheme is replaced by narrow ones or the other way round, both
    /// of its cells are redrawn, so no half of a wide grapheme is left behind.
    public func render(from previous: ScreenBuffer?, to next: ScreenBuffer) -> [UInt8] {
        var output = Output(colorMode: colorMode)
        output.append("\u{1B}[?2026h")
        if let previous, previous.width == next.width, previous.height == next.height {
            for y in 0..<next.height {
                let columns = Self.changedColumns(row: y, previous: previous, next: next)
                for x in columns { output.draw(next, x: x, y: y) }
            }
        } else {
            output.append("\u{1B}[0m\u{1B}[2J")
            for y in 0..<next.height {
                for x in 0..<next.width { output.draw(next, x: x, y: y) }
            }
        }
        output.finish()
        output.append("\u{1B}[?2026l")
        return output.bytes
    }

    /// The columns of row `y` where a grapheme must be written: the cells that differ, widened so
    /// that every wide grapheme touched on either frame is redrawn whole. Sorted; continuation
    /// cells of `next` are left out (their grapheme's column covers them).
    static func changedColumns(row y: Int, previous: ScreenBuffer, next: ScreenBuffer) -> [Int] {
        let width = next.width
        let row = y * width
        var first = 0
        while first < width, previous.cells[row + first] == next.cells[row + first] { first += 1 }
        if first == width { return [] }
        var dirty = [Bool](repeating: false, count: width)
        var work: [Int] = []
        for x in first..<width where previous.cells[row + x] != next.cells[row + x] {
            dirty[x] = true
            work.append(x)
        }
        func mark(_ x: Int) {
            if x >= 0, x < width, !dirty[x] {
                dirty[x] = true
                work.append(x)
            }
        }
        while let x = work.popLast() {
            // Writing at x on the terminal: any old wide grapheme covering x is broken, so its other
            // half must be redrawn; and a wide grapheme in the new frame is written from its left half.
            if previous[x, y].isContinuation || next[x, y].isContinuation { mark(x - 1) }
            if previous[x, y].width == 2 || next[x, y].width == 2 { mark(x + 1) }
        }
        return (0..<width).filter { dirty[$0] && !next[$0, y].isContinuation }
    }

    /// The byte stream under construction, with the terminal's cursor and style as far as known.
    private struct Output {
        let colorMode: ColorMode
        var bytes: [UInt8] = []
        var cursor: (x: Int, y: Int)? = nil
        var style: Style? = nil

        init(colorMode: ColorMode) {
            self.colorMode = colorMode
            bytes.reserveCapacity(4096)
        }

        mutating func append(_ text: String) {
            bytes.append(contentsOf: text.utf8)
        }

        mutating func draw(_ screen: ScreenBuffer, x: Int, y: Int) {
            let cell = screen[x, y]
            guard case .grapheme(let character) = cell.content else { return }
            if cursor == nil || cursor! != (x, y) {
                bytes.append(0x1B)
                bytes.append(UInt8(ascii: "["))
                appendNumber(y + 1)
                bytes.append(UInt8(ascii: ";"))
                appendNumber(x + 1)
                bytes.append(UInt8(ascii: "H"))
            }
            if style != cell.style {
                append(cell.style.sgr(in: colorMode))
                style = cell.style
            }
            bytes.append(contentsOf: character.utf8)
            let next = x + cell.width
            // After the last column the cursor waits to wrap; its position is then not trusted.
            cursor = next < screen.width ? (next, y) : nil
        }

        /// Appends the decimal digits of a non-negative `number`.
        mutating func appendNumber(_ number: Int) {
            if number >= 10 { appendNumber(number / 10) }
            bytes.append(UInt8(ascii: "0") + UInt8(number % 10))
        }

        mutating func finish() {
            if let style, style != .plain { append("\u{1B}[0m") }
        }
    }
}
