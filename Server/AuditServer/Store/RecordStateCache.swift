import Shared
import Synchronization

/// Decoded record states for the merge path, so that a record pushed again and again is not
/// decoded from its stored bytes each time.
///
/// An entry is used only while the stored row still has the change-log position it was cached
/// with, and states written in a transaction enter the cache only when that transaction commits.
/// So neither another process writing the same database (a dispatcher command) nor a rolled-back
/// merge can make the cache answer with a state that is not the stored one.
final class RecordStateCache: Sendable {
    private struct Entry {
        var seq: Int64
        var state: RecordState
    }

    private struct Storage {
        var committed: [RecordKey: Entry] = [:]
        var pending: [RecordKey: Entry] = [:]
        var awaitingCommit = false
    }

    private let storage = Mutex(Storage())
    /// The most states kept; past it the oldest half of the cache is dropped at a commit.
    let capacity: Int

    /// Creates an empty cache holding at most `capacity` states.
    init(capacity: Int = 10_000) {
        self.capacity = capacity
    }

    /// The cached state of `key` if it is the one stored at change-log position `seq`.
    func state(_ key: RecordKey, seq: Int64) -> RecordState? {
        storage.withLock { storage in
            guard let entry = storage.pending[key] ?? storage.committed[key], entry.seq == seq else { return nil }
            return entry.state
        }
    }

    /// Notes that `state` is now stored at `seq` by the transaction open on `db`.
    func stored(_ state: RecordState, seq: Int64, in db: any StoreConnection) {
        let first = storage.withLock { storage in
            storage.pending[state.key] = Entry(seq: seq, state: state)
            defer { storage.awaitingCommit = true }
            return !storage.awaitingCommit
        }
        guard first else { return }
        db.afterTransaction(onCommit: { [self] in finish(committed: true) },
                            onRollback: { [self] in finish(committed: false) })
    }

    private func finish(committed: Bool) {
        storage.withLock { storage in
            defer {
                storage.pending.removeAll(keepingCapacity: true)
                storage.awaitingCommit = false
            }
            guard committed else { return }
            if storage.committed.count + storage.pending.count > capacity {
                storage.committed = storage.committed.filter { _ in Bool.random() }
            }
            storage.committed.merge(storage.pending) { _, new in new }
        }
    }
}
