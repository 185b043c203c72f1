extension RecordSchema {
    /// A safety hazard found on a visit, tracked until it is closed (see ``Hazard``).
    ///
    /// What was found (`type`, `severity`, `description`, `position`, `customer`, `visit`,
    /// `found_by`, `found_at`) is written once by the auditor's tablet; the life cycle (`state`,
    /// `owner`, `due`, the re-inspection) is written by the office, except a re-inspection's result,
    /// which the re-inspecting auditor's tablet writes. Each change carries who made it and when
    /// (`state_by`, `state_at`, and the record history).
    public static let hazard = RecordSchema(kind: .hazard, fields: [
        FieldSpec("type", .choice(of: HazardType.self), required: true, authority: .onSite),
        FieldSpec("severity", .choice(of: HazardSeverity.self), required: true, authority: .onSite),
        FieldSpec("description", .text(maxLength: 2000), required: true, authority: .onSite),
        FieldSpec("position", .location, authority: .onSite),
        FieldSpec("customer", .reference(.customer), required: true),
        FieldSpec("visit", .reference(.auditVisit)),
        FieldSpec("found_by", .text(maxLength: 64), required: true),
        FieldSpec("found_at", .timestamp, required: true),
        FieldSpec("state", .choice(of: HazardState.self), required: true),
        FieldSpec("state_by", .text(maxLength: 64)),
        FieldSpec("state_at", .timestamp),
        // The rectification: who does it and by when.
        FieldSpec("owner", .text(maxLength: 120)),
        FieldSpec("due", .date),
        // The re-inspection: the work order whose stop it is, its auditor and due date, and what was found.
        FieldSpec("reinspection_order", .reference(.workOrder)),
        FieldSpec("reinspection_by", .text(maxLength: 64)),
        FieldSpec("reinspection_due", .date),
        FieldSpec("reinspection_result", .choice(of: ReinspectionResult.self)),
        FieldSpec("reinspected_at", .timestamp),
        FieldSpec("reinspection_notes", .text(maxLength: 2000)),
        FieldSpec("notes", .text(maxLength: 2000)),
        FieldSpec("retired", .flag),
    ])
}
