import ServiceLifecycle

/// Watches the database for writes made by other processes (dispatcher commands, the MIS job run
/// from a timer, `device revoke`) and other server nodes: it wakes long-polling pulls when the
/// change log moves and their revocation guards when the device table changes; at shutdown it
/// releases every waiting pull.
///
/// On PostgreSQL every commit, on any node, is announced at once (LISTEN/NOTIFY, see
/// ``ServerStore/watchCommits(_:)``); the look every ``intervalMilliseconds`` finds the rest.
struct ChangeWatcher: Service {
    let database: any ServerStore
    let notifier: ChangeNotifier
    /// How often to look, in milliseconds.
    var intervalMilliseconds = 200

    /// What one look reads: the change log's position and a fingerprint of the device table.
    struct Reading: Equatable {
        var sequence: Int64
        var devices: DeviceFingerprint
    }

    /// Changes whenever a device is enrolled or revoked.
    struct DeviceFingerprint: Equatable {
        var count: Int
        var revoked: Int
        var lastRevokedAt: Int64

        static func read(_ db: any StoreConnection) throws -> DeviceFingerprint {
            let row = try db.row("""
                SELECT COUNT(*), COUNT(revoked_at_ms), COALESCE(MAX(revoked_at_ms), 0) FROM devices
                """)
            return DeviceFingerprint(count: row?[0] ?? 0, revoked: row?[1] ?? 0, lastRevokedAt: row?[2] ?? 0)
        }
    }

    func run() async throws {
        await withGracefulShutdownHandler {
            let listener = Task { [database, notifier] in
                try? await database.watchCommits { sequence in await notifier.signal(sequence) }
            }
            defer { listener.cancel() }
            var devices: DeviceFingerprint?
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                if let reading = try? await database.read({ db in
                    Reading(sequence: try RecordTable.currentSequence(in: db), devices: try DeviceFingerprint.read(db))
                }) {
                    await notifier.signal(reading.sequence)
                    if let known = devices, known != reading.devices { await notifier.devicesChanged() }
                    devices = reading.devices
                }
                try? await Task.sleep(for: .milliseconds(intervalMilliseconds))
            }
        } onGracefulShutdown: {
            Task { await notifier.close() }
        }
    }
}
