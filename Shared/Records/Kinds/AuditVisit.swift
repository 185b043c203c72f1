import Foundation

/// One visit of an auditor at a customer: appended, never edited into another record.
public struct AuditVisit: AuditRecord {
    public static let kind = RecordKind.auditVisit
    public var id: TypedID<AuditVisit>
    public var workOrder: TypedID<WorkOrder>
    public var customer: TypedID<Customer>
    /// The auditor who made the visit.
    public var auditor: String
    /// When the visit was recorded, ISO 8601 UTC.
    public var time: String
    /// Where the tablet was, by GPS.
    public var fix: GeoPoint?
    /// The fix's estimated horizontal error in metres.
    public var fixAccuracyMeters: Double?
    /// The distance from the fix to the customer's site in metres: proof of presence.
    public var distanceMeters: Double?
    /// When the receiver took the fix, ISO 8601 UTC.
    public var fixTime: String?
    /// How old the fix was when the visit was recorded, in seconds.
    public var fixAgeSeconds: Double?
    public var outcome: VisitOutcome
    public var notes: String?
    /// Hazards found on site, free text.
    public var hazards: String?
    /// Retired records are kept, never deleted.
    public var retired: Bool
    /// Where the position came from: a receiver, typed by the auditor, or none.
    public var fixSource: FixSource?
    /// The receiver's fix quality (`gps`, `dgps`, `rtk` …).
    public var fixQuality: String?
    /// Satellites the receiver used.
    public var fixSatellites: Int64?
    /// The receiver's horizontal dilution of precision.
    public var fixHDOP: Double?
    /// The sentence or gpsd report the position came from, as the receiver sent it.
    public var fixRaw: String?
    /// Why the auditor typed the position instead of using the receiver.
    public var typedReason: String?
    /// The public key (base64) of the tablet that signed the visit.
    public var signer: String?
    /// The visit's place in its device's evidence chain, from 1.
    public var chainSequence: Int64?
    /// The link (hex SHA-256) of the item before it in the chain.
    public var chainPrevious: String?
    /// The tablet's Ed25519 signature (base64) over the visit and its place in the chain.
    public var signature: String?

    /// Creates a visit; fix, distance, notes and hazards start empty.
    public init(id: TypedID<AuditVisit>, workOrder: TypedID<WorkOrder>, customer: TypedID<Customer>,
                auditor: String, time: String, outcome: VisitOutcome) {
        self.id = id
        self.workOrder = workOrder
        self.customer = customer
        self.auditor = auditor
        self.time = time
        self.outcome = outcome
        self.retired = false
    }

    public init(_ state: RecordState) {
        id = TypedID(unchecked: state.id)
        workOrder = TypedID(unchecked: state.text("work_order") ?? "")
        customer = TypedID(unchecked: state.text("customer") ?? "")
        auditor = state.text("auditor") ?? ""
        time = state.text("time") ?? ""
        fix = state.location("fix")
        fixAccuracyMeters = state.decimal("fix_accuracy_m")
        distanceMeters = state.decimal("distance_m")
        fixTime = state.text("fix_time")
        fixAgeSeconds = state.decimal("fix_age_s")
        outcome = state.code("outcome") ?? .verified
        notes = state.text("notes")
        hazards = state.text("hazards")
        retired = state.flag("retired")
        fixSource = state.code("fix_source")
        fixQuality = state.text("fix_quality")
        fixSatellites = state.integer("fix_satellites")
        fixHDOP = state.decimal("fix_hdop")
        fixRaw = state.text("fix_raw")
        typedReason = state.text("typed_reason")
        signer = state.text("signer")
        chainSequence = state.integer("chain_seq")
        chainPrevious = state.text("chain_prev")
        signature = state.text("signature")
    }

    public var fieldValues: [(field: String, value: FieldValue)] {
        [
            ("work_order", .text(workOrder.rawValue)),
            ("customer", .text(customer.rawValue)),
            ("auditor", .text(auditor)),
            ("time", .text(time)),
            ("fix", .optional(fix)),
            ("fix_accuracy_m", .optional(fixAccuracyMeters)),
            ("distance_m", .optional(distanceMeters)),
            ("outcome", .text(outcome.rawValue)),
            ("notes", .optional(notes)),
            ("hazards", .optional(hazards)),
            ("retired", .flag(retired)),
            ("fix_time", .optional(fixTime)),
            ("fix_age_s", .optional(fixAgeSeconds)),
            ("fix_source", .optional(fixSource)),
            ("fix_quality", .optional(fixQuality)),
            ("fix_satellites", .optional(fixSatellites)),
            ("fix_hdop", .optional(fixHDOP)),
            ("fix_raw", .optional(fixRaw)),
            ("typed_reason", .optional(typedReason)),
            ("signer", .optional(signer)),
            ("chain_seq", .optional(chainSequence)),
            ("chain_prev", .optional(chainPrevious)),
            ("signature", .optional(signature)),
        ]
    }
}

extension AuditVisit {
    /// Farther than this from the customer's site, a visit is flagged.
    public static let presenceRadiusMeters = 50.0
    /// A fix older than this when the visit was recorded is stale.
    public static let staleFixSeconds = 10.0

    /// Why this visit does not prove the auditor was there, or `nil` when it does: no position,
    /// a position too far from the site, or a stale one (in the words of the server's presence
    /// checks, for a reader of any language).
    public var presenceProblem: LocalizedText? {
        guard fix != nil else { return LocalizedText("presence.finding.no_position") }
        if let distanceMeters, distanceMeters > Self.presenceRadiusMeters {
            return LocalizedText("presence.finding.far_from_site", ["distance": String(format: "%.0f", distanceMeters)])
        }
        if let fixAgeSeconds, fixAgeSeconds > Self.staleFixSeconds {
            return LocalizedText("presence.finding.stale_fix", ["age": String(format: "%.0f", fixAgeSeconds)])
        }
        return nil
    }
}
