import ArgumentParser
import AuditServer
import Foundation
import Shared

/// Data-quality rules at province scale (issue 16): a full run over every customer and meter,
/// then a run after a few changes, on each store.
struct QualityBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quality",
        abstract: "Every data-quality rule over 1,000,000 customers and their meters, then over what changed (goal: a full run < 60 s).",
        discussion: """
            A province of --customers customers in --counties counties, each with a meter, is \
            imported with 'audit-server import customers' and 'import devices' (their times are \
            printed, not goals). One customer in 100 carries a planted defect (a residential \
            capacity of 250 kVA, a tariff outside its category's, a phone 0000000, a shared \
            account, or a meter of its own with a serial another meter has). Then, in this \
            process, QualityRun reads every record (the first run) and is timed; --changed \
            customers are edited through the dispatcher's service and a second run, which reads \
            only what the change log shows changed, is timed too.

              swift build -c release --product audit-server
              swift build -c release --product fieldaudit-bench
              .build/release/fieldaudit-bench quality

            A quick try first: quality --customers 20000 --counties 10
            """
    )

    @Option(help: "Customers in the province, each with a meter.")
    var customers = 1_000_000

    @Option(help: "Counties they lie in.")
    var counties = 100

    @Option(help: "Customers edited between the full run and the incremental one.")
    var changed = 10_000

    @OptionGroup(title: "Stores and files") var stores: ScaleStoreOptions

    func validate() throws {
        try Province.validate(customers: customers, counties: counties)
        guard (0...customers).contains(changed) else { throw ValidationError("--changed must be 0 to --customers") }
    }

    func run() async throws {
        Cleanup.shared.installSignalHandlers()
        defer { Cleanup.shared.run() }
        let binary = try ServerTool.locate(explicit: stores.serverBinary)
        let directory = try stores.workDirectory(named: "quality")
        let province = Province(customers: customers, counties: counties, orderSize: 500, checkpoint: customers)
        say("quality: \(Machine.description); load \(LoadAverage.now)")
        let files = QualityPlants(province: province)
        let customerFile = (directory as NSString).appendingPathComponent("customers.csv")
        let meterFile = (directory as NSString).appendingPathComponent("meters.csv")
        try files.writeCustomers(to: customerFile)
        try files.writeMeters(to: meterFile)
        say("wrote \(Format.grouped(province.customers)) customers and their meters, \(Format.grouped(files.plantedCount)) planted defects")

        var lines: [String] = []
        for kind in try stores.kinds {
            let (store, data, tool) = try stores.storeTool(kind, in: directory, binary: binary)
            var started = ContinuousClock.now
            say("\(store): import \(try tool.importCustomers(from: customerFile)); \(try tool.importRecords("devices", from: meterFile)) in \(Format.seconds((ContinuousClock.now - started).seconds))")
            let database = try store.open(dataDirectory: data)
            try files.plant(in: database)
            let quality = QualityRun(database: database, settings: try QualitySettings(overriding: QualityPlants.tariffs), serviceArea: nil)
            started = ContinuousClock.now
            let full = try await quality.run()
            let fullSeconds = (ContinuousClock.now - started).seconds
            say("\(store): full run \(Format.seconds(fullSeconds)): \(full.checked) records, \(full.open) findings open")
            try files.edit(changed, in: database)
            started = ContinuousClock.now
            let later = try await quality.run()
            let laterSeconds = (ContinuousClock.now - started).seconds
            say("\(store): run after \(changed) edits \(Format.seconds(laterSeconds)): \(later.checked) records read, \(later.opened) opened, \(later.closed) closed")
            lines.append("\(store): full run \(Format.seconds(fullSeconds)) (\(Format.grouped(full.checked)) records, \(Format.grouped(full.open)) findings); "
                         + "after \(Format.grouped(changed)) edits \(Format.seconds(laterSeconds)) (\(Format.grouped(later.checked)) read)")
            try database.close()
        }
        print("\n== quality summary (goal: a full run over 1,000,000 customers < 60 s) ==")
        lines.forEach { print($0) }
        print("machine: \(Machine.description)")
        print("command: fieldaudit-bench quality " + CommandLine.arguments.dropFirst(2).joined(separator: " "))
        if stores.keep { print("kept: \(directory)") }
    }
}
