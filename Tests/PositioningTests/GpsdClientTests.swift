import Foundation
import Testing
import TestSupport
@testable import Positioning

/// The gpsd client against a real gpsd (fed by gpsfake), and the report decoder on its own.
@Suite("gpsd client")
struct GpsdClientTests {
    /// Collects fixes until `enough` says so or `limit` passes (a guard against a hang, not a timing
    /// check: generous, since a full test run on two loaded cores once took more than 60 s to start gpsfake).
    static func collect(_ client: GpsdClient, limit: Duration = .seconds(240), enough: @escaping @Sendable ([Fix]) -> Bool) async throws -> [Fix] {
        try await withThrowingTaskGroup(of: [Fix]?.self) { group in
            group.addTask {
                var fixes: [Fix] = []
                for try await fix in client.fixes() {
                    fixes.append(fix)
                    if enough(fixes) { break }
                }
                return fixes
            }
            group.addTask {
                try await Task.sleep(for: limit)
                return nil
            }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let fixes = result { return fixes }
                Issue.record("no fixes enough within \(limit): the hang guard ended the wait")
                break
            }
            return []
        }
    }

    @Test("connects to a gpsd that starts later (backoff), and reads TPV and SKY from the BT-451 log")
    func realGpsd() async throws {
        let port = try TestPorts.closedPort()
        let client = GpsdClient(host: "127.0.0.1", port: port,
                                reconnect: ReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .milliseconds(400)))
        // The client starts first and meets a closed port; gpsfake comes up while it retries.
        // Stop once both things the test checks have arrived: the car phase and a fix that SKY data rode along with.
        async let collected = Self.collect(client) { fixes in
            fixes.contains { ($0.speed ?? 0) > 15 } && fixes.contains { $0.hdop != nil && ($0.satellites ?? 0) >= 4 }
        }
        try await Task.sleep(for: .milliseconds(500))
        let gpsfake = try GpsFake(log: SharedData.gps.appendingPathComponent("bt451.log"), port: port)
        defer { gpsfake.stop() }
        let fixes = try await collected

        // The car phase of the log (30 kn ≈ 15.4 m/s) arrived.
        #expect(fixes.contains { ($0.speed ?? 0) > 15 })
        for fix in fixes {
            #expect((55.7802...55.7971).contains(fix.latitude) && (23.5690...23.5788).contains(fix.longitude), "\(fix)")
        }
        // SKY reports supply HDOP and the satellites used.
        #expect(fixes.contains { $0.hdop != nil && ($0.satellites ?? 0) >= 4 })
        #expect(fixes.allSatisfy { $0.quality == .gps })
    }

    @Test("when gpsd goes away the client reconnects and reads the next gpsd on the same port")
    func reconnectsAfterDrop() async throws {
        let port = try TestPorts.closedPort()
        let client = GpsdClient(host: "127.0.0.1", port: port,
                                reconnect: ReconnectPolicy(initialDelay: .milliseconds(100), maximumDelay: .milliseconds(400)))
        let lithuania = try GpsFake(log: SharedData.gps.appendingPathComponent("bt451.log"), port: port)
        defer { lithuania.stop() }
        let australia = Replacement()
        defer { australia.stop() }
        // At the first Lithuanian fix, gpsd is killed and another one starts with the Australian log.
        let fixes = try await Self.collect(client) { fixes in
            if fixes.count == 1 {
                lithuania.stop()
                australia.start(log: SharedData.gps.appendingPathComponent("haicom-305N.log"), port: port)
            }
            return fixes.last.map { $0.latitude < 0 } ?? false
        }
        #expect(fixes.first.map { $0.latitude > 55 } == true)
        #expect(fixes.last.map { $0.latitude < -27 } == true)
    }

    /// The second gpsfake, started from inside the fix callback.
    final class Replacement: @unchecked Sendable {
        private let lock = NSLock()
        private var gpsfake: GpsFake?

        func start(log: URL, port: Int) {
            lock.withLock { gpsfake = try? GpsFake(log: log, port: port) }
        }

        func stop() {
            lock.withLock { gpsfake?.stop() }
        }
    }

    @Test("TPV without a fix gives nothing; SKY values ride on the next TPV; other classes are ignored")
    func decoder() {
        var decoder = GpsdReportDecoder()
        #expect(decoder.decode(line: #"{"class":"VERSION","release":"3.22"}"#) == nil)
        #expect(decoder.decode(line: #"{"class":"TPV","mode":1,"lat":1,"lon":2}"#) == nil)
        #expect(decoder.decode(line: "not json") == nil)
        #expect(decoder.decode(line: #"{"class":"SKY","hdop":1.26,"satellites":[{"PRN":1,"used":true},{"PRN":2,"used":false},{"PRN":3,"used":true}]}"#) == nil)
        let fix = decoder.decode(line: #"{"class":"TPV","mode":3,"status":2,"time":"2009-12-09T14:33:07.500Z","lat":55.78,"lon":23.57,"altMSL":128.1,"speed":15.9,"track":221.5,"eph":12.5}"#)
        #expect(fix == Fix(time: FixTime(Date(timeIntervalSince1970: 1_260_369_187.5)), latitude: 55.78, longitude: 23.57,
                           quality: .dgps, satellites: 2, hdop: 1.26, altitude: 128.1, speed: 15.9, course: 221.5, horizontalError: 12.5))
        #expect(fix?.accuracy == 12.5)
    }

    @Test("backoff doubles up to its ceiling")
    func backoff() {
        let policy = ReconnectPolicy(initialDelay: .milliseconds(500), maximumDelay: .seconds(10))
        #expect((1...7).map { policy.delay(afterFailures: $0) } ==
                [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
    }
}
