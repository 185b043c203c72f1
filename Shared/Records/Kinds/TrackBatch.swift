/// A batch of an auditor's day track: the breadcrumbs one tablet recorded over a stretch of time,
/// signed and chained like visits, kept by the server as evidence of where the auditor went.
public struct TrackBatch: AuditRecord {
    public static let kind = RecordKind.track
    public var id: TypedID<TrackBatch>
    /// The device that recorded it.
    public var device: String
    /// The auditor who carried the device.
    public var auditor: String
    /// The first point's time, ISO 8601 UTC.
    public var start: String
    /// The last point's time, ISO 8601 UTC.
    public var end: String
    /// The points in the compact track text (`TrackCodec` of module Evidence).
    public var points: String
    /// How many points the text holds.
    public var pointCount: Int64?
    /// The work order the auditor was working on, when one was open.
    public var workOrder: TypedID<WorkOrder>?
    /// Retired records are kept, never deleted.
    public var retired: Bool
    /// The public key (base64) of the tablet that signed the batch.
    public var signer: String?
    /// The batch's place in its device's evidence chain, from 1.
    public var chainSequence: Int64?
    /// The link (hex SHA-256) of the item before it in the chain.
    public var chainPrevious: String?
    /// The tablet's Ed25519 signature (base64).
    public var signature: String?

    /// Creates a batch; chain and signature start empty.
    public init(id: TypedID<TrackBatch>, device: String, auditor: String, start: String, end: String, points: String, pointCount: Int64) {
        self.id = id
        self.device = device
        self.auditor = auditor
        self.start = start
        self.end = end
        self.points = points
        self.pointCount = pointCount
        self.retired = false
    }

    public init(_ state: RecordState) {
        id = TypedID(unchecked: state.id)
        device = state.text("device") ?? ""
        auditor = state.text("auditor") ?? ""
        start = state.text("start") ?? ""
        end = state.text("end") ?? ""
        points = state.text("points") ?? ""
        pointCount = state.integer("point_count")
        workOrder = state.text("work_order").map { TypedID(unchecked: $0) }
        retired = state.flag("retired")
        signer = state.text("signer")
        chainSequence = state.integer("chain_seq")
        chainPrevious = state.text("chain_prev")
        signature = state.text("signature")
    }

    public var fieldValues: [(field: String, value: FieldValue)] {
        [
            ("device", .text(device)),
            ("auditor", .text(auditor)),
            ("start", .text(start)),
            ("end", .text(end)),
            ("points", .text(points)),
            ("point_count", .optional(pointCount)),
            ("work_order", .optional(workOrder?.rawValue)),
            ("retired", .flag(retired)),
            ("signer", .optional(signer)),
            ("chain_seq", .optional(chainSequence)),
            ("chain_prev", .optional(chainPrevious)),
            ("signature", .optional(signature)),
        ]
    }
}
