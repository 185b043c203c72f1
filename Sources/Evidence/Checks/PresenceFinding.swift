import Shared

/// One reason a visit may not prove that the auditor was there, with the evidence behind it.
public struct PresenceFinding: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What was found.
    public enum Code: String, Hashable, Sendable, Codable, CaseIterable {
        /// The position was typed by the auditor: never proof.
        case typedPosition = "typed_position"
        /// No position was recorded.
        case noPosition = "no_position"
        /// The position lies farther from the customer's site than the presence radius.
        case farFromSite = "far_from_site"
        /// The tablet's distance to the site disagrees with the server's own.
        case distanceDisagrees = "distance_disagrees"
        /// Reaching the visit from the point before it (a visit or a track point) needs an implausible speed.
        case implausibleSpeed = "implausible_speed"
        /// The day's track jumps between two points, in the time leading up to the visit, faster
        /// than the profile travels: a replayed or edited track.
        case trackJump = "track_jump"
        /// The visit's time lies outside the span of the day's track.
        case outsideTrack = "outside_track"
        /// The day's track never comes within the presence radius of the site.
        case trackNeverNear = "track_never_near"
        /// The receiver's clock and the tablet's clock disagree.
        case clockSkew = "clock_skew"
        /// The position was old when the visit was recorded.
        case staleFix = "stale_fix"
    }

    /// What was found.
    public var code: Code
    /// The evidence, for a person, in English (what JSON carries): `2,140 m from the site`,
    /// `412 km/h from the track point at 09:12:04`.
    public var detail: String
    /// The same evidence for a reader of any language (``text(in:)``).
    public var message: LocalizedText

    /// Creates a finding whose evidence is a text of the catalogue (`presence.finding.…`).
    public init(_ code: Code, _ message: LocalizedText) {
        self.code = code
        self.message = message
        self.detail = message.english
    }

    /// Creates a finding whose evidence is written out already; every language reads it as written.
    public init(_ code: Code, _ detail: String) {
        self.init(code, LocalizedText("presence.finding.as_written", ["detail": detail]))
    }

    /// The evidence in `language`.
    public func text(in language: Language) -> String { message.text(in: language) }

    public var description: String { "\(code.rawValue): \(detail)" }

    enum CodingKeys: String, CodingKey { case code, detail }

    /// Reads a finding from JSON, where only its English evidence is kept.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try container.decode(Code.self, forKey: .code), try container.decode(String.self, forKey: .detail))
    }
}
