import ArgumentParser
import Positioning

/// `--gps SOURCE`: where the tablet's positions come from, for the commands that follow the position.
struct GPSOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Position source: gpsd://HOST:PORT, nmea:PATH[?speed=N], gpx:PATH[?speed=N] or none (default: gpsd://127.0.0.1:2947).",
        valueName: "source"))
    var gps = "gpsd://127.0.0.1:2947"

    /// The source named by `--gps`.
    func spec() throws -> PositionSourceSpec {
        try PositionSourceSpec.argument(gps)
    }

    func validate() throws {
        _ = try spec()
    }
}

extension PositionSourceSpec {
    /// Parses a command-line source, turning a bad one into a usage error that says what is wrong.
    static func argument(_ text: String) throws -> PositionSourceSpec {
        do { return try PositionSourceSpec(parsing: text) } catch { throw ValidationError(error.description) }
    }
}
