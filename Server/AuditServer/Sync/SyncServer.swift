import Foundation
import Logging

/// Everything `serve` runs, wired together over one database.
public struct SyncServer: Sendable {
    /// The HTTP routes.
    public private(set) var routes: SyncRoutes
    let watcher: ChangeWatcher

    /// The metrics `/metrics` serves.
    public let metrics: ServerMetrics

    /// Wires the services over `database`; `bodyLimit` is the largest request body in bytes;
    /// `limits` bound each device's long-polls and request rate; `maps` cuts work orders' areas
    /// from the imported road map; `policy` holds the limits pushes are checked against.
    /// `console` serves the office console at `/console` (with `Secure` cookies when the server speaks TLS).
    /// `smsSecret` (`FIELDAUDIT_SMS_SECRET`) authenticates SMS gateways' delivery reports under `/sms`;
    /// without it they are refused.
    public init(database: any ServerStore, maps: WorkOrderMaps, bodyLimit: Int, limits: DeviceLimits = .default, policy: PushPolicy = .standard,
                metrics: ServerMetrics = ServerMetrics(), console: ConsoleOptions? = nil, smsSecret: Data? = nil, logger: Logger) async throws {
        let notifier = ChangeNotifier(latest: try await database.read { db in try RecordTable.currentSequence(in: db) })
        self.metrics = metrics
        let sync = SyncService(database: database, notifier: notifier, metrics: metrics, logger: logger, maps: maps, policy: policy)
        routes = SyncRoutes(sync: sync, devices: DeviceRegistry(database: database), metrics: metrics, notifier: notifier, bodyLimit: bodyLimit,
                           limits: limits, epoch: try await database.write(StoreEpoch.current))
        if let console {
            routes.console = ConsoleRoutes(accounts: OfficeAccounts(database: database), records: RecordInspection(database: database),
                                           database: database,
                                           secureCookies: console.secureCookies,
                                           assetsFolder: ConsoleOptions.assetsFolder, vendorFolder: console.vendorFolder,
                                           maps: maps, notifier: notifier)
        }
        routes.deliveryReports = DeliveryReportRoutes(recorder: DeliveryRecorder(database: database), secret: smsSecret)
        watcher = ChangeWatcher(database: database, notifier: notifier)
    }
}
