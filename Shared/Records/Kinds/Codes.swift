/// What a customer's supply is used for.
public enum CustomerCategory: String, Sendable, CaseIterable, Codable {
    case residential, commercial, industrial, agricultural, `public`
}

/// The state of a customer's account in the MIS.
public enum AccountStatus: String, Sendable, CaseIterable, Codable {
    case active, suspended, closed
}

/// What kind of equipment a device is.
public enum DeviceKind: String, Sendable, CaseIterable, Codable {
    case meter
    case currentTransformer = "current_transformer"
    case voltageTransformer = "voltage_transformer"
    case transformer, pole, `switch`, breaker, fuse, recloser, capacitor
}

/// The state a device was found in.
public enum DeviceStatus: String, Sendable, CaseIterable, Codable {
    case inService = "in_service"
    case faulty, tampered, removed, missing
}

/// The voltage level a device works at.
public enum VoltageLevel: String, Sendable, CaseIterable, Codable {
    case low = "lv", medium = "mv", high = "hv"
}

/// Where a work order stands.
public enum WorkOrderStatus: String, Sendable, CaseIterable, Codable {
    case draft, assigned
    case inProgress = "in_progress"
    case done, cancelled
}

/// How an auditor travels for a work order: the routing and the presence checks follow it.
public enum TravelProfile: String, Sendable, CaseIterable, Codable {
    /// Walking: every path and street except motorways and trunk roads; one-way rules do not apply.
    case foot
    /// Driving: public roads from motorway to service roads; tracks, paths and pedestrian zones are out;
    /// one-way rules apply.
    case car
}

/// What an auditor found at a customer.
public enum VisitOutcome: String, Sendable, CaseIterable, Codable {
    /// Every record was checked and is true.
    case verified
    /// Records were wrong and have been corrected.
    case corrected
    /// The customer or supply point could not be found.
    case notFound = "not-found"
    /// The site was found but could not be entered.
    case noAccess = "no-access"
}

extension FieldRule {
    /// A choice among the raw values of `Code`.
    static func choice<Code: CaseIterable & RawRepresentable<String>>(of _: Code.Type) -> FieldRule {
        .choice(Code.allCases.map(\.rawValue))
    }
}

/// Where a visit's position came from.
public enum FixSource: String, Sendable, CaseIterable, Codable {
    /// A satellite receiver (gpsd or NMEA): proof when near the site.
    case gnss
    /// Typed by the auditor, with a reason: never proof.
    case typed
    /// No position at all.
    case none
}
