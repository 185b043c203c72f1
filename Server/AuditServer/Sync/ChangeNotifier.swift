/// Wakes long-polling pulls when the change log moves, and their revocation guards when the
/// device table changes.
///
/// The server signals after each commit it makes; a ``ChangeWatcher`` also polls the database so
/// that changes written by dispatcher commands in another process wake pulls too, and so that a
/// device revoked by `audit-server device revoke` loses its waiting pulls at once.
///
/// Both waits end early when the waiting task is cancelled.
public actor ChangeNotifier {
    fileprivate var latest: Int64
    fileprivate var closed = false
    fileprivate var waiters: [Int: CheckedContinuation<Int64, Never>] = [:]
    private var nextWaiter = 0
    /// Counts changes to the device table (enrolments, revocations) seen since start.
    public private(set) var deviceGeneration = 0
    private var deviceWaiters: [Int: CheckedContinuation<Int, Never>] = [:]

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
    /// Returns at once when the calling task is cancelled.
    public func wait(after sequence: Int64, seconds: Double) async -> Int64 {
        if latest > sequence || seconds <= 0 || closed || Task.isCancelled { return latest }
        let id = nextWaiter
        nextWaiter += 1
        let timer = Task { [weak self] in
            try? await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            await self?.timeOut(id)
        }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                waiters[id] = continuation
            }
        } onCancel: {
            Task { await self.timeOut(id) }
        }
        timer.cancel()
        return result
    }

    private func timeOut(_ id: Int) {
        waiters.removeValue(forKey: id)?.resume(returning: latest)
    }

    /// Records that the device table changed (a device was enrolled or revoked) and wakes every
    /// task waiting in ``waitForDeviceChange(after:)``.
    public func devicesChanged() {
        deviceGeneration += 1
        let woken = deviceWaiters
        deviceWaiters.removeAll()
        for continuation in woken.values { continuation.resume(returning: deviceGeneration) }
    }

    /// Waits until the device table changes after `generation`; returns the new generation.
    /// Returns at once when the calling task is cancelled (not at shutdown: the task waiting on it
    /// is cancelled instead).
    public func waitForDeviceChange(after generation: Int) async -> Int {
        if deviceGeneration > generation || Task.isCancelled { return deviceGeneration }
        let id = nextWaiter
        nextWaiter += 1
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                deviceWaiters[id] = continuation
            }
        } onCancel: {
            Task { await self.stopWaitingForDevices(id) }
        }
    }

    private func stopWaitingForDevices(_ id: Int) {
        deviceWaiters.removeValue(forKey: id)?.resume(returning: deviceGeneration)
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
