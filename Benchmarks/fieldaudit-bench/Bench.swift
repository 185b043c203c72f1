import ArgumentParser

/// Release-mode benchmarks for the speeds the issues name. Run with
/// `swift run -c release fieldaudit-bench <benchmark>`; each prints its figures.
@main
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fieldaudit-bench",
        abstract: "Measures FieldAudit's hot paths. Build in release mode: swift run -c release fieldaudit-bench …",
        subcommands: [CodecBenchmark.self, MergeBenchmark.self, ServerLoadBenchmark.self, ScaleBenchmark.self, TerminalSyncBenchmark.self, MISBenchmark.self,
                      NMEABenchmark.self, RoutingBenchmark.self, UIBenchmark.self, PresenceBenchmark.self,
                      ConsoleBenchmark.self, QualityBenchmark.self]
    )
}
