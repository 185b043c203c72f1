import Foundation

/// Runs blocking work on a thread of its own, so that Swift concurrency's cooperative pool (one
/// thread per core) never waits on the network.
enum DedicatedThread {
    /// Runs `work` on a new thread and resumes the caller with its result.
    ///
    /// - Parameters:
    ///   - name: The thread's name, visible in debuggers and `top -H`.
    ///   - work: Blocking work; it runs exactly once.
    static func run<Value: Sendable>(named name: String, _ work: @escaping @Sendable () -> Value) async -> Value {
        await withCheckedContinuation { (continuation: CheckedContinuation<Value, Never>) in
            let thread = Thread {
                continuation.resume(returning: work())
            }
            thread.name = name
            thread.start()
        }
    }
}
