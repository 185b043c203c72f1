import TextUI

/// The Help screen: every key, printed from ``KeyMap/bindings`` (the table the screens obey), in as
/// many columns as the screen needs.
public enum HelpScreen {
    /// The help text as lines: a heading per context, then `keys  what they do`.
    public static func lines() -> [(text: String, isHeading: Bool)] {
        var lines: [(String, Bool)] = []
        for context in KeyContext.allCases {
            let bindings = KeyMap.bindings.filter { $0.context == context }
            guard !bindings.isEmpty else { continue }
            if !lines.isEmpty { lines.append(("", false)) }
            lines.append((context.rawValue, true))
            for binding in bindings { lines.append(("  " + pad(binding.label, 14) + binding.summary, false)) }
        }
        return lines
    }

    static func render(into screen: inout ScreenBuffer, rows: Range<Int>) {
        guard !rows.isEmpty else { return }
        let lines = lines()
        let columns = max(1, (lines.count + rows.count - 1) / rows.count)
        let columnWidth = screen.width / columns
        for (index, line) in lines.enumerated() {
            let column = index / rows.count, row = rows.lowerBound + index % rows.count
            screen.putField(line.text, x: column * columnWidth + 1, y: row, width: columnWidth - 2,
                            style: line.isHeading ? Style(bold: true, underline: true) : .plain)
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - DisplayWidth.of(text)))
    }
}
