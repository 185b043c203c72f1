import TextUI

/// Lines of `label value` with every value in one column, however many terminal cells the labels
/// take in the reader's language (a Chinese character takes two).
struct LabelledLines {
    private var rows: [(label: String, value: String)] = []

    /// No lines yet.
    init() {}

    /// Adds a line.
    mutating func add(_ label: String, _ value: String) { rows.append((label, value)) }

    /// The lines, the values starting one cell after the widest label.
    var text: String {
        let width = rows.map { DisplayWidth.of($0.label) }.max() ?? 0
        return rows.map { $0.label + String(repeating: " ", count: width - DisplayWidth.of($0.label) + 1) + $0.value }
            .joined(separator: "\n")
    }
}
