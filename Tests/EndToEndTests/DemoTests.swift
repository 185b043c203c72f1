import Foundation
import TestSupport
import Testing

/// `scripts/demo --headless`, the README's main command without the UI, run as an operator runs it
/// over SSH, on the already-built executables (`FIELDAUDIT_BIN`) so it does not build again.
@Suite("scripts/demo --headless")
struct DemoTests {
    /// The repository's root.
    static let root: URL = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url
    }()

    /// The first capture group of `pattern` in `text`.
    static func capture(_ pattern: String, in text: String) -> String? {
        guard let match = text.firstMatch(of: try! Regex(pattern)), match.count > 1 else { return nil }
        return match[1].substring.map(String.init)
    }

    @Test("the whole flow: map, seeded customers, two work orders, sync with the map, the path, a visit with proof of presence, the conflict resolved, progress; temp files removed; on SQLite, and with --cluster on PostgreSQL with two nodes behind haproxy",
          arguments: [false, true])
    func headless(cluster: Bool) throws {
        let result = try run("/bin/bash", [Self.root.appendingPathComponent("scripts/demo").path, "--headless"] + (cluster ? ["--cluster"] : []), environment: [
            "FIELDAUDIT_BIN": Executables.directory.path,
            "FIELDAUDIT_SHARED_DATA": URL(fileURLWithPath: MapCommandTests.osm).deletingLastPathComponent().path,
        ])
        let out = result.stdout
        #expect(result.status == 0, "\(result.stderr)\n\(out)")
        #expect(out.contains("foot: ") && out.contains("car: "), "both profiles of the map imported")
        #expect(out.contains("customers.csv: 300 rows, 300 new"), "\(out)")
        #expect(Self.capture(#"devices\.csv: (\d+) rows, \1 new, 0 changed, 0 unchanged, 0 rejected"#, in: out) != nil, "every device accepted")

        // audit-server workorder create prints the id on standard output and its summary on standard error.
        let annas = try #require(Self.capture(#"work order for anna: (\d+) customers"#, in: result.stderr).flatMap(Int.init))
        let weis = try #require(Self.capture(#"work order for wei: (\d+) customers"#, in: result.stderr).flatMap(Int.init))
        #expect(annas > 0 && weis > 0)
        #expect(out.contains("1 road map(s) fetched"), "the work order's map reached the tablet")
        let stops = try #require(Self.capture(#"(\d+) stops, \d+ m"#, in: out).flatMap(Int.init))
        #expect(stops == annas, "the path visits every customer of Anna's work order")
        let fixes = try #require(Self.capture(#"wrote (\d+) fixes"#, in: out).flatMap(Int.init))
        #expect(out.contains("0 rejected; \(fixes) fixes"), "the walk log reads back through the NMEA parser whole")

        let distance = try #require(Self.capture(#"recorded: corrected, ([0-9.]+) m from the site"#, in: out).flatMap(Double.init))
        #expect(distance <= 50, "the GPS fix of the visit is on site")
        #expect(out.contains("CONFLICT: \"T2\" by server | \"T3\" by t-tab-anna"))
        #expect(out.contains("resolved customer/") && out.contains("no conflicts"))
        let progress = try #require(out.range(of: "== Progress").map { String(out[$0.upperBound...]) })
        #expect(progress.contains(try Regex(#"anna \(1 orders\) +\#(annas) +1 +0 +1 +0 +0 +0 +0"#)), "\(progress)")
        #expect(!progress.contains("visits without proof of presence"))

        if cluster {
            let store = try #require(Self.capture(#"store: (postgres://\S+)"#, in: out))
            #expect(out.contains("nodes: http://127.0.0.1:") && out.contains("haproxy on http://127.0.0.1:"), "\(out)")
            let port = try #require(Self.capture(#"haproxy on http://127\.0\.0\.1:(\d+)"#, in: out).flatMap(Int.init))
            #expect(out.contains("listening on http://127.0.0.1:\(port)"), "the tablet talks to haproxy")
            let storePort = try #require(Self.capture(#":(\d+)/"#, in: store).flatMap(Int.init))
            #expect(!TestPorts.isListening(storePort), "the demo stopped its PostgreSQL cluster")
            #expect(!TestPorts.isListening(port), "the demo stopped haproxy")
        } else {
            let work = try #require(Self.capture(#"SQLite under (\S+)\)"#, in: out))
            #expect(!FileManager.default.fileExists(atPath: work), "the demo removed its temp folder")
        }
    }
}
