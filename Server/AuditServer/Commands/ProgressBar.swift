import Foundation

/// A one-line progress bar on standard error, redrawn in place; silent when stderr is not a terminal
/// unless `always` is set, so logs and tests stay clean.
struct ProgressBar {
    let total: Int
    let label: String
    let enabled: Bool
    private var lastDrawn = -1

    init(total: Int, label: String, always: Bool = false) {
        self.total = max(total, 1)
        self.label = label
        self.enabled = always || isatty(STDERR_FILENO) == 1
    }

    /// Shows `done` of `total`.
    mutating func update(_ done: Int) {
        guard enabled else { return }
        let percent = min(100, done * 100 / total)
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 30
        let filled = width * percent / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% (\(done)/\(total))".utf8))
        if done >= total { FileHandle.standardError.write(Data("\n".utf8)) }
    }

    /// Shows the end, `done` of `done`, when `total` was only an upper bound.
    mutating func finish(_ done: Int) {
        guard enabled, lastDrawn >= 0, lastDrawn != 100 else { return }
        self = ProgressBar(total: done, label: label, always: true)
        update(done)
    }
}
