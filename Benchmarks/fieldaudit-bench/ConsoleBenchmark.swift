import ArgumentParser
import AuditServer
import Foundation
import Shared

/// The office console's queries at province scale (issue 14): the map's viewports and the
/// customer list's pages, timed as the server runs them, on each store.
struct ConsoleBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "console",
        abstract: "The console's map viewports and customer list pages at 1,000,000 customers, on SQLite and PostgreSQL (goals: viewport < 100 ms, list < 200 ms).",
        discussion: """
            A province of --customers customers in --counties counties is imported with \
            'audit-server import customers' (the office's own command; its time is printed, not \
            a goal here). --orders work orders of 500 customers are cut and half of their \
            customers visited (a quarter of those without a position, so flagged), through the \
            AuditServer library. Then each query runs --queries times at random places, through \
            the same functions the console's routes call (OfficeMap.view, CustomerList.page), in \
            this process: the figures are the server's time, without HTTP.

            Viewports: a street (about a 40th of the province across: customers one by one), a \
            town (a 10th: clustered), the whole province (clustered), the province narrowed to \
            pending customers and to one county, a street narrowed to one auditor. Lists: the \
            first page of everything, a page deep inside (after a random customer), a county, \
            the corrected customers, one auditor's customers.

              swift build -c release --product audit-server
              swift build -c release --product fieldaudit-bench
              .build/release/fieldaudit-bench console

            A quick try first: console --customers 20000 --counties 10 --orders 10
            """
    )

    @Option(help: "Customers in the province.")
    var customers = 1_000_000

    @Option(help: "Counties they lie in.")
    var counties = 100

    @Option(help: "Work orders of 500 customers cut (each its own auditor's); half their customers are visited.")
    var orders = 100

    @Option(help: "Times each query runs, at random places.")
    var queries = 200

    @OptionGroup(title: "Stores and files") var stores: ScaleStoreOptions

    func validate() throws {
        try Province.validate(customers: customers, counties: counties)
        guard (1...customers / 500).contains(orders) else { throw ValidationError("--orders must be 1 to --customers / 500") }
        guard queries >= 1 else { throw ValidationError("--queries must be at least 1") }
    }

    func run() throws {
        Cleanup.shared.installSignalHandlers()
        defer { Cleanup.shared.run() }
        let binary = try ServerTool.locate(explicit: stores.serverBinary)
        let directory = try stores.workDirectory(named: "console")
        let province = Province(customers: customers, counties: counties, orderSize: 500, checkpoint: customers)
        say("console: \(Machine.description); load \(LoadAverage.now)")
        let file = (directory as NSString).appendingPathComponent("customers.csv")
        _ = try province.file(for: 0..<province.customers).write(to: file)
        say("wrote \(file): \(Format.grouped(province.customers)) customers in \(province.counties) counties")

        var columns: [(store: String, figures: [(String, Latencies)])] = []
        for kind in try stores.kinds {
            let (store, data, tool) = try stores.storeTool(kind, in: directory, binary: binary)
            let started = ContinuousClock.now
            say("\(store): import \(try tool.importCustomers(from: file)) in \(Format.seconds((ContinuousClock.now - started).seconds))")
            let dispatch = ProvinceDispatch(province: province, store: store, dataDirectory: data)
            try dispatch.cut(0..<orders)
            let queries = try ConsoleQueries(store: store, dataDirectory: data, province: province, orders: orders)
            try queries.visitHalf()
            say("\(store): \(orders) work orders cut, half their customers visited")
            columns.append((store.description, try queries.measure(times: self.queries)))
        }
        print("\n== console summary (server time per query; goals: viewport < 100 ms, list < 200 ms) ==")
        for column in columns {
            print(column.store)
            for (name, latencies) in column.figures { print("  \(name.padding(toLength: 44, withPad: " ", startingAt: 0)) \(latencies.summary)") }
        }
        print("machine: \(Machine.description)")
        print("command: fieldaudit-bench console " + CommandLine.arguments.dropFirst(2).joined(separator: " "))
        if stores.keep { print("kept: \(directory)") }
    }
}
