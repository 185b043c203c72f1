/// A drawing surface of braille dots: every terminal cell holds 2 × 4 dots (a character of the
/// U+2800 block), so lines look four times finer than whole cells.
///
/// Dot coordinates run from (0, 0) at the top left to (`dotWidth` − 1, `dotHeight` − 1). Everything
/// drawn is clipped to the canvas: points outside are ignored and lines are cut at the edge before
/// they are stepped, so a line to a point a million dots away costs no more than one across the canvas.
public struct BrailleCanvas: Hashable, Sendable {
    /// Width in cells.
    public let columns: Int
    /// Height in cells.
    public let rows: Int
    /// The dots set in each cell, as the low byte of its braille code point; row by row.
    public private(set) var cells: [UInt8]

    /// The first code point of the braille block; a cell's character is this plus its dot bits.
    static let brailleBase: UInt32 = 0x2800

    /// The bit of each dot within a cell, indexed by `[dotRow][dotColumn]` (Unicode's dot numbering
    /// 1 2 3 7 down the left column, 4 5 6 8 down the right).
    static let dotBits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]

    /// An empty canvas of `columns` × `rows` cells.
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        cells = Array(repeating: 0, count: self.columns * self.rows)
    }

    /// Width in dots (2 per cell).
    public var dotWidth: Int { columns * 2 }
    /// Height in dots (4 per cell).
    public var dotHeight: Int { rows * 4 }

    /// Sets the dot at (`x`, `y`); does nothing outside the canvas.
    public mutating func set(x: Int, y: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        cells[(y >> 2) * columns + (x >> 1)] |= Self.dotBits[y & 3][x & 1]
    }

    /// Whether the dot at (`x`, `y`) is set; `false` outside the canvas.
    public func isSet(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
        return cells[(y >> 2) * columns + (x >> 1)] & Self.dotBits[y & 3][x & 1] != 0
    }

    /// Draws a straight line of dots from one point to another (Bresenham), clipped to the canvas.
    /// Points are in dots and may lie far outside; a segment with a non-finite end draws nothing.
    public mutating func line(fromX x0: Double, y0: Double, toX x1: Double, y1: Double) {
        guard let (ax, ay, bx, by) = clip(x0, y0, x1, y1) else { return }
        var x = Int(ax.rounded()), y = Int(ay.rounded())
        let endX = Int(bx.rounded()), endY = Int(by.rounded())
        let dx = abs(endX - x), dy = -abs(endY - y)
        let stepX = x < endX ? 1 : -1, stepY = y < endY ? 1 : -1
        var error = dx + dy
        while true {
            set(x: x, y: y)
            if x == endX && y == endY { return }
            let doubled = 2 * error
            if doubled >= dy { error += dy; x += stepX }
            if doubled <= dx { error += dx; y += stepY }
        }
    }

    /// The braille character of the cell at (`column`, `row`), or `nil` when none of its dots is set.
    public func character(column: Int, row: Int) -> Character? {
        let bits = cells[row * columns + column]
        guard bits != 0 else { return nil }
        return Character(Unicode.Scalar(Self.brailleBase + UInt32(bits))!)
    }

    /// Writes the cells that have dots into `screen` with their top left at (`x`, `y`) in `style`;
    /// cells without dots are left as they are, so several canvases can be layered.
    public func draw(into screen: inout ScreenBuffer, x: Int, y: Int, style: Style) {
        for row in 0..<rows {
            for column in 0..<columns {
                guard let character = character(column: column, row: row) else { continue }
                screen.put(String(character), x: x + column, y: y + row, style: style)
            }
        }
    }

    /// The part of a segment inside the canvas, widened by half a dot (Liang–Barsky), or `nil` when
    /// none of it is inside or an end is not finite.
    private func clip(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> (Double, Double, Double, Double)? {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite, columns > 0, rows > 0 else { return nil }
        let minX = -0.49, minY = -0.49, maxX = Double(dotWidth) - 0.51, maxY = Double(dotHeight) - 0.51
        let dx = x1 - x0, dy = y1 - y0
        var low = 0.0, high = 1.0
        for (p, q) in [(-dx, x0 - minX), (dx, maxX - x0), (-dy, y0 - minY), (dy, maxY - y0)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let t = q / p
                if p < 0 { if t > high { return nil }; low = max(low, t) } else { if t < low { return nil }; high = min(high, t) }
            }
        }
        return (x0 + low * dx, y0 + low * dy, x0 + high * dx, y0 + high * dy)
    }
}
