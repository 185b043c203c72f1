import ArgumentParser
import Compression
import Evidence
import Foundation
import Positioning
import Shared

/// The wire size of an auditor's day track and the cost of checking visits' signed chains and
/// plausibility on the server.
struct PresenceBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "presence",
        abstract: "Bytes of a day's track on the wire, and visits verified per second (signature, chain, plausibility).",
        discussion: """
            Track: every real GPX track in the GPS data folder is thinned by the tablet's recorder \
            (a point every 25 m or 60 s) and encoded as the tablet sends it; the figures are scaled \
            to an 8-hour day at the track's own pace. Then a synthetic 8-hour walk at 1.3 m/s is \
            encoded whole. Verification: a chain of --visits signed visits (Ed25519) is checked \
            link by link and each visit's plausibility against a track, as `audit-server presence \
            verify` does.
            """
    )

    @OptionGroup var data: GPSDataFolder

    @Option(help: "Visits in the verified chain.")
    var visits = 10_000

    func run() throws {
        let folder = data.url
        print("track                          fixes   kept  hours  bytes  gzip  per 8 h day")
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where name.hasSuffix(".gpx") {
            let fixes = try GPXTrackReader.read(contentsOf: folder.appendingPathComponent(name)).fixes
            let points = fixes.compactMap { fix in
                fix.time?.date.map { TrackPoint(point: GeoPoint(latitude: fix.latitude, longitude: fix.longitude), seconds: Int64($0.timeIntervalSince1970),
                                                accuracy: fix.horizontalError ?? fix.hdop.map { $0 * 5 }) }
            }
            report(name, fixes: fixes.count, points: points)
        }
        var walk: [TrackPoint] = []
        for second in stride(from: Int64(1_796_000_000), to: 1_796_000_000 + 8 * 3_600, by: 1) {
            walk.append(TrackPoint(point: GeoPoint(latitude: 49.95 + Double(second - 1_796_000_000) * 1.3 / 111_000, longitude: 11.57),
                                   seconds: second, accuracy: 4.5))
        }
        report("8 h walk at 1.3 m/s, 1 Hz", fixes: walk.count, points: walk)
        try verify()
    }

    private func report(_ name: String, fixes: Int, points: [TrackPoint]) {
        var recorder = TrackRecorder()
        for point in points { recorder.offer(point) }
        let kept = recorder.takeBatch()
        guard let first = kept.first, let last = kept.last, last.seconds > first.seconds else { return }
        let text = TrackCodec.encode(kept)
        let zipped = Gzip.compress(Data(text.utf8), level: Gzip.syncLevel).count
        let hours = Double(last.seconds - first.seconds) / 3_600
        print(name.padding(toLength: 28, withPad: " ", startingAt: 0)
              + String(format: " %7d %6d %6.2f %6d %5d %8.0f B", fixes, kept.count, hours, text.utf8.count, zipped, Double(text.utf8.count) * 8 / hours))
    }

    private func verify() throws {
        let key = EvidenceKey()
        var items: [ChainItem] = []
        items.reserveCapacity(visits)
        var previous = EvidenceHash.chainStart
        let site = GeoPoint(latitude: 49.97, longitude: 11.6)
        for index in 1...visits {
            let record = RecordKey(kind: .auditVisit, id: "vis-\(index)")
            let payload = EvidencePayload(key: record, values: [
                ("work_order", .text("wo-1")), ("customer", .text("cus-\(index)")), ("auditor", .text("anna")),
                ("time", .text("2026-12-01T09:00:00Z")), ("fix", .location(site)), ("outcome", .text("verified")),
            ], sequence: Int64(index), previous: previous)
            let item = ChainItem(record: record.description, sequence: Int64(index), previous: previous, payload: payload, signature: try key.sign(payload))
            previous = item.link
            items.append(item)
        }
        let track = (0..<2_000).map { TrackPoint(point: GeoPoint(latitude: 49.96 + Double($0) * 0.00001, longitude: 11.6), seconds: 1_796_000_000 + Int64($0) * 15) }
        let clock = ContinuousClock()
        let started = clock.now
        let problems = EvidenceChain(signer: key.publicKey).problems(items)
        let chainTime = clock.now - started
        let check = PresenceCheck()
        let checked = clock.now
        var findings = 0
        for index in 0..<visits {
            let visit = VisitEvidence(id: "vis-\(index)", seconds: 1_796_000_000 + Int64(index % 2_000) * 15, source: .gnss,
                                      position: site, accuracy: 4, receiverSeconds: 1_796_000_000 + Int64(index % 2_000) * 15, fixAge: 1,
                                      claimedDistance: 0, site: site)
            findings += check.findings(for: visit, track: track).count
        }
        let checkTime = clock.now - checked
        print(String(format: "chain of %d signed visits verified in %.0f ms (%.1f µs a visit), %d problems",
                     visits, chainTime.milliseconds, chainTime.milliseconds * 1000 / Double(visits), problems.count))
        print(String(format: "plausibility of %d visits against a 2,000-point track in %.0f ms (%.1f µs a visit), %d findings",
                     visits, checkTime.milliseconds, checkTime.milliseconds * 1000 / Double(visits), findings))
    }
}
