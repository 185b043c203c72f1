import ArgumentParser
import Foundation

/// How big the province is and how it is loaded.
struct ProvinceOptions: ParsableArguments {
    @Option(help: "Customers in the province.")
    var customers = 1_000_000

    @Option(help: "Counties they lie in; every work order lies in one.")
    var counties = 100

    @Option(help: "Customers per work order: one auditor's packet. The province has customers / order-size work orders.")
    var orderSize = 500

    @Option(help: "Customers loaded in the first step. First syncs are timed after it and again after the whole province.")
    var checkpoint = 100_000

    var province: Province {
        Province(customers: customers, counties: counties, orderSize: orderSize, checkpoint: checkpoint)
    }

    func validate() throws {
        guard (1...9_000).contains(orderSize) else { throw ValidationError("--order-size must be 1 to 9000") }
        guard customers >= orderSize, customers % orderSize == 0 else {
            throw ValidationError("--customers must be a multiple of --order-size (\(orderSize))")
        }
        guard checkpoint >= orderSize, checkpoint <= customers, checkpoint % orderSize == 0 else {
            throw ValidationError("--checkpoint must be a multiple of --order-size, at most --customers")
        }
        guard (1...9_999).contains(counties), counties <= customers / orderSize else {
            throw ValidationError("--counties must be 1 to 9999 and at most the number of work orders (\(customers / orderSize))")
        }
    }
}

/// What is measured once the province is loaded, and how hard.
struct MeasureOptions: ParsableArguments {
    @Option(help: "Tablets whose first sync is timed after each step (each syncs once; spread over the work orders).")
    var firstSyncs = 100

    @Option(help: "Pulls when nothing changed, timed one after another.")
    var idlePulls = 200

    @Option(help: "Tablets pushing edits of their own work order's customers at once.")
    var pushTablets = 8

    @Option(help: "Records per pushed batch.")
    var batchSize = 100

    @Option(help: "Seconds each push phase lasts (1 node; on PostgreSQL again over 2 nodes).")
    var pushSeconds = 15.0

    @Option(help: "Idle long-polls held at once, split evenly over the nodes (2 on PostgreSQL, 1 on SQLite); 0 skips them.")
    var longPolls = 5_000

    @Option(help: "Long-polls opened at once per node; the next wave when the node reports them parked.")
    var longPollWave = 500

    func validate() throws {
        guard firstSyncs >= 1 else { throw ValidationError("--first-syncs must be at least 1") }
        guard idlePulls >= 1 else { throw ValidationError("--idle-pulls must be at least 1") }
        guard pushTablets >= 1 else { throw ValidationError("--push-tablets must be at least 1") }
        guard pushTablets < firstSyncs else { throw ValidationError("--push-tablets must be fewer than --first-syncs (the pushing tablets are among them)") }
        guard (1...5_000).contains(batchSize) else { throw ValidationError("--batch-size must be 1 to 5000") }
        guard pushSeconds > 0 else { throw ValidationError("--push-seconds must be more than 0") }
        guard (0...20_000).contains(longPolls) else { throw ValidationError("--long-polls must be 0 to 20000") }
        guard longPollWave >= 1 else { throw ValidationError("--long-poll-wave must be at least 1") }
    }
}

/// Which stores, and where the programs and data are.
struct ScaleStoreOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The stores to run on, in this order: sqlite, postgres or both.", valueName: "list"))
    var stores = "sqlite,postgres"

    @Option(help: ArgumentHelp("An empty PostgreSQL database to use instead of a private cluster.", valueName: "url"))
    var postgres: String?

    @Option(help: ArgumentHelp("The script that starts a private cluster; default: scripts/postgres-cluster here or above this program.", valueName: "path"))
    var clusterScript: String?

    @Option(help: "The audit-server executable; default: the one next to this program.")
    var serverBinary: String?

    @Option(help: "Where to create the temporary directory (customer files, SQLite data, logs); default: the system's.")
    var workDir: String?

    @Flag(help: "Keep the temporary directory and print its path.")
    var keep = false

    enum Kind: String, CaseIterable { case sqlite, postgres }

    var kinds: [Kind] {
        get throws {
            try stores.split(separator: ",").map { name in
                guard let kind = Kind(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("--stores: \(name) is not sqlite or postgres")
                }
                return kind
            }
        }
    }

    func validate() throws {
        guard try !kinds.isEmpty else { throw ValidationError("--stores names no store") }
    }

    /// A new directory `fieldaudit-NAME-…` under --work-dir (else the system's temporary one),
    /// removed when the benchmark ends unless --keep.
    func workDirectory(named name: String) throws -> String {
        let parent = workDir ?? FileManager.default.temporaryDirectory.path
        let directory = (parent as NSString).appendingPathComponent("fieldaudit-\(name)-\(UUID().uuidString.prefix(8).lowercased())")
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        if !keep { Cleanup.shared.removeOnExit(directory) }
        return directory
    }

    /// The store of `kind`, and the audit-server `binary` on a data directory of its own in
    /// `directory` (its commands logged there).
    func storeTool(_ kind: Kind, in directory: String, binary: String) throws -> (store: BenchStore, data: String, tool: ServerTool) {
        let store = try benchStore(kind)
        let own = (directory as NSString).appendingPathComponent(kind.rawValue)
        try FileManager.default.createDirectory(atPath: own, withIntermediateDirectories: true)
        let data = (own as NSString).appendingPathComponent("data")
        return (store, data, ServerTool(binary: binary, dataDirectory: data, logPath: (own as NSString).appendingPathComponent("commands.log"), store: store))
    }

    /// The store of `kind`: PostgreSQL at --postgres, else in a private cluster started now.
    func benchStore(_ kind: Kind) throws -> BenchStore {
        switch kind {
        case .sqlite: return .sqlite
        case .postgres:
            if let url = postgres { return .postgres(url: url) }
            let cluster = try PostgresCluster.start(script: try PostgresCluster.locateScript(explicit: clusterScript))
            say("postgres: private cluster \(cluster.directory), \(cluster.url)")
            return .postgres(url: cluster.url)
        }
    }
}
