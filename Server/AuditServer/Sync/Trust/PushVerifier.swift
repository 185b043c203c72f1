import Logging
import Metrics
import Shared

/// The one check every tablet write passes before it touches the store: pushes and outbox files
/// imported with `audit-server import outbox` both go through ``verify(_:cache:in:)``.
///
/// A push is a claim. Each pushed state is compared with the stored one: the history rules
/// (``HistoryClaimCheck``: only seen writes of others, no overclaimed vector, no reused dot, sane
/// clocks and counters, no erasing; ``ReplicaReuse`` for the device's own dots), then what the
/// device's auditor may change
/// (``RecordPermissions``), then the signatures and chains of signed evidence
/// (``EvidenceClaimCheck``). One broken rule refuses the whole batch before anything is written.
struct PushVerifier {
    let device: EnrolledDevice
    let policy: PushPolicy
    let nowMilliseconds: UInt64

    init(device: EnrolledDevice, policy: PushPolicy, nowMilliseconds: UInt64 = HybridLogicalClock.wallClockMilliseconds()) {
        self.device = device
        self.policy = policy
        self.nowMilliseconds = nowMilliseconds
    }

    /// Refuses `request` with the first rule one of its records breaks, as an ``APIError`` with the
    /// rule's code, naming the record and field; counts and logs the refusal.
    /// - Returns: for each pushed record, in order, the state stored now and what the merge makes of it.
    func verify(_ request: PushRequest, cache: RecordStateCache?, logger: Logger? = nil,
                in db: any StoreConnection) throws -> [(stored: RecordState?, effect: ClaimEffect)] {
        do {
            let highStamp = try DeviceRegistry.highStamp(of: device.replica, in: db)
            var evidence = EvidenceClaimCheck(device: device)
            return try request.records.map { pushed in
                let stored = try RecordTable.load(pushed.key, cache: cache, in: db)
                let effect = try verify(pushed, stored: stored, highStamp: highStamp, in: db)
                try evidence.check(effect.merged, in: db)
                return (stored, effect)
            }
        } catch let violation as ClaimViolation {
            Counter(label: "fieldaudit_push_refusals_total", dimensions: [("code", violation.rule.rawValue)]).increment()
            logger?.warning("push refused", metadata: [
                "device": "\(device.name)", "batch": "\(request.batchID)", "rule": "\(violation.rule.rawValue)",
                "record": "\(violation.record)", "field": "\(violation.field ?? "-")", "detail": "\(violation.detail)",
            ])
            throw APIError(violation)
        }
    }

    private func verify(_ pushed: RecordState, stored: RecordState?, highStamp: HLCTimestamp?, in db: any StoreConnection) throws -> ClaimEffect {
        let history = HistoryClaimCheck(pusher: device.replica, nowMilliseconds: nowMilliseconds,
                                        maximumAheadMilliseconds: policy.maximumClockAheadMilliseconds)
        try history.check(pushed, against: stored)
        // Before the effect: a restored tablet's push may look like an erase, and it must be told
        // to take a new replica id rather than have its batch set aside.
        if ReplicaReuse.reusesDots(pushed: pushed, stored: stored, replica: device.replica, highStamp: highStamp) {
            throw ClaimViolation(.replicaReused, record: pushed.key,
                                 "replica \(device.replica) reuses dots the server holds for other writes (was the tablet restored from a copy or re-installed?); take a new replica id with POST /v1/device/replica and send these edits under it")
        }
        let effect = try history.effect(of: pushed, on: stored)
        try RecordPermissions(device: device).check(pushed, stored: stored, effect: effect, in: db)
        return effect
    }
}
