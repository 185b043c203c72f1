import Evidence
import Foundation
import Shared
import StoreTestSupport
import TestSupport
import Testing
import Transport

/// The server's own plausibility checks of visits, as `progress` and `audit-server presence ID`
/// show them.
@Suite("Presence plausibility", .serialized)
struct PlausibilityTests {
    /// The flag reasons of `progress --json`, by visit.
    static func flags(_ fixture: ServerFixture) throws -> [String: String] {
        let report = try ServerFixture.expectSuccess(fixture.dispatch(["progress", "--json"])).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        let flagged = try #require(json["flagged"] as? [[String: Any]])
        return Dictionary(uniqueKeysWithValues: flagged.map { ($0["visit"] as! String, $0["reason"] as! String) })
    }

    @Test("a visit with a typed position at the site is flagged typed, not proof", arguments: StoreKind.allCases)
    func typedVisit(store: StoreKind) async throws {
        var (fixture, anna, chain) = try await SignedVisitTests.prepared(store: store)
        let time = SignedEvidence.iso(Int64(Date().timeIntervalSince1970) - 600)
        let typed = try chain.signed(chain.record(.auditVisit, id: "vis-typed", SignedEvidence.visitFields(
            workOrder: fixture.annaOrder, customer: "cus-20000001", time: time,
            fix: GeoPoint(latitude: 49.951, longitude: 11.571), source: .typed, distance: 0, reason: "receiver off")))
        #expect(try await anna.push([SignedEvidence.wire(typed)]).status == 200)
        #expect(try Self.flags(fixture)["vis-typed"]?.contains("typed, not proof") == true)
        let shown = try ServerFixture.expectSuccess(fixture.dispatch(["presence", "vis-typed"])).stdout
        #expect(shown.contains("position: typed, not proof"), "\(shown)")
        #expect(shown.contains("FLAG typed_position: typed, not proof"), "\(shown)")
    }

    @Test("a visit 2 km from the site two minutes after the track was at the site is flagged with the speed it implies", arguments: StoreKind.allCases)
    func teleport(store: StoreKind) async throws {
        var (fixture, anna, chain) = try await SignedVisitTests.prepared(store: store)
        let now = Int64(Date().timeIntervalSince1970) - 600
        let site = GeoPoint(latitude: 49.951, longitude: 11.571)
        let walk = (0..<5).map { TrackPoint(point: GeoPoint(latitude: 49.951 - Double(4 - $0) * 0.0002, longitude: 11.571), seconds: now - 300 + Int64($0) * 60, accuracy: 5) }
        let track = try chain.signed(chain.record(.track, id: "trk-walk", SignedEvidence.trackFields(walk)))
        let far = GeoPoint(latitude: 49.969, longitude: 11.571)
        let visit = try chain.signed(chain.record(.auditVisit, id: "vis-far", SignedEvidence.visitFields(
            workOrder: fixture.annaOrder, customer: "cus-20000001", time: SignedEvidence.iso(now + 60),
            fix: far, source: .gnss, distance: far.distance(to: site))))
        #expect(try await anna.push([SignedEvidence.wire(track), SignedEvidence.wire(visit)]).status == 200)

        let reason = try #require(try Self.flags(fixture)["vis-far"])
        #expect(reason.contains("km/h from the track point at"), "\(reason)")
        #expect(reason.contains("m from the site"), "\(reason)")
        let shown = try ServerFixture.expectSuccess(fixture.dispatch(["presence", "vis-far", "--json"])).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        let findings = try #require(json["findings"] as? [[String: String]])
        let speed = try #require(findings.first { $0["code"] == "implausible_speed" }?["detail"])
        // The last track point was 2 minutes before, at the site: 2 km less the presence radius
        // in 120 s, some 58 km/h, never a walk.
        let kmh = try #require(Double(speed.split(separator: " ")[0]))
        #expect(kmh > 50 && kmh < 65, "\(speed)")
        #expect(speed.contains("in 120 s"), "\(speed)")
        let serverDistance = try #require(json["server_distance_m"] as? Double)
        #expect(abs(serverDistance - 2001) < 10, "\(serverDistance)")
        #expect((json["track_before"] as? [Any])?.count == 5)
        #expect((json["signature"] as? [String: Any])?["status"] as? String == "verified")
        // By car, 58 km/h is plausible; the visit is still far from the site.
        let byCar = try ServerFixture.expectSuccess(fixture.dispatch(["presence", "vis-far", "--profile", "car"])).stdout
        #expect(!byCar.contains("implausible_speed") && byCar.contains("far_from_site"), "\(byCar)")
    }

    @Test("a visit is measured against the site as it was at the visit's time, not after the customer moved", arguments: StoreKind.allCases)
    func siteAtVisitTime(store: StoreKind) async throws {
        var (fixture, anna, chain) = try await SignedVisitTests.prepared(store: store)
        let visit = try chain.signed(SignedVisitTests.visitAtSite(&chain, fixture, id: "vis-before-move", minutesAgo: 10))
        #expect(try await anna.push([SignedEvidence.wire(visit)]).status == 200)
        // The office moves customer 1 by about 1 km (a corrected address) after the visit.
        let csv = fixture.directory.file("moved.csv")
        try """
            account,name,address,phone,category,tariff,feeder,transformer,capacity_kva,lat,lon
            20000001,客户 1,"Bahnhofstraße 1, Bayreuth",0921 555 010,residential,T1,F-1,TR-1,10,49.960,11.571
            """.write(toFile: csv, atomically: true, encoding: .utf8)
        try ServerFixture.expectSuccess(fixture.dispatch(["import", "customers", csv]))
        #expect(try fixture.scalar("SELECT COUNT(*) FROM customer_site_history WHERE id = 'cus-20000001'") == 2)
        let shown = try ServerFixture.expectSuccess(fixture.dispatch(["presence", "vis-before-move", "--json"])).stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(shown.utf8)) as? [String: Any])
        #expect(try #require(json["server_distance_m"] as? Double) < 1, "\(shown)")
        #expect((json["findings"] as? [Any])?.isEmpty == true, "\(shown)")
        #expect(try Self.flags(fixture)["vis-before-move"] == nil)
    }
}
