/// The schemas of the four record kinds (see DESIGN.md, "Records and versions").
///
/// Authority: physical facts an auditor sees on site (`onSite`) show the auditor's value while in
/// conflict; account facts the MIS owns (`systemOfRecord`) show the MIS's value.
extension RecordSchema {
    /// A customer account at a supply point: 17 fields.
    public static let customer = RecordSchema(kind: .customer, fields: [
        FieldSpec("account", .digits(6...20), required: true, authority: .systemOfRecord),
        FieldSpec("name", .text(maxLength: 200), required: true),
        FieldSpec("address", .text(maxLength: 300), authority: .onSite),
        FieldSpec("phone", .phone),
        FieldSpec("email", .email),
        FieldSpec("category", .choice(of: CustomerCategory.self), authority: .systemOfRecord),
        FieldSpec("tariff", .text(maxLength: 40), authority: .systemOfRecord),
        FieldSpec("feeder", .text(maxLength: 60), authority: .onSite),
        FieldSpec("transformer", .text(maxLength: 60), authority: .onSite),
        FieldSpec("capacity_kva", .decimal(minimum: 0), authority: .systemOfRecord),
        FieldSpec("phases", .integer(1...3), authority: .onSite),
        FieldSpec("location", .location, authority: .onSite),
        FieldSpec("account_status", .choice(of: AccountStatus.self), authority: .systemOfRecord),
        // The county's administrative division code (GB/T 2260 in China, AGS in Germany): the
        // province's data is kept and cut by county.
        FieldSpec("county", .digits(2...12), authority: .systemOfRecord),
        // A visit booked with the customer (not found or no access last time), by the auditor or
        // the office: the day plan puts the stop inside the window.
        FieldSpec("appointment", .appointment),
        FieldSpec("notes", .text(maxLength: 2000)),
        FieldSpec("retired", .flag),
    ])

    /// A device: meter, transformer, pole, switch …
    public static let device = RecordSchema(kind: .device, fields: [
        FieldSpec("serial", .text(maxLength: 60), required: true, authority: .onSite),
        FieldSpec("kind", .choice(of: DeviceKind.self), required: true, authority: .onSite),
        FieldSpec("customer", .reference(.customer)),
        FieldSpec("seal", .text(maxLength: 60), authority: .onSite),
        FieldSpec("model", .text(maxLength: 100), authority: .onSite),
        FieldSpec("voltage_level", .choice(of: VoltageLevel.self), authority: .onSite),
        FieldSpec("status", .choice(of: DeviceStatus.self), authority: .onSite),
        FieldSpec("location", .location, authority: .onSite),
        FieldSpec("notes", .text(maxLength: 2000)),
        FieldSpec("retired", .flag),
    ])

    /// A work order: the customers one auditor is to visit in an area.
    public static let workOrder = RecordSchema(kind: .workOrder, fields: [
        FieldSpec("area", .text(maxLength: 120), required: true),
        FieldSpec("assignee", .text(maxLength: 64), required: true),
        FieldSpec("customers", .references(.customer), required: true),
        FieldSpec("due", .date),
        FieldSpec("priority", .integer(1...5)),
        FieldSpec("status", .choice(of: WorkOrderStatus.self), required: true),
        // How the auditor travels (foot when absent): the audit path and the presence checks follow it.
        FieldSpec("travel", .choice(of: TravelProfile.self)),
        FieldSpec("notes", .text(maxLength: 2000)),
        FieldSpec("retired", .flag),
    ])

    /// One visit of an auditor at a customer.
    public static let auditVisit = RecordSchema(kind: .auditVisit, fields: [
        FieldSpec("work_order", .reference(.workOrder), required: true),
        FieldSpec("customer", .reference(.customer), required: true),
        FieldSpec("auditor", .text(maxLength: 64), required: true),
        FieldSpec("time", .timestamp, required: true),
        FieldSpec("fix", .location),
        FieldSpec("fix_accuracy_m", .decimal(minimum: 0)),
        FieldSpec("distance_m", .decimal(minimum: 0)),
        FieldSpec("outcome", .choice(of: VisitOutcome.self), required: true),
        FieldSpec("notes", .text(maxLength: 2000)),
        FieldSpec("hazards", .text(maxLength: 2000)),
        FieldSpec("retired", .flag),
        FieldSpec("fix_time", .timestamp),
        FieldSpec("fix_age_s", .decimal(minimum: 0)),
        // Where the position came from (gnss, typed, none) and the receiver's own report of it.
        FieldSpec("fix_source", .choice(of: FixSource.self)),
        FieldSpec("fix_quality", .text(maxLength: 20)),
        FieldSpec("fix_satellites", .integer(0...99)),
        FieldSpec("fix_hdop", .decimal(minimum: 0)),
        FieldSpec("fix_raw", .text(maxLength: 2000)),
        FieldSpec("typed_reason", .text(maxLength: 200)),
        // The tablet's signature over the visit and its place in the device's evidence chain.
        FieldSpec("signer", .text(maxLength: 64)),
        FieldSpec("chain_seq", .integer(1...Int64.max)),
        FieldSpec("chain_prev", .text(maxLength: 64)),
        FieldSpec("signature", .text(maxLength: 100)),
    ])

    /// A batch of an auditor's day track: breadcrumbs recorded by the tablet, signed and chained
    /// like visits. Never pulled by tablets; the server keeps them as evidence.
    public static let track = RecordSchema(kind: .track, fields: [
        FieldSpec("device", .text(maxLength: 64), required: true),
        FieldSpec("auditor", .text(maxLength: 64), required: true),
        FieldSpec("start", .timestamp, required: true),
        FieldSpec("end", .timestamp, required: true),
        // The points in the compact track text (`TrackCodec` of module Evidence).
        FieldSpec("points", .text(maxLength: 200_000), required: true),
        FieldSpec("point_count", .integer(0...100_000)),
        FieldSpec("work_order", .reference(.workOrder)),
        FieldSpec("retired", .flag),
        FieldSpec("signer", .text(maxLength: 64)),
        FieldSpec("chain_seq", .integer(1...Int64.max)),
        FieldSpec("chain_prev", .text(maxLength: 64)),
        FieldSpec("signature", .text(maxLength: 100)),
    ])
}
