/// A horizontal bar chart as inline SVG: one row per category, one bar per series, the value at
/// each bar's end. No script, no external file: it prints as it shows, and scales to its box
/// (`width="100%"` over a fixed `viewBox`), so it never makes a page wider than A4.
struct BulletinChart {
    /// One kind of bar, with its colour and the name its legend shows.
    struct Series {
        var name: String
        var color: String
    }

    /// One row: its label and a value for each series.
    struct Row {
        var label: String
        var values: [Int]
    }

    var title: String
    var series: [Series]
    var rows: [Row]

    /// The width of the drawing, in its own units; the page scales it.
    static let width = 680
    static let labelWidth = 170
    static let barHeight = 14
    static let legendHeight = 26

    /// The chart's markup.
    var svg: String {
        let rowHeight = Self.barHeight * series.count + 10
        let height = Self.legendHeight + rowHeight * rows.count + 4
        let largest = max(rows.flatMap(\.values).max() ?? 0, 1)
        let barSpace = Double(Self.width - Self.labelWidth - 50)
        var parts = ["""
            <svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 \(Self.width) \(height)" width="100%" \
            preserveAspectRatio="xMinYMin meet" aria-label="\(HTMLText.escape(title))">
            """, "<title>\(HTMLText.escape(title))</title>"]
        for (index, item) in series.enumerated() {
            let x = Self.labelWidth + index * 150
            parts.append(#"<rect x="\#(x)" y="6" width="12" height="12" fill="\#(item.color)"/>"#)
            parts.append(#"<text x="\#(x + 18)" y="16">\#(HTMLText.escape(item.name))</text>"#)
        }
        for (row, item) in rows.enumerated() {
            let top = Self.legendHeight + row * rowHeight
            let label = item.label.count > 14 ? String(item.label.prefix(13)) + "…" : item.label
            parts.append(#"<text x="\#(Self.labelWidth - 8)" y="\#(top + rowHeight / 2 + 3)" text-anchor="end">\#(HTMLText.escape(label))</text>"#)
            for (index, value) in item.values.enumerated() where index < series.count {
                let y = top + 4 + index * Self.barHeight
                let length = Int((Double(value) / Double(largest) * barSpace).rounded())
                parts.append(#"<rect x="\#(Self.labelWidth)" y="\#(y)" width="\#(length)" height="\#(Self.barHeight - 2)" fill="\#(series[index].color)"/>"#)
                parts.append(#"<text x="\#(Self.labelWidth + length + 4)" y="\#(y + Self.barHeight - 4)">\#(value)</text>"#)
            }
        }
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }
}
