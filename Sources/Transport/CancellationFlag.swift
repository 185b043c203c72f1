import Foundation

/// A flag set from a task-cancellation handler and read from libcurl's progress callback on the
/// transfer thread.
final class CancellationFlag: @unchecked Sendable {
    // @unchecked: every access to `cancelled` holds `lock`.
    private let lock = NSLock()
    private var cancelled = false

    /// Marks the transfer as cancelled; it stops at libcurl's next progress callback.
    func cancel() {
        lock.withLock { cancelled = true }
    }

    /// Whether ``cancel()`` has been called.
    var isCancelled: Bool {
        lock.withLock { cancelled }
    }
}
