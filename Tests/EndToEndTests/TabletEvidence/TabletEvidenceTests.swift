import AuditTerminal
import Evidence
import Foundation
import GRDB
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// The tablet's side of proof of presence: visits keep their position's source and are signed and
/// chained; the day's track is recorded and sent in signed batches.
@Suite("tablet evidence", .serialized)
struct TabletEvidenceTests {
    /// A real receiver log (Haicom HI-305N, SiRF-II) from ../shared/data/gps.
    static let receiverLog = GPSCommandTests.path("haicom-305N.log")

    /// An enrolled, synced tablet of anna; its home lives in the fixture's directory, so the
    /// fixture must outlive every use of the tablet.
    static func tablet(store: StoreKind = .sqlite) throws -> (ServerFixture, TerminalHome) {
        let fixture = try ServerFixture(store: store, serverArguments: ["--rate", "0"])
        let tablet = TerminalHome(in: fixture.directory, name: "anna")
        try tablet.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try tablet.must(["sync"])
        return (fixture, tablet)
    }

    @Test("a visit from a real receiver log keeps gnss, quality, satellites, HDOP and the raw GGA sentence, signed as item 1")
    func gnssVisit() throws {
        let (fixture, tablet) = try Self.tablet()
        defer { withExtendedLifetime(fixture) {} }
        let output = try tablet.must(["visit", "cus-20000001", "--outcome", "verified", "--gps", "nmea:\(Self.receiverLog)"]).stdout
        #expect(output.contains("recorded"), "\(output)")
        let visit = try #require(try TabletChain(tablet).visits.first)
        #expect(visit.fixSource == .gnss)
        #expect(visit.fixQuality == "gps")
        #expect((visit.fixSatellites ?? 0) > 0)
        #expect(visit.fixHDOP != nil)
        let raw = try #require(visit.fixRaw)
        #expect(raw.hasPrefix("$GPGGA,") || raw.hasPrefix("$GPRMC,"), "\(raw)")
        #expect(raw.contains("*"), "the sentence keeps its checksum: \(raw)")
        #expect(visit.typedReason == nil)
        #expect(visit.chainSequence == 1)
        #expect(visit.chainPrevious == EvidenceHash.chainStart)
        let chain = try TabletChain(tablet)
        #expect(chain.problems.isEmpty, "\(chain.problems)")
        #expect(visit.signer == chain.head.signer)
    }

    @Test("a typed position needs --reason and keeps it; two visits chain: seq 1 and 2, the second names the first's link")
    func typedVisitsChain() throws {
        let (fixture, tablet) = try Self.tablet()
        let refused = try tablet.run(["visit", "cus-20000002", "--outcome", "verified", "--at", "49.952,11.572"])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--reason"), "\(refused.stderr)")
        let stray = try tablet.run(["visit", "cus-20000002", "--outcome", "verified", "--reason", "forgot --at"])
        #expect(stray.status != 0 && stray.stderr.contains("--reason explains a position typed with --at"), "\(stray.stderr)")
        #expect(try TabletChain(tablet).visits.isEmpty, "a refused visit writes nothing")

        try tablet.must(["visit", "cus-20000002", "--outcome", "verified", "--at", "49.952,11.572", "--reason", "no signal in the basement"])
        try tablet.must(["visit", "cus-20000003", "--outcome", "no-access"])
        let chain = try TabletChain(tablet)
        let visits = chain.visits.sorted { ($0.chainSequence ?? 0) < ($1.chainSequence ?? 0) }
        #expect(visits.map(\.chainSequence) == [1, 2])
        #expect(visits[0].fixSource == .typed)
        #expect(visits[0].typedReason == "no signal in the basement")
        #expect(visits[0].fixQuality == nil && visits[0].fixRaw == nil)
        #expect(visits[1].fixSource == FixSource.none)
        #expect(visits[1].chainPrevious == chain.items[0].link)
        #expect(chain.problems.isEmpty, "\(chain.problems)")
        #expect(chain.head.length == 2)

        let status = try tablet.must(["status"]).stdout
        #expect(status.contains("signer \(chain.head.signer.prefix(8))…, chain of 2 item(s)"), "\(status)")
        // The server takes the signed visits (the key was registered at enrolment or this sync).
        try tablet.must(["sync"])
        #expect(try tablet.outbox() == 0)
        #expect(try fixture.scalar("SELECT COUNT(*) FROM records WHERE kind = 'audit_visit'") == 2)
        let json = try JSONSerialization.jsonObject(with: Data(try tablet.must(["status", "--json"]).stdout.utf8)) as? [String: Any]
        #expect(json?["key_registered"] as? Bool == true)
    }

    @Test("kill -9 of visit at random moments: the tablet's chain stays whole and the next visit continues it")
    func killDuringVisit() throws {
        let (fixture, tablet) = try Self.tablet()
        defer { withExtendedLifetime(fixture) {} }
        var generator = SystemRandomNumberGenerator()
        let trials = ProcessInfo.processInfo.environment["FIELDAUDIT_SOAK"] == nil ? 30 : 300
        for trial in 0..<trials {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Executables.path("audit-terminal"))
            process.arguments = ["--home", tablet.path, "visit", ServerFixture.annaCustomers[trial % 3], "--outcome", "verified",
                                 "--at", "49.951,11.571", "--reason", "trial \(trial)"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: Double.random(in: 0...0.25, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        let chain = try TabletChain(tablet)
        #expect(chain.problems.isEmpty, "\(chain.problems)")
        let sequences = chain.items.map(\.sequence).sorted()
        #expect(sequences == (0..<sequences.count).map { Int64($0 + 1) }, "no gap, no reused place: \(sequences)")
        #expect(chain.head.length == Int64(sequences.count), "the head is the last item stored")
        #expect(try tablet.outbox() == chain.visits.count, "every stored visit has its outbox entry")

        try tablet.must(["visit", "cus-20000001", "--outcome", "verified", "--at", "49.951,11.571", "--reason", "after the trials"])
        let after = try TabletChain(tablet)
        #expect(after.problems.isEmpty, "\(after.problems)")
        #expect(after.items.map(\.sequence).max() == Int64(sequences.count + 1))
    }

    @Test("restored from an old copy: the visit signed there takes a place the server holds; the tablet starts a new chain with a new key and the visit reaches the server",
          arguments: StoreKind.allCases)
    func restoredTabletStartsNewChain(store: StoreKind) throws {
        let (fixture, tablet) = try Self.tablet(store: store)
        defer { withExtendedLifetime(fixture) {} }
        let backup = fixture.directory.file("backup-anna")
        try TabletRecoveryTests.copyHome(tablet.path, to: backup)
        try tablet.must(["visit", "cus-20000001", "--outcome", "verified", "--at", "49.951,11.571", "--reason", "before the restore"])
        try tablet.must(["sync"])
        let oldSigner = try TabletChain(tablet).head.signer

        try TabletRecoveryTests.copyHome(backup, to: tablet.path)
        try tablet.must(["visit", "cus-20000002", "--outcome", "verified", "--at", "49.952,11.572", "--reason", "after the restore"])
        #expect(try TabletChain(tablet).items.map(\.sequence) == [1], "the restored copy signs place 1 again")
        try tablet.must(["sync"])
        #expect(try tablet.outbox() == 0)
        #expect(try TabletRecoveryTests.status(tablet)["refused"] as? Int == 0, "nothing set aside")
        #expect(try fixture.scalar("SELECT COUNT(*) FROM records WHERE kind = 'audit_visit'") == 2)

        let chain = try TabletChain(tablet)
        #expect(chain.head.signer != oldSigner)
        #expect(chain.head.length == 1)
        #expect(chain.items.map(\.record) == chain.visits.filter { $0.typedReason == "after the restore" }.map { "audit_visit/\($0.id)" })
        #expect(chain.problems.isEmpty, "\(chain.problems)")
        #expect(try TabletRecoveryTests.status(tablet)["key_registered"] as? Bool == true)
    }

    @Test("track points survive kill -9 of sync --watch; the next recording closes them into a signed batch")
    func trackSurvivesKill() throws {
        let (fixture, tablet) = try Self.tablet()
        defer { withExtendedLifetime(fixture) {} }
        let path = fixture.directory.file("walk.csv"), log = fixture.directory.file("walk.nmea")
        try "49.951,11.571\n49.960,11.580\n".write(toFile: path, atomically: true, encoding: .utf8)
        try tablet.must(["gps", "walk", path, "--out", log])
        let watch = try tablet.startWatch(gps: "nmea:\(log)?speed=5")
        let kept = try tablet.eventually(within: 30) { try Self.unsentTrackPoints(tablet) >= 3 }
        kill(watch.processIdentifier, SIGKILL)
        watch.waitUntilExit()
        #expect(kept)
        let survived = try Self.unsentTrackPoints(tablet)
        #expect(survived >= 3, "points were stored as they were kept")
        #expect(try TabletChain(tablet).tracks.isEmpty)

        // A short recording later: its end closes the old points with the new ones.
        let short = fixture.directory.file("short.csv"), shortLog = fixture.directory.file("short.nmea")
        try "49.961,11.581\n49.962,11.582\n".write(toFile: short, atomically: true, encoding: .utf8)
        try tablet.must(["gps", "walk", short, "--out", shortLog, "--start", "2030-01-01T08:00:00Z"])
        let again = try tablet.startWatch(gps: "nmea:\(shortLog)?speed=50")
        defer { if again.isRunning { kill(again.processIdentifier, SIGKILL); again.waitUntilExit() } }
        let closed = try tablet.eventually(within: 30) { !(try TabletChain(tablet).tracks.isEmpty) }
        kill(again.processIdentifier, SIGTERM)
        again.waitUntilExit()
        #expect(closed)
        let batch = try #require(try TabletChain(tablet).tracks.first)
        #expect(Int(batch.pointCount ?? 0) > survived, "the batch holds the points kept before the kill and the new ones")
        #expect(try Self.unsentTrackPoints(tablet) == 0)
        #expect(try TabletChain(tablet).problems.isEmpty)
    }

    @Test("the UI following --gps records the day's track; leaving it closes a signed batch")
    func uiRecordsTrack() throws {
        let (fixture, tablet) = try Self.tablet()
        defer { withExtendedLifetime(fixture) {} }
        let path = fixture.directory.file("walk.csv"), log = fixture.directory.file("walk.nmea")
        try "49.951,11.571\n49.953,11.573\n".write(toFile: path, atomically: true, encoding: .utf8)
        try tablet.must(["gps", "walk", path, "--out", log])
        let command = [Executables.path("audit-terminal"), "--home", tablet.path, "--sync-every", "0", "--gps", "nmea:\(log)?speed=50"]
            .map(TerminalUITests.quoted).joined(separator: " ")
        let session = try TmuxSession(command: "TERM=xterm-256color \(command); echo UI-EXITED status $?", width: 100, height: 30)
        defer { session.close() }
        #expect(try session.waitFor { $0.contains("◉ gps") }.ok, "the fix shows")
        #expect(try tablet.eventually(within: 20) { try Self.unsentTrackPoints(tablet) >= 3 })
        try session.press("q")
        #expect(try session.waitFor { $0.contains("UI-EXITED status 0") }.ok)
        let batch = try #require(try TabletChain(tablet).tracks.first)
        #expect((batch.pointCount ?? 0) >= 3)
        #expect(try Self.unsentTrackPoints(tablet) == 0)
        #expect(try TabletChain(tablet).problems.isEmpty)
    }

    static func unsentTrackPoints(_ tablet: TerminalHome) throws -> Int {
        try TabletRecoveryTests.status(tablet)["unsent_track_points"] as? Int ?? -1
    }

    @Test("sync --watch --gps records the day's track from a walk and sends it as a signed batch the server keeps")
    func watchRecordsTrack() throws {
        let (fixture, tablet) = try Self.tablet()
        // A walk past anna's customers in Bayreuth, as a receiver would log it (a point a second).
        let path = fixture.directory.file("walk.csv"), log = fixture.directory.file("walk.nmea")
        try "49.951,11.571\n49.952,11.572\n49.953,11.573\n".write(toFile: path, atomically: true, encoding: .utf8)
        try tablet.must(["gps", "walk", path, "--out", log])

        let process = try tablet.startWatch(gps: "nmea:\(log)?speed=50")
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() } }

        let arrived = try tablet.eventually(within: 60) {
            try fixture.scalar("SELECT COUNT(*) FROM records WHERE kind = 'track'") > 0
        }
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(arrived, "a track batch reached the server")

        let chain = try TabletChain(tablet)
        let batch = try #require(chain.tracks.first)
        let points = try TrackCodec.decode(batch.points)
        #expect(points.count == Int(batch.pointCount ?? -1))
        #expect(points.count >= 5, "a point every 25 m over about 270 m: \(points.count)")
        #expect(points.allSatisfy { $0.point.latitude > 49.95 && $0.point.latitude < 49.954 })
        #expect(batch.device == "tab-anna" && batch.auditor == "anna")
        #expect(batch.workOrder?.rawValue == fixture.annaOrder)
        #expect(batch.start <= batch.end)
        #expect(chain.problems.isEmpty, "\(chain.problems)")
        #expect(try TerminalStore.open(home: tablet.path).unsentTrackPointCount() == 0)
    }
}

/// The evidence chain stored on a tablet, read from its database.
struct TabletChain {
    let head: TerminalStore.ChainHead
    let states: [RecordState]

    init(_ tablet: TerminalHome) throws {
        let store = try TerminalStore.open(home: tablet.path)
        head = try #require(try store.chainHead())
        states = try store.records(.auditVisit) + store.records(.track)
    }

    var visits: [AuditVisit] { states.filter { $0.kind == .auditVisit }.map(AuditVisit.init) }
    var tracks: [TrackBatch] { states.filter { $0.kind == .track }.map(TrackBatch.init) }

    /// The signed items of the current chain, by place.
    var items: [ChainItem] {
        states.filter { $0.text("signer") == head.signer }.compactMap { state in
            guard let payload = EvidencePayload(state: state), let sequence = state.integer("chain_seq"),
                  let previous = state.text("chain_prev"), let signature = state.text("signature") else { return nil }
            return ChainItem(record: "\(state.kind.rawValue)/\(state.id)", sequence: sequence, previous: previous, payload: payload, signature: signature)
        }.sorted { $0.sequence < $1.sequence }
    }

    /// What EvidenceChain finds wrong with the current chain.
    var problems: [EvidenceChain.Problem] { EvidenceChain(signer: head.signer).problems(items) }
}
