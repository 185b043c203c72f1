/// Rows of text set in columns for a terminal, each column as wide as its widest cell in terminal
/// cells (``DisplayWidth``), so a column stays straight whatever language its cells are in: a
/// Chinese heading or name takes two cells a character.
///
/// ```swift
/// var table = TextTable([.left, .right, .right])
/// table.add(["", "已分配", "已走访"])
/// table.line("按稽查员")          // a line of its own, outside the columns
/// table.add(["anna", "3", "1"])
/// print(table.text)
/// ```
///
/// A left-aligned last column is not padded, so no line ends in spaces.
public struct TextTable: Sendable {
    /// Where a cell sits in its column.
    public enum Alignment: Sendable {
        /// Text: starts at the column's left edge.
        case left
        /// Numbers: end at the column's right edge.
        case right
    }

    private enum Row: Sendable {
        case cells([String])
        case line(String)
    }

    /// How each column is aligned; a row with more cells than this aligns the rest left.
    public var alignments: [Alignment]
    /// What separates two columns.
    public var gap: String
    private var rows: [Row] = []

    /// An empty table with columns aligned as `alignments`, separated by `gap`.
    public init(_ alignments: [Alignment], gap: String = "  ") {
        self.alignments = alignments
        self.gap = gap
    }

    /// Adds a row of cells, one a column.
    public mutating func add(_ cells: [String]) { rows.append(.cells(cells)) }

    /// Adds a line of its own (a heading, a blank line) that neither takes part in the columns'
    /// widths nor is padded.
    public mutating func line(_ text: String) { rows.append(.line(text)) }

    /// The rows, in the order added.
    public var lines: [String] {
        var widths: [Int] = []
        for case .cells(let cells) in rows {
            for (index, cell) in cells.enumerated() {
                if index == widths.count { widths.append(0) }
                widths[index] = max(widths[index], DisplayWidth.of(cell))
            }
        }
        return rows.map { row in
            switch row {
            case .line(let text):
                return text
            case .cells(let cells):
                return cells.enumerated().map { index, cell in
                    let alignment = index < alignments.count ? alignments[index] : .left
                    let last = index == cells.count - 1
                    return last && alignment == .left ? cell : Self.pad(cell, to: widths[index], alignment)
                }.joined(separator: gap)
            }
        }
    }

    /// The rows, one a line.
    public var text: String { lines.joined(separator: "\n") }

    /// `text` padded with spaces to `width` terminal cells on the side `alignment` leaves open;
    /// `text` itself when it is already as wide.
    public static func pad(_ text: String, to width: Int, _ alignment: Alignment = .left) -> String {
        let padding = String(repeating: " ", count: max(0, width - DisplayWidth.of(text)))
        return alignment == .left ? text + padding : padding + text
    }
}
