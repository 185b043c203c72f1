import ArgumentParser
import Foundation
import Positioning
import Shared

/// `audit-terminal gps`: look at what the tablet's position source delivers.
struct GPSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gps",
        abstract: "Check the tablet's position source: gpsd, an NMEA log or a GPX track.",
        subcommands: [GPSReadCommand.self, GPSWalkCommand.self])
}

/// `audit-terminal gps read SOURCE [--json] [--speed N] [--count N]`.
struct GPSReadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read",
        abstract: "Print every fix a position source delivers, then a summary of what was read and refused.",
        discussion: """
            SOURCE is one of:
              gpsd://HOST:PORT       a gpsd daemon (gpsd:// alone is 127.0.0.1:2947)
              nmea:PATH[?speed=N]    an NMEA 0183 log
              gpx:PATH[?speed=N]     a GPX 1.0/1.1 track
              none                   no positioning

            Each fix is one line: UTC time, latitude, longitude, quality (none, gps, dgps, rtk, …), \
            satellites used and HDOP; with --json one JSON object per line instead. The last line \
            counts the NMEA sentences read, the fixes, and the sentences refused by reason (bad \
            checksum, no checksum, truncated, unsupported sentence, malformed field N, stray text, …).

            Logs and tracks are read as fast as possible unless the source has ?speed=N or --speed \
            is given (1 is real time, 10 is ten times faster). A gpsd source runs until --count fixes \
            have arrived or you press Ctrl-C; it reconnects by itself when gpsd goes away.

            Examples:
              audit-terminal gps read nmea:/var/log/walk.nmea
              audit-terminal gps read gpx:track.gpx?speed=1 --json
              audit-terminal gps read gpsd:// --count 10
            """)

    @Argument(help: ArgumentHelp("Where positions come from; see above.", valueName: "source"))
    var source: String

    @Flag(help: "Print one JSON object per fix, and the summary as {\"summary\": {…}}.")
    var json = false

    @Option(help: ArgumentHelp("Play a log or track at N times its recorded pace (1 = real time). Default: as fast as possible.", valueName: "n"))
    var speed: Double?

    @Option(help: ArgumentHelp("Stop after N fixes.", valueName: "n"))
    var count: Int?

    @Flag(help: "Decode NMEA sentences that have no *hh checksum instead of refusing them (for old talkers that send none).")
    var acceptMissingChecksum = false

    func validate() throws {
        if let speed, !(speed > 0 && speed.isFinite) { throw ValidationError("--speed must be a number above 0, for example 1 or 10") }
        if let count, count < 1 { throw ValidationError("--count must be 1 or more") }
        _ = try PositionSourceSpec.argument(source)
    }

    func run() async throws {
        let spec = try PositionSourceSpec.argument(source)
        let options = NMEAReaderOptions(missingChecksum: acceptMissingChecksum ? .accept : .reject)
        var tally = PositionTally()
        do {
            for try await event in spec.makeSource(defaultSpeed: speed, options: options).events() {
                tally.add(event)
                if let fix = event.fix {
                    try emit(fix)
                    if let count, tally.fixes >= count { break }
                }
            }
        } catch {
            throw TerminalError("\(error)")
        }
        if json { try printJSON(TallyReport(tally)) } else { print("summary: \(tally)") }
    }

    private func emit(_ fix: Fix) throws {
        if json { try printJSON(FixReport(fix)) } else { print(fix.line) }
    }
}

/// `audit-terminal gps walk PATH.csv --out FILE.nmea [--speed M/S] [--interval S] [--start ISO8601]`.
struct GPSWalkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "walk",
        abstract: "Write an NMEA log of someone walking along a path, for demos and tests.",
        discussion: """
            The path file holds one lat,lon point per line (blank lines and # comments are \
            skipped), for example the geometry of a planned audit route. The walker starts at the \
            first point and moves at a steady speed to the last, and the log gets one GGA and one \
            RMC sentence per interval. Play it back with: audit-terminal gps read nmea:FILE?speed=1

            With --receiver the walk takes on a real receiver's character, read from its NMEA log: \
            each fix scatters about the path as that receiver's fixes scattered about its own track, \
            and reports its quality, satellites and HDOP, fix by fix (from the start again when the \
            walk outlasts the log).

            Examples:
              audit-terminal gps walk route.csv --out walk.nmea --speed 1.4 --start 2026-05-04T08:00:00Z
              audit-terminal gps walk route.csv --out walk.nmea --receiver ../shared/data/gps/haicom-305N.log
            """)

    @Argument(help: ArgumentHelp("The path: one lat,lon per line.", valueName: "path.csv"))
    var path: String

    @Option(help: ArgumentHelp("Where to write the log; written whole or not at all.", valueName: "file"))
    var out: String

    @Option(help: ArgumentHelp("Walking speed in metres per second (1.4 is a brisk walk, 8 a slow car).", valueName: "m/s"))
    var speed = 1.4

    @Option(help: ArgumentHelp("Seconds between fixes.", valueName: "s"))
    var interval = 1.0

    @Option(help: ArgumentHelp("UTC start time, ISO 8601 (default: now).", valueName: "time"))
    var start: String?

    @Option(help: ArgumentHelp("A real receiver's NMEA log whose scatter, quality, satellites and HDOP the walk takes on.", valueName: "log"))
    var receiver: String?

    func validate() throws {
        guard speed > 0, speed.isFinite else { throw ValidationError("--speed must be above 0 m/s") }
        guard interval > 0, interval.isFinite else { throw ValidationError("--interval must be above 0 s") }
        if let start, ISO8601DateFormatter().date(from: start) == nil {
            throw ValidationError("--start must be an ISO 8601 UTC time such as 2026-05-04T08:00:00Z, got \"\(start)\"")
        }
    }

    func run() throws {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw TerminalError("cannot read \(path): \(error.localizedDescription)")
        }
        let points: [GeoPoint]
        do { points = try PathPoints.parse(text, name: path) } catch { throw TerminalError(error.description) }
        let begin = start.flatMap { ISO8601DateFormatter().date(from: $0) } ?? Date()
        var fixes = RouteWalk(path: points, speed: speed, interval: interval).fixes(start: begin)
        if let receiver {
            do { fixes = try ReceiverCharacter.read(nmeaLog: receiver).apply(to: fixes) } catch { throw TerminalError("\(error)") }
        }
        do { try NMEAWriter().write(fixes, to: URL(fileURLWithPath: out)) } catch {
            throw TerminalError("cannot write \(out): \(error.localizedDescription)")
        }
        print("wrote \(fixes.count) fixes (\(fixes.count * 2) sentences) to \(out)")
    }
}
