import ArgumentParser
import Foundation

/// `--data DIR` and `--store URL`: where the server keeps its data, shared by `serve` and every
/// dispatcher command.
///
/// The data directory holds files (the imported road map, MIS reports) and, unless `--store`
/// names PostgreSQL, the SQLite database. `--store` (or `FIELDAUDIT_STORE`) puts the records in
/// PostgreSQL instead, where several server nodes can share them.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The server's data directory (created if missing): the road map, MIS reports and, without --store, the SQLite database.",
        valueName: "dir"))
    var data: String

    @Option(name: .long, help: ArgumentHelp(
        "Keep the records in PostgreSQL instead of SQLite (env FIELDAUDIT_STORE), e.g. postgres://fieldaudit@db.example:5432/fieldaudit. Every node of a cluster names the same one.",
        valueName: "url"))
    var store: String?

    /// The store named by `--store`, else by `FIELDAUDIT_STORE`, else the SQLite database in `--data`.
    var location: StoreLocation {
        get throws {
            let named = store ?? ProcessInfo.processInfo.environment["FIELDAUDIT_STORE"].flatMap { $0.isEmpty ? nil : $0 }
            guard let named else { return .sqlite(directory: data) }
            do { return try StoreLocation(parsing: named) } catch { throw ValidationError("--store: \(error)") }
        }
    }

    func validate() throws {
        _ = try location
    }

    /// Opens the store, running pending migrations.
    func open() throws -> any ServerStore {
        let location = try location
        do {
            return try location.open()
        } catch {
            throw ValidationError("cannot open the store \(location): \(error)")
        }
    }
}
