import ArgumentParser
import Foundation
import Positioning

/// NMEA decoding and GPX reading throughput on the real receiver logs.
struct NMEABenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nmea",
        abstract: "NMEA sentences and fixes decoded per second, and GPX track points read per second, on the real logs.",
        discussion: """
            Feeds each NMEA log of the GPS data folder through the whole decoder (framing, checksum, \
            fields, fix assembly) in 4 KiB chunks, over and over for the measuring time, and reads \
            the GPX tracks whole the same way. A tablet's receiver sends about 10 sentences a second; \
            the figures say how much head-room the parser leaves.
            """
    )

    @OptionGroup var data: GPSDataFolder

    @Option(help: "Seconds to measure each file for.")
    var seconds = 1.0

    func run() throws {
        let folder = data.url
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        guard names.contains(where: { $0.hasSuffix(".log") }) else {
            throw ValidationError("no .log files in \(folder.path); pass --gps DIR")
        }
        print("file                                   bytes  MB/s   sentences/s   fixes/s")
        for name in names where name.hasSuffix(".log") {
            let bytes = Array(try Data(contentsOf: folder.appendingPathComponent(name)))
            var sentences = 0, fixes = 0, rounds = 0
            let elapsed = measure {
                for event in Self.decode(bytes) {
                    switch event {
                    case .sentence: sentences += 1
                    case .fix: fixes += 1
                    case .rejected: break
                    }
                }
                rounds += 1
            }
            print(name.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: " %8d %6.1f %13.0f %9.0f", bytes.count, Double(bytes.count * rounds) / elapsed / 1e6,
                         Double(sentences) / elapsed, Double(fixes) / elapsed))
        }
        for name in names where name.hasSuffix(".gpx") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            var points = 0, rounds = 0
            let elapsed = try measureThrowing {
                points += try GPXTrackReader.read(data).fixes.count
                rounds += 1
            }
            print(name.padding(toLength: 36, withPad: " ", startingAt: 0) + String(format: " %8d %6.1f  track points/s %9.0f", data.count, Double(data.count * rounds) / elapsed / 1e6,
                         Double(points) / elapsed))
        }
    }

    static func decode(_ bytes: [UInt8]) -> [PositionEvent] {
        var decoder = NMEADecoder()
        var events: [PositionEvent] = []
        var offset = 0
        while offset < bytes.count {
            events += decoder.feed(bytes[offset..<min(bytes.count, offset + 4096)])
            offset += 4096
        }
        return events + decoder.finish()
    }

    /// Runs `body` repeatedly for the measuring time; returns the seconds spent.
    private func measure(_ body: () -> Void) -> Double {
        let clock = ContinuousClock(), start = clock.now
        repeat { body() } while (clock.now - start) < .milliseconds(Int(seconds * 1000))
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    private func measureThrowing(_ body: () throws -> Void) throws -> Double {
        var failure: (any Error)?
        let elapsed = measure { do { try body() } catch { failure = error } }
        if let failure { throw failure }
        return elapsed
    }
}
