import GRDB
import ServiceLifecycle

/// Watches the change log for writes made by other processes (dispatcher commands, the MIS job
/// run from a timer) and wakes long-polling pulls; at shutdown it releases every waiting pull.
struct ChangeWatcher: Service {
    let database: DatabasePool
    let notifier: ChangeNotifier
    /// How often to look, in milliseconds.
    var intervalMilliseconds = 200

    func run() async throws {
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                if let latest = try? await database.read({ db in try RecordTable.currentSequence(in: db) }) {
                    await notifier.signal(latest)
                }
                try? await Task.sleep(for: .milliseconds(intervalMilliseconds))
            }
        } onGracefulShutdown: {
            Task { await notifier.close() }
        }
    }
}
