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

        /// For a person: `signed and verified`, `unsigned`, `chain problem: …`, in any language.
        public var summaryText: LocalizedText {
            switch status {
            case .verified: LocalizedText("presence.signature.verified", ["seq": chainSeq ?? 0])
            case .chainProblem: LocalizedText("presence.signature.chain_problem", ["problems": problems.joined(separator: "; ")])
            case .unsigned, .unknownSigner, .badSignature: LocalizedText("presence.signature." + status.rawValue)
            }
        }

        /// ``summaryText`` in English.
        public var summary: String { summaryText.english }
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

    /// Why the visit does not prove presence, for `progress`, in any language: every finding's
    /// evidence, and a signature or chain that is not verified (an unsigned visit could have been
    /// written after the fact); empty when nothing is wrong.
    public var flagReasons: [LocalizedText] {
        findings.map(\.message) + (signature.status == .verified ? [] : [signature.summaryText])
    }

    /// ``flagReasons`` in English, joined by `; `; `nil` when nothing is wrong.
    public var flagReason: String? {
        flagReasons.isEmpty ? nil : Language.english.joined(flagReasons.map(\.english))
    }

    /// A plain-text page for a person in `language`.
    public func text(in language: Language = .english) -> String {
        func metres(_ value: Double?) -> String {
            value.map { language.localized("server.presence.metres", ["metres": String(format: "%.0f", $0)]) } ?? "-"
        }
        func point(_ point: Point) -> String {
            "  \(point.time)  \(String(format: "%.6f,%.6f", point.lat, point.lon))  "
                + language.localized("server.presence.track_point", ["distance": metres(point.siteDistanceM)])
        }
        var lines = [language.localized("server.presence.heading", [
            "visit": visit, "time": time, "auditor": auditor, "order": workOrder, "customer": customer])]
        let sourceKey = "server.presence.source." + source
        var sourceLine = language.localized("server.presence.position", [
            "source": MessageCatalogue.entries[sourceKey] == nil ? source : language.localized("server.presence.source." + source)])
        if let position { sourceLine += "  \(position)" }
        if let accuracyM { sourceLine += "  " + language.localized("server.presence.accuracy", ["metres": String(format: "%.0f", accuracyM)]) }
        if let typedReason { sourceLine += "  " + language.localized("server.presence.typed_reason", ["reason": typedReason]) }
        lines.append(sourceLine)
        if fixTime != nil || fixAgeS != nil {
            let age = fixAgeS.map { language.localized("server.presence.seconds", ["seconds": String(format: "%.1f", $0)]) } ?? "-"
            lines.append(language.localized("server.presence.receiver", ["time": fixTime ?? "-", "age": age]))
        }
        lines.append(language.localized("server.presence.site", [
            "site": site.map(\.description) ?? language.localized("server.presence.unknown"),
            "server": metres(serverDistanceM), "tablet": metres(tabletDistanceM)]))
        lines.append(language.localized("server.presence.previous", [
            "auditor": auditor, "visit": previousVisit ?? language.localized("server.presence.none")]))
        lines.append(language.localized("server.presence.signature", ["summary": signature.summaryText.text(in: language)])
            + (signature.device.map { "  " + language.localized("server.presence.signature_device", ["device": $0]) } ?? ""))
        lines.append(language.localized("server.presence.track", [
            "count": trackPoints, "profile": TravelProfile(rawValue: profile)?.label(in: language) ?? profile]))
        lines += trackBefore.map(point)
        lines.append("  " + language.localized("server.presence.visit_at", ["time": time]))
        lines += trackAfter.map(point)
        lines.append(language.localized("server.presence.checks"))
        if findings.isEmpty {
            lines.append("  " + language.localized("server.presence.passed"))
        } else {
            lines += findings.map { "  " + language.localized("server.presence.flag", ["code": $0.code.rawValue, "detail": $0.text(in: language)]) }
        }
        return lines.joined(separator: "\n")
    }

    /// The plain-text page in English.
    public var text: String { text() }
}
