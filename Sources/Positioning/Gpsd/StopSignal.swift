import Foundation

/// A one-way flag that also wakes a thread sleeping between reconnect attempts.
final class StopSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var raised = false

    var isRaised: Bool {
        condition.lock()
        defer { condition.unlock() }
        return raised
    }

    func raise() {
        condition.lock()
        raised = true
        condition.broadcast()
        condition.unlock()
    }

    /// Sleeps for `duration` or until raised.
    func wait(for duration: Duration) {
        let deadline = Date().addingTimeInterval(ReconnectPolicy.seconds(duration))
        condition.lock()
        while !raised && condition.wait(until: deadline) {}
        condition.unlock()
    }
}
