import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing

/// Proof of presence: every visit keeps where the tablet was, and the office sees the doubtful ones.
@Suite("proof of presence")
struct PresenceTests {
    @Test("a visit keeps its fix, time, age and distance; progress flags one far from the site and one without a position",
          arguments: StoreKind.allCases)
    func flags(store: StoreKind) throws {
        let fixture = try ServerFixture(store: store)
        let tablet = TerminalHome(in: fixture.directory, name: "anna")
        try tablet.must(["enroll", "--server", fixture.server.baseURL, "--token", fixture.annaToken])
        try tablet.must(["sync"])
        // Customer 1's site is 49.951,11.571 (ServerFixture). A walk that ends there, as NMEA from a receiver.
        let path = fixture.directory.file("walk.csv")
        try "49.9512,11.5712\n49.951,11.571\n".write(toFile: path, atomically: true, encoding: .utf8)
        let log = fixture.directory.file("walk.nmea")
        try tablet.must(["gps", "walk", path, "--out", log])

        let there = try tablet.must(["visit", "cus-20000001", "--outcome", "verified", "--gps", "nmea:\(log)"]).stdout
        #expect(there.contains("m from the site"), "\(there)")
        #expect(!there.contains("flagged"), "\(there)")
        let far = try tablet.must(["visit", "cus-20000002", "--outcome", "verified", "--at", "49.9540,11.5720", "--reason", "receiver off"]).stdout
        #expect(far.contains("flagged"), "\(far)")
        _ = try tablet.must(["visit", "cus-20000003", "--outcome", "no-access"])
        try tablet.must(["sync"])

        let report = try ServerFixture.expectSuccess(fixture.dispatch(["progress", "--json"])).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        let flagged = try #require(json["flagged"] as? [[String: Any]])
        #expect(flagged.count == 2)
        let reasons = Dictionary(uniqueKeysWithValues: flagged.compactMap { entry -> (String, String)? in
            guard let customer = entry["customer"] as? String, let reason = entry["reason"] as? String else { return nil }
            return (customer, reason)
        })
        // Typed 222 m from the site (and, typed moments after the visit at customer 1, perhaps too fast on foot).
        #expect(reasons["cus-20000002"]?.contains("typed, not proof") == true, "\(reasons)")
        #expect(reasons["cus-20000002"]?.contains("222 m from the site") == true, "\(reasons)")
        #expect(reasons["cus-20000003"] == "no position recorded")
        #expect(reasons["cus-20000001"] == nil, "the visit made at the site is not flagged")
        let text = try fixture.dispatch(["progress"]).stdout
        #expect(text.contains("visits without proof of presence"))

        // The visit taken from the receiver carries the fix's time and age and its accuracy.
        let visits = try fixture.store.blobs("SELECT state FROM records WHERE kind = ?", "audit_visit").map { String(decoding: $0, as: UTF8.self) }
        #expect(visits.filter { visit in
            ["\"fix_time\"", "\"fix_age_s\"", "\"fix_accuracy_m\"", "cus-20000001"].allSatisfy(visit.contains)
        }.count == 1)
    }
}
