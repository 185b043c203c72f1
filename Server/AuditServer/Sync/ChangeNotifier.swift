/// Wakes long-polling pulls when the change log moves.
///
/// The server signals after each commit it makes; a watcher also polls the database so that
/// changes written by dispatcher commands in another process wake pulls too.
public actor ChangeNotifier {
    fileprivate var latest: Int64
    fileprivate var closed = false
    fileprivate var waiters: [Int: CheckedContinuation<Int64, Never>] = [:]
    private var nextWaiter = 0

    /// Starts at change-log position `latest`.
    public init(latest: Int64) { self.latest = latest }

    /// The newest change-log position known.
    public var current: Int64 { latest }

    /// Whether the server is shutting down: pulls answer at once with what they have.
    public var isClosed: Bool { closed }

    /// How many pulls are waiting right now.
    public var waitingCount: Int { waiters.count }

    /// Records that the change log reached `sequence` and wakes every waiter if it moved.
    public func signal(_ sequence: Int64) {
        guard sequence > latest else { return }
        latest = sequence
        let woken = waiters
        waiters.removeAll()
        for continuation in woken.values { continuation.resume(returning: sequence) }
    }

    /// Waits until the change log moves past `sequence` or `seconds` pass; returns the newest position.
    public func wait(after sequence: Int64, seconds: Double) async -> Int64 {
        if latest > sequence || seconds <= 0 || closed { return latest }
        let id = nextWaiter
        nextWaiter += 1
        let timer = Task { [weak self] in
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            await self?.timeOut(id)
        }
        let result = await withCheckedContinuation { continuation in
            waiters[id] = continuation
        }
        timer.cancel()
        return result
    }

    private func timeOut(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume(returning: latest)
    }
}

extension ChangeNotifier {
    /// Wakes every waiting pull at once and makes later waits return immediately: used at
    /// shutdown so that long-polls do not hold the server open.
    public func close() {
        closed = true
        let woken = waiters
        waiters.removeAll()
        for continuation in woken.values { continuation.resume(returning: latest) }
    }
}
