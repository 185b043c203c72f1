import Evidence
import Shared
import Testing

@Suite("Presence plausibility checks")
struct PresenceCheckTests {
    static let site = GeoPoint(latitude: 49.9700, longitude: 11.6000)
    static let nearby = GeoPoint(latitude: 49.97015, longitude: 11.60010)   // about 18 m away
    static let t0: Int64 = 1_796_000_000

    func codes(_ findings: [PresenceFinding]) -> Set<PresenceFinding.Code> { Set(findings.map(\.code)) }

    /// A walk from 600 m south of the site to it, a point every 20 s at 1.2 m/s.
    static var walkIn: [TrackPoint] {
        (0...25).map { step in
            TrackPoint(point: GeoPoint(latitude: site.latitude - 0.0054 + Double(step) * 0.000216, longitude: site.longitude),
                       seconds: t0 + Int64(step) * 20, accuracy: 5)
        }
    }

    @Test("a GNSS visit at the site, reached on foot along its track, proves presence")
    func honestVisit() {
        let visit = VisitEvidence(id: "v1", seconds: Self.t0 + 505, source: .gnss, position: Self.nearby, accuracy: 4,
                                  receiverSeconds: Self.t0 + 504, fixAge: 1, claimedDistance: 18, site: Self.site)
        #expect(PresenceCheck().findings(for: visit, track: Self.walkIn).isEmpty)
    }

    @Test("a typed position is never proof, even at the site; no position is flagged")
    func typedAndNone() {
        let typed = VisitEvidence(id: "v", seconds: Self.t0, source: .typed, position: Self.site, site: Self.site)
        #expect(codes(PresenceCheck().findings(for: typed)) == [.typedPosition])
        let none = VisitEvidence(id: "v", seconds: Self.t0, source: .none, site: Self.site)
        #expect(codes(PresenceCheck().findings(for: none)) == [.noPosition])
    }

    @Test("a teleporting track: a visit 2 km away right after a track point is flagged with the speed it implies")
    func teleport() {
        let far = GeoPoint(latitude: Self.site.latitude + 0.018, longitude: Self.site.longitude)  // 2 km north
        let visit = VisitEvidence(id: "v", seconds: Self.t0 + 510, source: .gnss, position: far, accuracy: 4,
                                  receiverSeconds: Self.t0 + 510, fixAge: 0, claimedDistance: 3, site: Self.site)
        let findings = PresenceCheck().findings(for: visit, track: Self.walkIn)
        #expect(codes(findings).isSuperset(of: [.farFromSite, .implausibleSpeed, .distanceDisagrees]))
        let speed = findings.first { $0.code == .implausibleSpeed }
        #expect(speed?.detail.contains("km/h") == true, "\(String(describing: speed))")
    }

    @Test("a track that jumps 2 km in seconds near the visit is flagged with the speed; GPS scatter within the radius is not")
    func trackJump() {
        let jumped = Self.walkIn + [TrackPoint(point: GeoPoint(latitude: Self.site.latitude + 0.018, longitude: Self.site.longitude),
                                               seconds: (Self.walkIn.last?.seconds ?? Self.t0) + 5, accuracy: 5)]
        let visit = VisitEvidence(id: "v", seconds: (jumped.last?.seconds ?? Self.t0) + 2, source: .gnss, position: Self.site,
                                  receiverSeconds: (jumped.last?.seconds ?? Self.t0) + 2, fixAge: 0, site: Self.site)
        let found = PresenceCheck().findings(for: visit, track: jumped).first { $0.code == .trackJump }
        #expect(found?.detail.contains("km/h: the track jumps") == true, "\(String(describing: found))")
        let scatter = (0..<20).map { TrackPoint(point: GeoPoint(latitude: Self.site.latitude + Double($0 % 2) * 0.0004, longitude: Self.site.longitude),
                                                seconds: Self.t0 + Int64($0)) }
        #expect(!codes(PresenceCheck().findings(for: visit, track: scatter)).contains(.trackJump), "44 m of scatter a second is within the radius")
        #expect(codes(PresenceCheck(rules: .car).findings(for: visit, track: jumped)).contains(.trackJump), "2 km in 5 s is too fast even by car")
        let before = VisitEvidence(id: "v0", seconds: (Self.walkIn.last?.seconds ?? Self.t0) + 1, source: .gnss, position: Self.site,
                                   receiverSeconds: (Self.walkIn.last?.seconds ?? Self.t0) + 1, fixAge: 0, site: Self.site)
        #expect(!codes(PresenceCheck().findings(for: before, track: jumped)).contains(.trackJump), "a jump after a visit belongs to the next one")
    }

    @Test("a visit outside the track's span, a site the track never neared, and a receiver clock far off are each flagged")
    func trackAndClock() {
        let late = VisitEvidence(id: "v", seconds: Self.t0 + 5 * 3_600, source: .gnss, position: Self.nearby, receiverSeconds: Self.t0 + 5 * 3_600,
                                 fixAge: 0, site: Self.site)
        #expect(codes(PresenceCheck().findings(for: late, track: Self.walkIn)).contains(.outsideTrack))

        let elsewhere = (0...25).map { TrackPoint(point: GeoPoint(latitude: 49.90, longitude: 11.5), seconds: Self.t0 + Int64($0) * 20) }
        let visit = VisitEvidence(id: "v", seconds: Self.t0 + 200, source: .gnss, position: Self.nearby, receiverSeconds: Self.t0 + 200 - 3_600,
                                  fixAge: 0, site: Self.site)
        let found = codes(PresenceCheck().findings(for: visit, track: elsewhere))
        #expect(found.isSuperset(of: [.trackNeverNear, .clockSkew]))
    }

    @Test("by car the same trip is plausible that on foot is not")
    func profiles() {
        let previous = VisitEvidence(id: "v0", seconds: Self.t0, source: .gnss, position: GeoPoint(latitude: 49.95, longitude: 11.6))
        let visit = VisitEvidence(id: "v1", seconds: Self.t0 + 300, source: .gnss, position: Self.site, site: Self.site)  // 2.2 km in 5 min
        #expect(codes(PresenceCheck(rules: .foot).findings(for: visit, previous: previous)).contains(.implausibleSpeed))
        #expect(!codes(PresenceCheck(rules: .car).findings(for: visit, previous: previous)).contains(.implausibleSpeed))
    }
}
