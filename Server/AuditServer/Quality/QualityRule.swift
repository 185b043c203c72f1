import Shared

/// A data-quality rule: what it looks for is in its name; its settings are in the rules file
/// (``QualitySettings``), what a finding says in the message catalogue (`quality.rule.CODE`).
public enum QualityRule: String, CaseIterable, Sendable, Codable {
    case duplicateAccount = "duplicate_account"
    case duplicateMeterSerial = "duplicate_meter_serial"
    case meterWithoutCustomer = "meter_without_customer"
    case customerWithoutMeter = "customer_without_meter"
    case missingLocation = "missing_location"
    case locationOutsideArea = "location_outside_area"
    case farFromStreet = "far_from_street"
    case capacityCategory = "capacity_category"
    case tariffCategory = "tariff_category"
    case phoneMissing = "phone_missing"
    case phoneInvalid = "phone_invalid"
    case emailMissing = "email_missing"
    case emailInvalid = "email_invalid"
    case notAudited = "not_audited"
    case misConflictOpen = "mis_conflict_open"
    case presenceFlagged = "presence_flagged"
    case statusContradictsDevices = "status_contradicts_devices"

    /// The kind of record a finding of this rule is about.
    public var subjectKind: RecordKind {
        switch self {
        case .duplicateMeterSerial, .meterWithoutCustomer: .device
        default: .customer
        }
    }

    /// The field a finding points at, so that the tablet can show it beside that field.
    public var field: String {
        switch self {
        case .duplicateAccount: "account"
        case .duplicateMeterSerial: "serial"
        case .meterWithoutCustomer: "customer"
        case .customerWithoutMeter, .statusContradictsDevices: "account_status"
        case .missingLocation, .locationOutsideArea, .farFromStreet: "location"
        case .capacityCategory: "capacity_kva"
        case .tariffCategory: "tariff"
        case .phoneMissing, .phoneInvalid: "phone"
        case .emailMissing, .emailInvalid: "email"
        case .notAudited, .presenceFlagged: "last_visit"
        case .misConflictOpen: "conflict"
        }
    }

    /// Whether a finding follows from the record alone (checked when the record changes) rather
    /// than from other records or from the time (checked over the whole store on every run).
    public var readsOneRecord: Bool {
        switch self {
        case .missingLocation, .locationOutsideArea, .farFromStreet, .capacityCategory, .tariffCategory,
             .phoneMissing, .phoneInvalid, .emailMissing, .emailInvalid: true
        default: false
        }
    }
}

extension QualityRule {
    /// Whether an auditor's visit that verified or corrected the customer after its last change
    /// closes the finding, which stays closed until the record changes again: the auditor saw
    /// on site that the record is right (a large residential supply that is real). A visit does
    /// not close what is about the visits themselves, the MIS's conflicts, or meters.
    public var closesOnAudit: Bool {
        switch self {
        case .notAudited, .presenceFlagged, .misConflictOpen, .duplicateMeterSerial, .meterWithoutCustomer: false
        default: true
        }
    }
}
