import ArgumentParser
import Positioning

/// `--gps SOURCE`: where the tablet's positions come from, for the commands that follow the position.
struct GPSOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Position source: gpsd://HOST:PORT (gpsd:// alone is 127.0.0.1:2947), nmea:PATH[?speed=N], gpx:PATH[?speed=N] or none.",
        discussion: """
            The UI follows it in the background: the status bar shows the fix quality, satellites and \
            HDOP (or accuracy) and its age, a stale fix as ⚠ stale; the map shows where you are and \
            re-plans the path; a visit keeps the fix as proof of presence; the UI and sync --watch \
            record the day's track from it (signed batches sent like any edit). speed=N replays a log N \
            times faster than recorded (1 is real time). The default is none, so the UI never waits on \
            a gpsd that is not running; on a tablet with a receiver pass --gps gpsd://.
            """,
        valueName: "source"))
    var gps = "none"

    /// `--gps` as written, or `nil` for `none`. A subcommand's own `--gps` after its name is
    /// parsed into this root option, so subcommands read it here too.
    var source: String? { gps == "none" ? nil : gps }

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
