import Shared
import TextUI

/// The Help screen: every key, printed from ``KeyMap/bindings`` (the table the screens obey), in as
/// many columns of at least ``columnWidth`` cells as fit, scrolling when they do not hold it all.
public enum HelpScreen {
    /// The help text in `language` as lines: a heading per context, then `keys  what they do`.
    public static func lines(_ language: Language = .english) -> [(text: String, isHeading: Bool)] {
        var lines: [(String, Bool)] = []
        for context in KeyContext.allCases {
            let bindings = KeyMap.bindings.filter { $0.context == context }
            guard !bindings.isEmpty else { continue }
            if !lines.isEmpty { lines.append(("", false)) }
            lines.append((context.title(in: language), true))
            for binding in bindings { lines.append(("  " + pad(binding.label(in: language), 14) + binding.summary(in: language), false)) }
        }
        return lines
    }

    /// The narrowest a column of help may be.
    static let columnWidth = 72

    /// How many lines fit at once on a screen `width` wide with `rows` rows, and the largest useful scroll.
    public static func capacity(width: Int, rows: Int, language: Language = .english) -> (lines: Int, maxScroll: Int) {
        let count = lines(language).count
        let columns = max(1, min(width / columnWidth, (count + rows - 1) / max(1, rows)))
        let visible = columns * max(1, rows)
        return (visible, max(0, count - visible))
    }

    static func render(into screen: inout ScreenBuffer, rows: Range<Int>, scroll: Int, language: Language) {
        guard !rows.isEmpty else { return }
        let lines = lines(language)
        let capacity = capacity(width: screen.width, rows: rows.count, language: language)
        let columns = max(1, capacity.lines / rows.count)
        let width = screen.width / columns
        let first = max(0, min(scroll, capacity.maxScroll))
        for (offset, line) in lines[first...].prefix(capacity.lines).enumerated() {
            let column = offset / rows.count, row = rows.lowerBound + offset % rows.count
            screen.putField(line.text, x: column * width + 1, y: row, width: width - 2,
                            style: line.isHeading ? Style(bold: true, underline: true) : .plain)
        }
        if first + capacity.lines < lines.count {
            screen.putRight(" " + language.localized("tablet.help.more") + " ", right: screen.width, y: rows.upperBound - 1, style: Style(reverse: true))
        }
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text + String(repeating: " ", count: max(1, width - DisplayWidth.of(text)))
    }
}
