import TextUI

/// Lines of `label value` with every value in one column, however many terminal cells the labels
/// take in the reader's language (a Chinese character takes two).
struct LabelledLines {
    private var table = TextTable([.left, .left], gap: " ")

    /// No lines yet.
    init() {}

    /// Adds a line.
    mutating func add(_ label: String, _ value: String) { table.add([label, value]) }

    /// The lines, the values starting one cell after the widest label.
    var text: String { table.text }
}
