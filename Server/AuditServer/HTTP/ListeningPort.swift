import ServiceLifecycle
import Synchronization

/// The port the server listens on, known once it has bound (with `--port 0` the system picks it),
/// for services that need the server's own address: the reminder scheduler names its lease and
/// Kannel's delivery-report URL after it.
final class ListeningPort: Sendable {
    private let port = Mutex<Int?>(nil)

    /// Called when the server listens.
    func set(_ value: Int) { port.withLock { $0 = value } }

    /// The port, waiting until the server listens; `nil` when a graceful shutdown comes first.
    func value() async -> Int? {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let known = port.withLock({ $0 }) { return known }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }
}
