import Evidence
import Foundation
import Shared

/// Everything the server knows about whether an auditor was really at a visit's site: the
/// visit's evidence, the server's own distance against the tablet's, the day's track on either
/// side, every plausibility finding, and the state of the visit's signature and chain.
/// What `audit-server presence ID` prints and `progress` flags from.
public struct VisitPresence: Hashable, Sendable, Codable {
    /// One point of the track around the visit.
    public struct Point: Hashable, Sendable, Codable {
        public var lat: Double
        public var lon: Double
        /// ISO 8601 UTC.
        public var time: String
        public var accuracyM: Double?
        /// Metres from the customer's site, when the site is known.
        public var siteDistanceM: Double?

        enum CodingKeys: String, CodingKey {
            case lat, lon, time
            case accuracyM = "accuracy_m"
            case siteDistanceM = "site_distance_m"
        }
    }

    /// Whether the visit is signed, and whether its signature and place in the chain hold.
    public struct Signature: Hashable, Sendable, Codable {
        /// The outcome of the check.
        public enum Status: String, Hashable, Sendable, Codable {
            /// Signed, the signature holds and the chain up to it is whole.
            case verified
            /// Not signed (an older tablet): the visit proves no more than its fields.
            case unsigned
            /// Signed by a key no device registered.
            case unknownSigner = "unknown_signer"
            /// The signature does not hold over the stored content.
            case badSignature = "bad_signature"
            /// The signature holds, but the chain around it is broken, forked or has a gap.
            case chainProblem = "chain_problem"
        }
        public var status: Status
        public var signer: String?
        /// The device the signer is registered to.
        public var device: String?
        public var chainSeq: Int64?
        /// The chain's problems that touch this visit, for a person.
        public var problems: [String]

        enum CodingKeys: String, CodingKey {
            case status, signer, device, problems
            case chainSeq = "chain_seq"
        }

        /// For a person: `signed and verified`, `unsigned`, `chain problem: …`.
        public var summary: String {
            switch status {
            case .verified: return "signed and verified (item \(chainSeq ?? 0) of its chain)"
            case .unsigned: return "unsigned: it could have been written after the fact"
            case .unknownSigner: return "signed by an unregistered key"
            case .badSignature: return "the signature does not match the content"
            case .chainProblem: return "chain problem: " + problems.joined(separator: "; ")
            }
        }
    }

    public var visit: String
    public var workOrder: String
    public var customer: String
    public var auditor: String
    /// When the tablet recorded it, ISO 8601 UTC.
    public var time: String
    /// `gnss`, `typed` or `none`.
    public var source: String
    public var position: GeoPoint?
    public var accuracyM: Double?
    public var typedReason: String?
    /// The receiver's time of the fix.
    public var fixTime: String?
    public var fixAgeS: Double?
    /// The customer's site as the server knew it at the visit's time.
    public var site: GeoPoint?
    /// The distance to the site the server computes itself.
    public var serverDistanceM: Double?
    /// The distance the tablet sent (`distance_m`).
    public var tabletDistanceM: Double?
    /// The same auditor's visit before this one.
    public var previousVisit: String?
    /// The travel profile the checks used (`foot` or `car`).
    public var profile: String
    /// How many points of the auditor's track lie within 12 hours of the visit.
    public var trackPoints: Int
    /// The last track points before the visit and the first after it.
    public var trackBefore: [Point]
    public var trackAfter: [Point]
    /// Every plausibility finding; none means the position proves presence.
    public var findings: [PresenceFinding]
    public var signature: Signature

    enum CodingKeys: String, CodingKey {
        case visit, customer, auditor, time, source, position, site, profile, findings, signature
        case workOrder = "work_order"
        case accuracyM = "accuracy_m"
        case typedReason = "typed_reason"
        case fixTime = "fix_time"
        case fixAgeS = "fix_age_s"
        case serverDistanceM = "server_distance_m"
        case tabletDistanceM = "tablet_distance_m"
        case previousVisit = "previous_visit"
        case trackPoints = "track_points"
        case trackBefore = "track_before"
        case trackAfter = "track_after"
    }

    /// Why the visit does not prove presence, for `progress`: every finding's evidence, and a
    /// signature or chain that is not verified (an unsigned visit could have been written after the
    /// fact); `nil` when nothing is wrong.
    public var flagReason: String? {
        var reasons = findings.map(\.detail)
        if signature.status != .verified { reasons.append(signature.summary) }
        return reasons.isEmpty ? nil : reasons.joined(separator: "; ")
    }

    /// A plain-text page for a person.
    public var text: String {
        func metres(_ value: Double?) -> String { value.map { String(format: "%.0f m", $0) } ?? "-" }
        func point(_ point: Point) -> String {
            "  \(point.time)  \(String(format: "%.6f,%.6f", point.lat, point.lon))  \(metres(point.siteDistanceM)) from the site"
        }
        var lines = ["visit \(visit)  \(time)  auditor \(auditor)  work order \(workOrder)  customer \(customer)"]
        var sourceLine = "position: \(source == "typed" ? "typed, not proof" : source)"
        if let position { sourceLine += "  \(position)" }
        if let accuracyM { sourceLine += String(format: "  ±%.0f m", accuracyM) }
        if let typedReason { sourceLine += "  (reason: \(typedReason))" }
        lines.append(sourceLine)
        if fixTime != nil || fixAgeS != nil {
            lines.append("receiver time: \(fixTime ?? "-")  fix age: \(fixAgeS.map { String(format: "%.1f s", $0) } ?? "-")")
        }
        lines.append("site: \(site.map(\.description) ?? "unknown")  distance: server \(metres(serverDistanceM)), tablet \(metres(tabletDistanceM))")
        lines.append("previous visit of \(auditor): \(previousVisit ?? "none")")
        lines.append("signature: \(signature.summary)\(signature.device.map { "  device \($0)" } ?? "")")
        lines.append("track (\(trackPoints) points within 12 h, \(profile) rules):")
        lines += trackBefore.map(point)
        lines.append("  ---- the visit at \(time)")
        lines += trackAfter.map(point)
        lines.append("checks:")
        if findings.isEmpty {
            lines.append("  all passed: the position proves presence")
        } else {
            lines += findings.map { "  FLAG \($0.code.rawValue): \($0.detail)" }
        }
        return lines.joined(separator: "\n")
    }
}
