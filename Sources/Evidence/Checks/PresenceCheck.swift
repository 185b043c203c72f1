import Foundation
import Shared

/// The server's plausibility checks of one visit: its position's source and distance (computed
/// here), the speed it implies from the position before it, the day's track around it, and the
/// receiver's clock. Every finding carries its evidence; a visit with none proves presence.
public struct PresenceCheck: Sendable {
    /// The thresholds.
    public var rules: PresenceRules

    /// Creates a check with `rules`.
    public init(rules: PresenceRules = .foot) { self.rules = rules }

    /// The findings for `visit`, given the same auditor's visit before it (if any) and the device's
    /// track points sorted by time.
    public func findings(for visit: VisitEvidence, previous: VisitEvidence? = nil, track: [TrackPoint] = []) -> [PresenceFinding] {
        var findings: [PresenceFinding] = []
        switch visit.source {
        case .none:
            findings.append(PresenceFinding(.noPosition, LocalizedText("presence.finding.no_position")))
        case .typed:
            findings.append(PresenceFinding(.typedPosition, LocalizedText("presence.finding.typed_position")))
        case .gnss:
            if let age = visit.fixAge, age > rules.freshness {
                findings.append(PresenceFinding(.staleFix, LocalizedText("presence.finding.stale_fix", ["age": Self.number(age)])))
            }
            if let receiver = visit.receiverSeconds {
                let skew = Double(visit.seconds - receiver) - (visit.fixAge ?? 0)
                if abs(skew) > rules.clockTolerance {
                    findings.append(PresenceFinding(.clockSkew, LocalizedText("presence.finding.clock_skew", ["seconds": Self.number(abs(skew))])))
                }
            }
        }
        if let distance = visit.distanceToSite {
            if distance > rules.radius {
                findings.append(PresenceFinding(.farFromSite, LocalizedText("presence.finding.far_from_site", ["distance": Self.number(distance)])))
            }
            if let claimed = visit.claimedDistance, abs(claimed - distance) > rules.distanceTolerance {
                findings.append(PresenceFinding(.distanceDisagrees, LocalizedText("presence.finding.distance_disagrees",
                                                                                  ["claimed": Self.number(claimed), "distance": Self.number(distance)])))
            }
        }
        if let position = visit.position, visit.source != .none, let speed = impliedSpeed(to: position, at: visit.seconds, previous: previous, track: track) {
            findings.append(speed)
        }
        findings += trackFindings(visit, track: track)
        return findings
    }

    /// The speed needed to reach `position` at `seconds` from the latest earlier position (the
    /// previous visit or a track point), when it is over the profile's top speed. Positions are
    /// taken to be up to a presence radius off, so GPS scatter alone is never flagged.
    func impliedSpeed(to position: GeoPoint, at seconds: Int64, previous: VisitEvidence?, track: [TrackPoint]) -> PresenceFinding? {
        // What the speed is measured from: its catalogue key's ending and the value naming it.
        var candidates: [(point: GeoPoint, seconds: Int64, what: String, name: [String: String])] = []
        if let previous, let point = previous.position, previous.seconds < seconds {
            candidates.append((point, previous.seconds, "visit", ["visit": previous.id]))
        }
        if let point = track.last(where: { $0.seconds < seconds }) {
            candidates.append((point.point, point.seconds, "track", ["time": Self.clock(point.seconds)]))
        }
        guard let before = candidates.max(by: { $0.seconds < $1.seconds }) else { return nil }
        let elapsed = Double(seconds - before.seconds)
        let distance = max(0, position.distance(to: before.point) - rules.radius)
        let speed = distance / max(elapsed, 1)
        guard speed > rules.topSpeed else { return nil }
        let values = before.name.merging(["speed": Self.number(speed * 3.6), "metres": Self.number(position.distance(to: before.point)),
                                          "seconds": Self.number(elapsed)]) { name, _ in name }
        return PresenceFinding(.implausibleSpeed, LocalizedText("presence.finding.implausible_speed." + before.what, values))
    }

    /// A visit outside the track's span, a jump in the track leading up to it, or a site the track
    /// never came near around its time.
    func trackFindings(_ visit: VisitEvidence, track: [TrackPoint]) -> [PresenceFinding] {
        guard let first = track.first, let last = track.last else { return [] }
        if visit.seconds < first.seconds - rules.trackWindow || visit.seconds > last.seconds + rules.trackWindow {
            return [PresenceFinding(.outsideTrack, LocalizedText("presence.finding.outside_track", [
                "time": Self.clock(visit.seconds), "from": Self.clock(first.seconds), "to": Self.clock(last.seconds)]))]
        }
        let window = track.filter { abs($0.seconds - visit.seconds) <= rules.trackWindow }
        // A jump counts against the visit it leads to; one after the visit belongs to the next.
        var findings = trackJump(in: window.filter { $0.seconds <= visit.seconds }).map { [$0] } ?? []
        guard let site = visit.site else { return findings }
        let nearest = window.map { $0.point.distance(to: site) }.min()
        if let nearest, nearest > rules.radius + 25 {
            findings.append(PresenceFinding(.trackNeverNear, LocalizedText("presence.finding.track_never_near",
                                                                           ["distance": Self.number(nearest), "minutes": rules.trackWindow / 60])))
        }
        return findings
    }

    /// The fastest step between consecutive points of `window` when it is over the profile's top
    /// speed (each point taken to be up to a presence radius off, as for visits), else `nil`.
    func trackJump(in window: [TrackPoint]) -> PresenceFinding? {
        let steps = zip(window, window.dropFirst()).map { from, to in
            (from: from, to: to, metres: from.point.distance(to: to.point),
             speed: max(0, from.point.distance(to: to.point) - rules.radius) / Double(max(to.seconds - from.seconds, 1)))
        }
        guard let fastest = steps.max(by: { $0.speed < $1.speed }), fastest.speed > rules.topSpeed else { return nil }
        return PresenceFinding(.trackJump, LocalizedText("presence.finding.track_jump", [
            "speed": Self.number(fastest.speed * 3.6), "metres": Self.number(fastest.metres),
            "seconds": Self.number(Double(fastest.to.seconds - fastest.from.seconds)),
            "from": Self.clock(fastest.from.seconds), "to": Self.clock(fastest.to.seconds)]))
    }

    /// A measure for a person: whole numbers from 100 up, one decimal below.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "∞" }
        return value >= 100 ? String(format: "%.0f", value) : String(format: "%.1f", value)
    }

    /// `HH:MM:SS` UTC of a time in seconds since 1970.
    static func clock(_ seconds: Int64) -> String {
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d:%02d", Int(day / 3600), Int(day % 3600 / 60), Int(day % 60))
    }
}
