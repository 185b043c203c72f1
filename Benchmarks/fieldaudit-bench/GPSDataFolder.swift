import ArgumentParser
import Foundation

/// `--gps DIR`: the folder of real receiver logs and GPX tracks the GPS benchmarks read.
struct GPSDataFolder: ParsableArguments {
    @Option(help: ArgumentHelp("The folder with the logs and tracks (default: $FIELDAUDIT_SHARED_DATA/gps, else ../shared/data/gps).", valueName: "dir"))
    var gps: String = (ProcessInfo.processInfo.environment["FIELDAUDIT_SHARED_DATA"] ?? "../shared/data") + "/gps"

    /// The folder as a URL.
    var url: URL { URL(fileURLWithPath: gps) }
}
