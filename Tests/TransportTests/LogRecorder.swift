import Foundation
import Logging

/// Collects log messages so tests can assert what a person reading the log would see.
final class LogRecorder: @unchecked Sendable {
    // @unchecked: `entries` is only touched while holding `lock`.
    private let lock = NSLock()
    private var entries: [(level: Logger.Level, message: String)] = []

    /// A logger (level `.trace`) whose messages land in this recorder.
    var logger: Logger {
        Logger(label: "test.transport") { _ in RecordingLogHandler(recorder: self) }
    }

    /// Messages logged at `level`, in order.
    func messages(at level: Logger.Level) -> [String] {
        lock.withLock { entries.filter { $0.level == level }.map(\.message) }
    }

    fileprivate func record(_ level: Logger.Level, _ message: String) {
        lock.withLock { entries.append((level, message)) }
    }
}

/// The `LogHandler` behind ``LogRecorder/logger``.
private struct RecordingLogHandler: LogHandler {
    let recorder: LogRecorder
    var logLevel: Logger.Level = .trace
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        recorder.record(event.level, event.message.description)
    }
}
