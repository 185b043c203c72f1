extension VisitOutcome {
    /// The outcome's name for a person in `language` (the raw value stays the word scripts use).
    public func label(in language: Language) -> String {
        switch self {
        case .verified: language.localized("outcome.verified")
        case .corrected: language.localized("outcome.corrected")
        case .notFound: language.localized("outcome.not_found")
        case .noAccess: language.localized("outcome.no_access")
        }
    }
}

extension WorkOrderStatus {
    /// The status's name for a person in `language`.
    public func label(in language: Language) -> String {
        switch self {
        case .draft: language.localized("order_status.draft")
        case .assigned: language.localized("order_status.assigned")
        case .inProgress: language.localized("order_status.in_progress")
        case .done: language.localized("order_status.done")
        case .cancelled: language.localized("order_status.cancelled")
        }
    }

    /// The name of the status written `raw` in `language`; `raw` itself when it names none.
    public static func label(_ raw: String, in language: Language) -> String {
        WorkOrderStatus(rawValue: raw)?.label(in: language) ?? raw
    }
}

extension TravelProfile {
    /// The profile's name for a person in `language` (`步行` for `foot`; English keeps the word
    /// `--travel` takes).
    public func label(in language: Language) -> String {
        switch self {
        case .foot: language.localized("travel.foot")
        case .car: language.localized("travel.car")
        }
    }
}
