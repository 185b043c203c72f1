import Foundation

/// Where the real GPS logs live: `../shared/data/gps` next to the repository.
enum SharedData {
    /// `FIELDAUDIT_SHARED_DATA` overrides the location, as for `scripts/demo`.
    static let root = ProcessInfo.processInfo.environment["FIELDAUDIT_SHARED_DATA"].map { URL(fileURLWithPath: $0) }
        ?? URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")
    static let gps = root.appendingPathComponent("gps")
}
