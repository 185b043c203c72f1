import Evidence
import Foundation
import Logging
import Positioning
import Shared

/// Records the day's track while a position source is followed: every fix is offered to a
/// ``TrackRecorder``; the points it keeps are stored at once (``TerminalStore/addTrackPoint(_:)``)
/// and closed into a signed track batch every ``batchSeconds`` or ``batchPoints`` points, and
/// when recording stops (``finish()``).
public actor TrackLog {
    let store: TerminalStore
    var recorder: TrackRecorder
    /// A batch is closed once its first point is this old (10 minutes).
    public let batchSeconds: Double
    /// A batch is closed once it holds this many points.
    public let batchPoints: Int
    let logger = Logger(label: "audit-terminal.track")
    var waiting: Int
    var openedAt: Date?

    /// A log over `store`, closing batches every `batchSeconds` or `batchPoints` points.
    public init(store: TerminalStore, recorder: TrackRecorder = TrackRecorder(), batchSeconds: Double = 600, batchPoints: Int = 200) {
        self.store = store
        self.recorder = recorder
        self.batchSeconds = batchSeconds
        self.batchPoints = batchPoints
        self.waiting = (try? store.unsentTrackPointCount()) ?? 0
        self.openedAt = waiting > 0 ? Date() : nil
    }

    /// Offers one fix; returns whether it became a breadcrumb. A full or old batch is closed.
    @discardableResult
    public func offer(_ fix: Fix, now: Date = Date()) -> Bool {
        let seconds = Int64((fix.time?.date ?? now).timeIntervalSince1970.rounded(.down))
        let point = TrackPoint(point: fix.point, seconds: seconds, accuracy: fix.accuracy.map { ($0 * 10).rounded() / 10 })
        guard recorder.offer(point) else { return false }
        _ = recorder.takeBatch()
        do {
            try store.addTrackPoint(point)
            waiting += 1
            if openedAt == nil { openedAt = now }
        } catch {
            logger.error("track point not kept: \(error)")
            return false
        }
        closeIfDue(now: now)
        return true
    }

    /// Closes the batch when it is full or old enough.
    public func closeIfDue(now: Date = Date()) {
        guard waiting > 0 else { return }
        if waiting >= batchPoints || now.timeIntervalSince(openedAt ?? now) >= batchSeconds { close() }
    }

    /// Closes what waits into a signed batch (at the end of recording).
    public func finish() { close() }

    func close() {
        do {
            if let batch = try store.closeTrackBatch(workOrder: try? store.currentWorkOrder()) {
                logger.info("track batch \(batch.id) closed: \(batch.pointCount ?? 0) point(s) \(batch.start)–\(batch.end)")
            }
            waiting = 0
            openedAt = nil
        } catch {
            logger.error("track batch not closed: \(error)")
        }
    }

    /// Follows `source` until it ends or the task is cancelled, feeding `tracker` (when given)
    /// and the log; checks the batch's age every 30 s even without fixes.
    public func follow(_ source: any PositionSource, tracker: PositionTracker? = nil) async throws {
        let ticking = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(30))
                await self?.closeIfDue()
            }
        }
        defer { ticking.cancel() }
        for try await fix in source.fixes() {
            await tracker?.receive(fix)
            offer(fix)
        }
    }
}
